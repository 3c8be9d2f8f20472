import { DEFAULT_NOW } from '../core/aws-values.ts';
import { Random } from '../core/random.ts';
import { ScenarioError } from './errors.ts';
import { checkInteger, checkNumber, checkOneOf, describeValue } from './errors.ts';

/**
 * Node.js managed runtime profiles (docs/harness.md "Runtime profiles"). `nodejs24.x` rejects callback handlers and
 * has no `context.succeed/fail/done` (aws-behaviour §5.2). `nodejs18.x` (deprecated by AWS) is still accepted.
 */
export type NodeRuntime = 'nodejs18.x' | 'nodejs20.x' | 'nodejs22.x' | 'nodejs24.x';

/** The error a `nodejs24.x` function reports for a callback handler: undocumented by AWS, inferred, configurable. */
export interface CallbackHandlerError {
  errorType: string;
  errorMessage: string;
}

/** Default `callbackHandlerError` (docs/decisions/harness-runtime-profiles.md). */
export const CALLBACK_HANDLER_ERROR: Readonly<CallbackHandlerError> = Object.freeze({
  errorType: 'Runtime.CallbackHandlerDeprecated',
  errorMessage:
    'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
    'You need to modify this function to use a supported handler signature to use Node.js 24 or later.',
});

/** Lambda Managed Instances: how many invocations one execution environment runs at once. */
export interface ConcurrencyOptions {
  /** Invocations interleaved on one module instance, 1–1000. Default 1 (on-demand Lambda). */
  perEnvironment: number;
}

/** The function's configuration, as `CreateFunction` takes it. */
export interface FunctionOptions {
  /** Function name. Default `my-function`. */
  functionName?: string;
  /** Version that runs. Default `$LATEST`. */
  functionVersion?: string;
  /** Alias the caller used (shows in `invokedFunctionArn`). Default none. */
  alias?: string;
  /** Default `us-east-1`. */
  region?: string;
  /** Default `123456789012`. */
  accountId?: string;
  /** Function timeout in seconds (fractions allowed for fast tests), ≤ 900 (aws-behaviour §6). Default 3. */
  timeout?: number;
  /** Memory in MB, 128–10 240 (aws-behaviour §6). Default 128. */
  memorySize?: number;
  /** The function's environment variables (≤ 4 KB in total, aws-behaviour §6). */
  environment?: Record<string, string>;
  /** Runtime profile: `nodejs20.x`, `nodejs22.x` or `nodejs24.x` (rejects callback handlers). Default `nodejs22.x`. */
  runtime?: NodeRuntime;
  /** What `nodejs24.x` reports for a callback handler. Default `Runtime.CallbackHandlerDeprecated` (inferred). */
  callbackHandlerError?: CallbackHandlerError;

  /** Timeout payload: `current` (`Sandbox.Timedout`, default) or `legacy` (no errorType), aws-behaviour §1.2. */
  timeoutPayload?: 'current' | 'legacy';
  /** `X-Amz-Function-Error` for errors the function reports. Default `Unhandled` (aws-behaviour §1.2). */
  functionError?: 'Unhandled' | 'Handled';
  /** `capture` (default: captured, not printed), `passthrough` (captured and printed) or `off`. */
  logs?: 'capture' | 'passthrough' | 'off';
}

/** A function configuration resolved once and reused for every invocation. */
export interface PreparedFunction {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly functionArn: string;
  readonly invokedFunctionArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly timeoutMs: number;
  readonly memorySize: number;
  readonly memoryString: string;
  readonly runtime: NodeRuntime;
  /** `INIT_START Runtime Version:` value, e.g. `nodejs:22`. */
  readonly runtimeVersion: string;
  readonly callbackHandlerError: Readonly<CallbackHandlerError>;
  readonly timeoutPayload: 'current' | 'legacy';
  readonly functionError: 'Unhandled' | 'Handled';
  readonly logs: 'capture' | 'passthrough' | 'off';
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly env: Readonly<Record<string, string>>;
}

const RUNTIMES: readonly NodeRuntime[] = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'];
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Validates and resolves a function configuration; throws ScenarioError naming the field. */
export function prepareFunction(options: FunctionOptions = {}, fieldPrefix = ''): PreparedFunction {
  const f = (name: string) => `${fieldPrefix}${name}`;
  const functionName = options.functionName ?? 'my-function';
  if (typeof functionName !== 'string' || !NAME.test(functionName)) {
    throw new ScenarioError(
      f(fieldPrefix ? 'name' : 'functionName'),
      `expected 1–64 letters, digits, - or _, received ${describeValue(functionName)}`,
    );
  }
  const timeout = checkNumber(f('timeout'), options.timeout, 0.001, 900) ?? 3;
  const memorySize = options.memorySize ?? 128;
  if (!Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10_240) {
    throw new ScenarioError(f('memorySize'), `expected integer 128–10240, received ${describeValue(memorySize)}`);
  }
  const runtime = checkOneOf(f('runtime'), options.runtime, RUNTIMES) ?? 'nodejs22.x';
  const callbackHandlerError = checkCallbackHandlerError(f('callbackHandlerError'), options.callbackHandlerError);
  const timeoutPayload = checkOneOf(f('timeoutPayload'), options.timeoutPayload, ['current', 'legacy']) ?? 'current';
  const functionError = checkOneOf(f('functionError'), options.functionError, ['Unhandled', 'Handled']) ?? 'Unhandled';
  const logs = checkOneOf(f('logs'), options.logs, ['capture', 'passthrough', 'off']) ?? 'capture';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const functionVersion = options.functionVersion ?? '$LATEST';
  const environment = options.environment ?? {};
  if (typeof environment !== 'object' || environment === null || Array.isArray(environment)) {
    throw new ScenarioError(f('environment'), `expected an object of strings, received ${describeValue(environment)}`);
  }
  let envBytes = 0;
  for (const [key, value] of Object.entries(environment)) {
    if (typeof value !== 'string') {
      throw new ScenarioError(f(`environment.${key}`), `expected string, received ${describeValue(value)}`);
    }
    envBytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (envBytes > 4096) {
    throw new ScenarioError(
      f('environment'),
      `expected at most 4096 bytes in total (aws-behaviour §6), received ${envBytes}`,
    );
  }
  const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
  const qualifier = options.alias ?? (functionVersion === '$LATEST' ? undefined : functionVersion);
  const day = new Date(DEFAULT_NOW).toISOString().slice(0, 10).replaceAll('-', '/');
  const logGroupName = `/aws/lambda/${functionName}`;
  const logStreamName = `${day}/[${functionVersion}]${new Random(hash(functionName)).hex(32)}`;
  const env: Record<string, string> = {
    ...environment,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: functionVersion,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${runtime}`,
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    _HANDLER: 'index.handler',
  };
  return {
    functionName,
    functionVersion,
    functionArn,
    invokedFunctionArn: qualifier === undefined ? functionArn : `${functionArn}:${qualifier}`,
    region,
    accountId,
    timeoutMs: Math.round(timeout * 1000),
    memorySize,
    memoryString: String(memorySize),
    runtime,
    runtimeVersion: `nodejs:${runtime.slice(6, 8)}`,
    callbackHandlerError,
    timeoutPayload,
    functionError,
    logs,
    logGroupName,
    logStreamName,
    env,
  };
}

function checkCallbackHandlerError(field: string, value: unknown): Readonly<CallbackHandlerError> {
  if (value === undefined) return CALLBACK_HANDLER_ERROR;
  const v = value as Partial<CallbackHandlerError> | null;
  if (typeof v !== 'object' || v === null || typeof v.errorType !== 'string' || typeof v.errorMessage !== 'string') {
    throw new ScenarioError(
      field,
      `expected { errorType: string, errorMessage: string }, received ${describeValue(value)}`,
    );
  }
  return { errorType: v.errorType, errorMessage: v.errorMessage };
}

/** Checks `concurrency: { perEnvironment }` (Lambda Managed Instances); returns N, 1 when absent. */
export function checkConcurrency(field: string, value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError(field, `expected { perEnvironment: integer 1–1000 }, received ${describeValue(value)}`);
  }
  return checkInteger(`${field}.perEnvironment`, (value as { perEnvironment?: unknown }).perEnvironment, 1, 1000) ?? 1;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

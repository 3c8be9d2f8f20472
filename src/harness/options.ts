/**
 * One declared option set per simulator, checked by one function: a misspelled option is an error naming it and
 * the known ones, and a setting AWS has but the harness does not simulate raises UnsimulatedSettingError.
 * Nothing is ignored silently (see docs/decisions/harness-options.md).
 */
import { formatMessage, LambdaHarnessError } from '../errors.ts';
import { ScenarioError } from './errors.ts';

/**
 * A setting AWS has that the harness does not simulate; `setting` names it in dotted form.
 * @example
 * // [lambda-harness] vpcConfig: AWS setting not simulated by the harness: …
 */
export class UnsimulatedSettingError extends LambdaHarnessError {
  override name = 'UnsimulatedSettingError';
  constructor(
    readonly setting: string,
    text: string,
  ) {
    super(formatMessage({ path: setting, text: `AWS setting not simulated by the harness: ${text}` }), {
      code: 'UNSIMULATED_SETTING',
      path: setting,
    });
  }
}

/** The options one simulator reads, and AWS settings it refuses (setting → why, with the AWS page). */
export interface OptionSet {
  readonly known: ReadonlySet<string>;
  readonly unsimulated: Readonly<Record<string, string>>;
}

/**
 * Declares an option set from the keys it reads and the AWS settings it does not simulate.
 * @example
 * const SET = defineOptions(['batchSize'], { startingPosition: 'records are read from the start' });
 */
export function defineOptions(
  known: readonly string[],
  unsimulated: Readonly<Record<string, string>> = {},
  ...extends_: readonly OptionSet[]
): OptionSet {
  const all = new Set(known);
  const refused: Record<string, string> = {};
  for (const base of extends_) {
    for (const key of base.known) all.add(key);
    Object.assign(refused, base.unsimulated);
  }
  Object.assign(refused, unsimulated);
  for (const key of all) delete refused[key];
  return { known: all, unsimulated: refused };
}

/**
 * Checks every key of `options` against `set`: an unsimulated AWS setting throws UnsimulatedSettingError, an
 * unknown key a ScenarioError listing the known ones. `prefix` names where the options sit (`frontEnd.`).
 * Keys whose value is `undefined` are checked too (a misspelling is a misspelling).
 */
export function checkOptions(set: OptionSet, options: unknown, prefix = ''): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ScenarioError(prefix.replace(/\.$/, '') || 'options', 'expected an options object');
  }
  for (const key in options) {
    if (!Object.hasOwn(options, key) || set.known.has(key)) continue;
    const why = Object.hasOwn(set.unsimulated, key) ? set.unsimulated[key] : undefined;
    if (why !== undefined) throw new UnsimulatedSettingError(`${prefix}${key}`, why);
    throw new ScenarioError(`${prefix}${key}`, `unknown option; known: ${[...set.known].join(', ')}`);
  }
}

const FUNCTIONS_API = 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html';

/** The function configuration every simulator reads (`FunctionOptions`), and function settings not simulated. */
export const FUNCTION_OPTIONS = defineOptions(
  [
    'functionName',
    'functionVersion',
    'alias',
    'region',
    'accountId',
    'timeout',
    'memorySize',
    'environment',
    'runtime',
    'timeoutPayload',
    'functionError',
    'logs',
    'callbackHandlerError',
    'concurrency',
  ],
  {
    architectures: `the handler runs on this machine's architecture (${FUNCTIONS_API})`,
    ephemeralStorage: `/tmp size is not limited (${FUNCTIONS_API})`,
    layers: `layers are not loaded; import their code directly (${FUNCTIONS_API})`,
    vpcConfig: `no network isolation or ENI setup is simulated (${FUNCTIONS_API})`,
    fileSystemConfigs: `EFS mounts are not simulated (${FUNCTIONS_API})`,
    tracingConfig: `X-Ray tracing is not simulated (${FUNCTIONS_API})`,
    snapStart: `SnapStart is not simulated (${FUNCTIONS_API})`,
    kmsKeyArn: `environment encryption is not simulated (${FUNCTIONS_API})`,
    loggingConfig: `log format and levels are not simulated; use the logs option (${FUNCTIONS_API})`,
    provisionedConcurrency:
      'provisioned concurrency is not simulated (https://docs.aws.amazon.com/lambda/latest/dg/provisioned-concurrency.html)',
  },
);

/** `invoke` options: the function configuration plus per-call values. */
export const INVOKE_OPTIONS = defineOptions(
  [
    'requestId',
    'seed',
    'callerTimeoutMs',
    'identity',
    'clientContext',
    'tenantId',
    'maxRequestBytes',
    'maxResponseBytes',
    'fault',
  ],
  {
    invocationType:
      'invoke is RequestResponse; use invokeAsync for Event (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html)',
    logType:
      'the log tail is always returned as logTail (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html)',
  },
  FUNCTION_OPTIONS,
);

/** `invokeAsync` options: the function configuration plus the asynchronous invocation configuration. */
export const ASYNC_OPTIONS = defineOptions(
  [
    'maximumRetryAttempts',
    'maximumEventAgeInSeconds',
    'eventAgeLookAhead',
    'reservedConcurrency',
    'deadLetterQueue',
    'destinations',
    'payloadLimit',
    'retryJitter',
    'throttleJitter',
    'duplicateRate',
    'faults',
    'seed',
    'until',
  ],
  {
    recursiveLoop:
      'recursive loop detection is not simulated (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html)',
  },
  FUNCTION_OPTIONS,
);

/** The run options every event source mapping simulation reads besides the mapping itself. */
export const MAPPING_RUN_OPTIONS = defineOptions(
  ['faults', 'duplicateRate', 'invocationDurationMs', 'seed', 'until'],
  {},
  FUNCTION_OPTIONS,
);

const ESM_API = 'https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html';

/** `CreateEventSourceMapping` settings no poller simulates. */
export const UNSIMULATED_MAPPING_SETTINGS: Readonly<Record<string, string>> = {
  startingPosition: `records are read from the first one given (TRIM_HORIZON) (${ESM_API})`,
  startingPositionTimestamp: `records are read from the first one given (${ESM_API})`,
  enabled: `a mapping is always enabled while it runs (${ESM_API})`,
  kmsKeyArn: `filter criteria encryption is not simulated (${ESM_API})`,
  metricsConfig: `mapping metrics are not simulated (${ESM_API})`,
  provisionedPollerConfig: `provisioned pollers are not simulated (${ESM_API})`,
};

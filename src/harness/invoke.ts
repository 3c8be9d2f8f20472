import { checkOptions, FUNCTION_OPTIONS, INVOKE_OPTIONS } from './options.ts';
import { DEFAULT_SEED } from '../core/define-event.ts';
import { Random } from '../core/random.ts';
import { type ClientContext, type CognitoIdentity, LambdaContext } from './context.ts';
import { addDeadline, cancelDeadline } from './deadlines.ts';
import { enterEnvironment, guardLateWrites } from './environment.ts';
import {
  type EnvironmentStart,
  environmentOf,
  type ExecutionEnvironment,
  type RuntimeExit,
} from './execution-environment.ts';
import { EventLoopTracker } from './event-loop.ts';
import { requestId as nextId } from './ids.ts';
import { type FunctionOptions, type PreparedFunction, prepareFunction } from './function-config.ts';
import type { ErrorPayload, InvocationStatus } from './ledger.ts';
import { base64Tail, beginCapture, endCapture, type LogSink } from './log-capture.ts';
import { currentInvocation, enterGuard, type GuardedInvocation, leaveGuard, runGuarded } from './process-guard.ts';
import { assertRealClock, realNow, realPerformanceNow } from './real-clock.ts';
import {
  copyJson,
  errorPayload,
  exceeds,
  NOT_PLAIN,
  type InvocationError,
  requestTooLarge,
  SYNC_REQUEST_LIMIT,
  SYNC_RESPONSE_LIMIT,
  timeoutPayload,
} from './payload.ts';

// biome-ignore lint/suspicious/noExplicitAny: handlers of every event type (and typed with @types/aws-lambda) are accepted.
type Loose = any;

/** Any Lambda handler: async `(event, context)` or callback `(event, context, callback)` style. */
export type Handler = (
  event: Loose,
  context: LambdaContext,
  callback: (error?: Loose, result?: Loose) => void,
) => Loose;

/** A fault injected into one attempt instead of running the handler (`duplicate` runs it twice). */
export type FaultKind = 'throttle' | 'timeout' | 'error' | 'duplicate' | 'system-error';

/** Options of one synchronous invocation (function configuration plus per-call values). */
export interface InvokeOptions extends FunctionOptions {
  /** The invocation's request id. Default: fresh per invocation, from `seed`. */
  requestId?: string;
  /** Seed of the request id stream. Default: a process-wide stream seeded with 42. */
  seed?: number;
  /** The caller's own deadline (e.g. an API Gateway integration timeout) raced with the function's. */
  callerTimeoutMs?: number;
  identity?: CognitoIdentity;
  clientContext?: ClientContext;
  tenantId?: string;
  /** Sync request limit in bytes. Default 6 MB (aws-behaviour §6). */
  maxRequestBytes?: number;
  /** Sync response limit in bytes. Default 6 MB + 100 B, as AWS enforces it. */
  maxResponseBytes?: number;
  /** Replace this invocation's outcome with a fault (testing retries and front-ends). */
  fault?: Exclude<FaultKind, 'duplicate'>;
}

/** The result of one invocation, as the caller of the Invoke API sees it (aws-behaviour §1). */
export interface InvokeResult {
  status: InvocationStatus;
  /** The JSON response (`null` when the handler returned nothing); on success only. */
  response?: unknown;
  /** AWS's error payload on `error` and `timeout` (aws-behaviour §1.2). */
  error?: ErrorPayload;
  /** `X-Amz-Function-Error` on function errors and timeouts. */
  functionError?: 'Unhandled' | 'Handled';
  /** Invoke API error (413, 429, 500…) when the handler did not run. */
  invocationError?: InvocationError;
  /** Which deadline fired on `timeout`. */
  timedOutBy?: 'function' | 'caller';
  requestId: string;
  /** Real milliseconds the handler ran (the function timeout for injected timeouts). */
  durationMs: number;
  /** The invocation's log lines in the runtime's format. */
  logs: string;
  /** Last 4 KB of the execution log (START … REPORT), base64: `X-Amz-Log-Result` (aws-behaviour §1.1). */
  readonly logTail: string;
  /** The handler ran (false for throttles and rejected requests). */
  ran: boolean;
  /** `X-Amz-Executed-Version`: the version that ran (aws-behaviour §1.1). */
  readonly executedVersion: string;
  /**
   * The invocation started a new execution environment (Init phase): the handler's first invocation, or the first
   * after its environment ended (runtime exit or function timeout). False for warm invocations and when it did not run.
   */
  coldStart: boolean;
  /**
   * The handler's module state is fresh for this invocation's environment. A handler given as a function cannot be
   * re-evaluated by the harness: after a restart it reports `coldStart: true` with `freshModule: false`.
   */
  freshModule: boolean;
  /** Real milliseconds the Init phase took on a cold start (re-importing a module handler). */
  initDurationMs?: number | undefined;
}

class Result implements InvokeResult {
  status: InvocationStatus = 'success';
  declare response?: unknown;
  declare error?: ErrorPayload;
  declare functionError?: 'Unhandled' | 'Handled';
  declare invocationError?: InvocationError;
  declare timedOutBy?: 'function' | 'caller';
  durationMs = 0;
  logs = '';
  ran = false;
  coldStart = false;
  freshModule = false;
  declare initDurationMs?: number | undefined;
  readonly requestId: string;
  readonly #fn: PreparedFunction;
  constructor(requestId: string, fn: PreparedFunction) {
    this.requestId = requestId;
    this.#fn = fn;
  }

  get executedVersion(): string {
    return this.#fn.functionVersion;
  }

  get logTail(): string {
    const id = this.requestId;
    const d = this.durationMs.toFixed(2);
    const billed = Math.max(1, Math.ceil(this.durationMs));
    const init = this.coldStart ? `INIT_START Runtime Version: ${this.#fn.runtimeVersion}\n` : '';
    const initDuration = this.coldStart ? `Init Duration: ${(this.initDurationMs ?? 0).toFixed(2)} ms\t` : '';
    const text =
      `${init}START RequestId: ${id} Version: ${this.#fn.functionVersion}\n${this.logs}END RequestId: ${id}\n` +
      `REPORT RequestId: ${id}\tDuration: ${d} ms\tBilled Duration: ${billed} ms\t` +
      `Memory Size: ${this.#fn.memorySize} MB\tMax Memory Used: ${this.#maxMemoryUsed()} MB\t${initDuration}\n`;
    return base64Tail(text, 4096);
  }

  #maxMemoryUsed(): number {
    return Math.min(this.#fn.memorySize, Math.ceil(process.memoryUsage.rss() / 1_048_576));
  }

  toJSON(): InvokeResult {
    return { ...this, executedVersion: this.executedVersion, logTail: this.logTail };
  }
}

// biome-ignore lint/complexity/useArrowFunction: we need the AsyncFunction constructor.
const AsyncFunction = async function () {}.constructor;

const FUNCTION_TIMEOUT = { kind: 'timeout', by: 'function' } as const;
const CALLER_TIMEOUT = { kind: 'timeout', by: 'caller' } as const;
/** What `context.fail()` / a rejection with no reason reports: RIC calls `done('handled')` (aws-behaviour §1.2). */
const HANDLED = 'handled';
const FUNCTION_TIMEOUT_EXIT: ErrorPayload = { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out' };

type Settled =
  | { kind: 'success'; value: unknown }
  | { kind: 'error'; payload: ErrorPayload }
  | { kind: 'timeout'; by: 'function' | 'caller' }
  | { kind: 'exit'; payload: ErrorPayload };

/** Per-call values of `runInvocation`. */
export interface InvocationInput {
  requestId: string;
  callerTimeoutMs?: number | undefined;
  identity?: CognitoIdentity | undefined;
  clientContext?: ClientContext | undefined;
  tenantId?: string | undefined;
  maxRequestBytes?: number | undefined;
  maxResponseBytes?: number | undefined;
  fault?: Exclude<FaultKind, 'duplicate'> | undefined;
  /** Serialized event when the caller already has it. */
  payload?: string | undefined;
  /** `JSON.parse(payload)`, owned by the caller and never handed out: each invocation gets a copy of it. */
  parsed?: unknown;
}

/** The error outcome of a thrown or rejected value, its payload read now (aws-behaviour §1.2). */
function failed(value: unknown): Settled {
  return { kind: 'error', payload: errorPayload(value) };
}

/** One invocation in flight: its outcome (first answer wins) and what the process guard needs. */
class Invocation implements GuardedInvocation {
  ended = false;
  settled: Settled | undefined;
  env: NodeJS.ProcessEnv | undefined;
  #resolve!: (s: Settled) => void;
  readonly done = new Promise<Settled>((r) => {
    this.#resolve = r;
  });

  constructor(
    readonly requestId: string,
    readonly environment: ExecutionEnvironment,
    readonly deadline: number,
    readonly callerDeadline: number,
  ) {}

  finish(s: Settled): void {
    if (this.settled !== undefined) return;
    // A handler that answers after its deadline (CPU-bound, no chance for the timer to fire) has timed out.
    if (s.kind === 'success' || s.kind === 'error') {
      const now = realNow();
      if (now >= this.deadline || now >= this.callerDeadline) {
        s = this.callerDeadline < this.deadline ? CALLER_TIMEOUT : FUNCTION_TIMEOUT;
      }
    }
    this.settled = s;
    this.#resolve(s);
  }

  runtimeExit(exit: RuntimeExit): void {
    this.finish({ kind: 'exit', payload: exit.payload });
  }
}

/**
 * Runs one invocation of `handler` as the Lambda Node.js runtime does (aws-behaviour §1, §5): the event goes through
 * JSON, the timeout is raced (a hung handler never hangs the caller), errors become AWS's payload, and process-level
 * failures (unhandled rejection, uncaught exception, `process.exit`) fail the invocation and restart its environment.
 */
export async function runInvocation(
  fn: PreparedFunction,
  handler: Handler,
  event: unknown,
  input: InvocationInput,
): Promise<InvokeResult> {
  const result = new Result(input.requestId, fn);
  const requestLimit = input.maxRequestBytes ?? SYNC_REQUEST_LIMIT;
  let payload = input.payload;
  // The handler's copy of the event: what JSON.parse(JSON.stringify(event)) gives, without the text when possible.
  let copy: unknown = NOT_PLAIN;
  if (payload === undefined) {
    try {
      copy = copyJson(event, requestLimit);
      if (copy === undefined) copy = null;
      else if (copy === NOT_PLAIN) payload = JSON.stringify(event) ?? 'null';
    } catch (cause) {
      // A getter or proxy trap threw, or a value JSON cannot encode (cycles, BigInt): AWS rejects the request.
      result.status = 'error';
      result.invocationError = {
        statusCode: 400,
        errorType: 'InvalidRequestContentException',
        message: `Could not parse request body into json: ${errorPayload(cause).errorMessage}`,
      };
      result.error = { errorType: 'InvalidRequestContentException', errorMessage: result.invocationError.message };
      return result;
    }
  } else if (input.parsed !== undefined) {
    copy = copyJson(input.parsed, Number.POSITIVE_INFINITY);
  }
  if (payload !== undefined && exceeds(payload, requestLimit) !== undefined) {
    result.status = 'error';
    result.invocationError = requestTooLarge(requestLimit);
    result.error = { errorType: 'RequestTooLargeException', errorMessage: result.invocationError.message };
    return result;
  }
  const fault = input.fault;
  if (fault !== undefined) return injectFault(result, fn, fault);
  assertRealClock();

  const environment = environmentOf(handler);
  const begun = environment.begin();
  let start: EnvironmentStart;
  try {
    start = begun instanceof Promise ? await begun : begun;
  } catch (cause) {
    // Re-importing the handler's module failed (its top level threw): an Init error, never a rejected invoke.
    result.ran = true;
    result.coldStart = true;
    const reason = cause instanceof Error && cause.cause !== undefined ? cause.cause : cause;
    const { errorMessage } = errorPayload(reason);
    return functionFailed(result, fn, { errorType: 'Runtime.ImportModuleError', errorMessage, trace: [] }, 'Unhandled');
  }
  result.coldStart = start.coldStart;
  result.freshModule = start.freshModule;
  result.initDurationMs = start.coldStart ? start.initMs : undefined;
  const code = start.handler;

  if (fn.runtime === 'nodejs24.x' && code.length >= 3) {
    result.ran = true;
    return functionFailed(result, fn, { ...fn.callbackHandlerError, trace: [] }, 'Unhandled');
  }

  if (copy === NOT_PLAIN) copy = JSON.parse(payload as string);
  const sink: LogSink | undefined =
    fn.logs === 'off' ? undefined : { requestId: input.requestId, chunks: [], passthrough: fn.logs === 'passthrough' };
  if (sink !== undefined) beginCapture(sink);
  const restoreEnv = enterEnvironment(fn.env);
  const started = realPerformanceNow();
  const deadline = realNow() + fn.timeoutMs;
  const callerMs = input.callerTimeoutMs;
  const callerDeadline = callerMs === undefined ? Number.POSITIVE_INFINITY : deadline - fn.timeoutMs + callerMs;
  const inv = new Invocation(input.requestId, environment, deadline, callerDeadline);
  inv.env = process.env;
  enterGuard(inv);
  const tracker = code instanceof AsyncFunction ? undefined : new EventLoopTracker();
  let callbackResult: Settled | undefined;
  const context = new LambdaContext(
    {
      functionName: fn.functionName,
      functionVersion: fn.functionVersion,
      invokedFunctionArn: fn.invokedFunctionArn,
      memoryLimitInMB: fn.memoryString,
      awsRequestId: input.requestId,
      logGroupName: fn.logGroupName,
      logStreamName: fn.logStreamName,
      deadlineMs: deadline,
      identity: input.identity,
      clientContext: input.clientContext,
      tenantId: input.tenantId,
      legacyMethods: fn.runtime !== 'nodejs24.x',
    },
    // aws-behaviour §5.1: succeed/fail/done answer at once; fail() with no error is `done('handled')`.
    (_kind, error, value) => inv.finish(error != null ? failed(error) : { kind: 'success', value }),
  );
  const callback = (error?: unknown, value?: unknown) => {
    if (inv.settled !== undefined) return;
    // aws-behaviour §5.1: callback(err) is posted at once, whatever the event loop holds.
    if (error != null) {
      inv.finish(failed(error));
      return;
    }
    const s: Settled = { kind: 'success', value };
    if (tracker === undefined || !context.callbackWaitsForEmptyEventLoop) {
      inv.finish(s);
      return;
    }
    // aws-behaviour §5.1: with callbackWaitsForEmptyEventLoop the response leaves once the event loop drains.
    callbackResult ??= s;
    tracker.whenDrained(() => inv.finish(callbackResult as Settled));
  };
  const fnTimer = addDeadline(deadline, () => inv.finish(FUNCTION_TIMEOUT));
  const callerTimer =
    callerMs === undefined ? undefined : addDeadline(callerDeadline, () => inv.finish(CALLER_TIMEOUT));
  try {
    const returned = runGuarded(inv, () =>
      tracker === undefined ? code(copy, context, callback) : tracker.run(() => code(copy, context, callback)),
    );
    if (returned !== null && typeof returned === 'object' && typeof returned.then === 'function') {
      // RIC: `result.then(succeed, fail)`; a rejection with no reason fails as 'handled' (aws-behaviour §1.2).
      (returned as PromiseLike<unknown>).then(
        (value) => inv.finish({ kind: 'success', value }),
        (error) => inv.finish(failed(error ?? HANDLED)),
      );
    } else if (tracker !== undefined) {
      // aws-behaviour §5.2: a non-async handler that never calls back succeeds with null once the loop drains.
      tracker.whenDrained(() => inv.finish(callbackResult ?? { kind: 'success', value: null }));
    }
  } catch (error) {
    // RIC: a synchronous throw is `callback(error)`: undefined/null is no error at all (aws-behaviour §1.2).
    if (error != null) inv.finish(failed(error));
    else callback(undefined, undefined);
  }
  const outcome = await inv.done;
  cancelDeadline(fnTimer);
  if (callerTimer !== undefined) cancelDeadline(callerTimer);
  tracker?.stop();
  result.durationMs = realPerformanceNow() - started;
  restoreEnv();
  leaveGuard(inv);
  if (outcome.kind === 'timeout') {
    guardLateWrites(lateEnvironment);
    // AWS resets the execution environment after a function timeout: the next invocation is a cold start.
    if (outcome.by === 'function') environment.crash({ reason: 'timeout', payload: FUNCTION_TIMEOUT_EXIT });
  }
  if (sink !== undefined) {
    endCapture(sink);
    result.logs = sink.chunks.length === 0 ? '' : sink.chunks.join('');
  }
  result.ran = true;
  if (outcome.kind === 'success') {
    const limit = input.maxResponseBytes ?? SYNC_RESPONSE_LIMIT;
    let response: unknown;
    try {
      response = copyJson(outcome.value, limit);
    } catch (error) {
      return functionFailed(result, fn, errorPayload(error));
    }
    if (response !== NOT_PLAIN) {
      result.response = response === undefined ? null : response;
      return result;
    }
    let json: string | undefined;
    try {
      json = JSON.stringify(outcome.value);
    } catch (error) {
      return functionFailed(result, fn, errorPayload(error));
    }
    if (json === undefined) {
      result.response = null;
      return result;
    }
    if (exceeds(json, limit) !== undefined) {
      return functionFailed(
        result,
        fn,
        {
          errorType: 'Function.ResponseSizeTooLarge',
          // aws-behaviour §6: exactly this text, without the actual size.
          errorMessage: `Response payload size exceeded maximum allowed payload size (${limit} bytes).`,
        },
        'Unhandled',
      );
    }
    result.response = JSON.parse(json);
    return result;
  }
  if (outcome.kind === 'error') return functionFailed(result, fn, outcome.payload);
  if (outcome.kind === 'exit') return functionFailed(result, fn, outcome.payload, 'Unhandled');
  result.status = 'timeout';
  result.timedOutBy = outcome.by;
  if (outcome.by === 'function') {
    result.functionError = 'Unhandled';
    result.error = timeoutPayload(fn.timeoutPayload, input.requestId, fn.timeoutMs, result.durationMs);
  }
  return result;
}

/** The overlay a timed-out handler's late code ran with, so its `process.env` writes stay there. */
function lateEnvironment(): NodeJS.ProcessEnv | undefined {
  const inv = currentInvocation();
  return inv instanceof Invocation && inv.ended ? inv.env : undefined;
}

function functionFailed(
  result: Result,
  fn: PreparedFunction,
  error: ErrorPayload,
  functionError: 'Unhandled' | 'Handled' = fn.functionError,
): Result {
  result.status = 'error';
  result.error = error;
  result.functionError = functionError;
  return result;
}

function injectFault(result: Result, fn: PreparedFunction, fault: Exclude<FaultKind, 'duplicate'>): Result {
  switch (fault) {
    case 'throttle':
      result.status = 'throttled';
      result.invocationError = {
        statusCode: 429,
        errorType: 'TooManyRequestsException',
        message: 'Rate Exceeded.',
        reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      };
      return result;
    case 'system-error':
      result.status = 'error';
      result.invocationError = { statusCode: 500, errorType: 'ServiceException', message: 'Internal error (injected)' };
      result.error = { errorType: 'ServiceException', errorMessage: result.invocationError.message };
      return result;
    case 'timeout':
      result.ran = true;
      result.status = 'timeout';
      result.timedOutBy = 'function';
      result.functionError = 'Unhandled';
      result.durationMs = fn.timeoutMs;
      result.error = timeoutPayload(fn.timeoutPayload, result.requestId, fn.timeoutMs, fn.timeoutMs);
      return result;
    case 'error':
      result.ran = true;
      return functionFailed(result, fn, {
        errorType: 'InjectedError',
        errorMessage: `lambda-harness injected error (request ${result.requestId})`,
        trace: [],
      });
  }
}

let sharedIds: Random | undefined;
let lastOptions: InvokeOptions | undefined;
let lastSnapshot: unknown[] = [];
let lastPrepared: PreparedFunction | undefined;
const FUNCTION_KEYS = [...FUNCTION_OPTIONS.known] as (keyof FunctionOptions)[];

/** The function configuration's values, `environment` by entry: a mutated options object is seen as changed. */
function snapshot(options: InvokeOptions | undefined): unknown[] {
  const out: unknown[] = [];
  if (options === undefined) return out;
  for (const key of FUNCTION_KEYS) {
    const value = options[key];
    if (key === 'environment' && value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) out.push(k, v);
      out.push(undefined);
    } else out.push(value);
  }
  return out;
}

function sameSnapshot(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function prepared(options: InvokeOptions | undefined): PreparedFunction {
  checkOptions(INVOKE_OPTIONS, options);
  const now = snapshot(options);
  if (options === lastOptions && lastPrepared !== undefined && sameSnapshot(now, lastSnapshot)) return lastPrepared;
  const fn = prepareFunction(options);
  lastOptions = options;
  lastSnapshot = now;
  lastPrepared = fn;
  return fn;
}

/**
 * Invokes `handler` synchronously (`RequestResponse`) the way AWS does and returns what happened.
 * @example
 * const result = await invoke(handler, sqsEvent(), { timeout: 1 });
 * expect(result.status).toBe('success');
 */
export function invoke(handler: Handler, event: unknown, options?: InvokeOptions): Promise<InvokeResult> {
  let fn: PreparedFunction;
  try {
    fn = prepared(options);
  } catch (error) {
    return Promise.reject(error);
  }
  let requestId = options?.requestId;
  if (requestId === undefined) {
    if (options?.seed !== undefined) requestId = nextId(new Random(options.seed));
    else {
      sharedIds ??= new Random(DEFAULT_SEED);
      requestId = nextId(sharedIds);
    }
  }
  return runInvocation(fn, handler, event, {
    requestId,
    callerTimeoutMs: options?.callerTimeoutMs,
    identity: options?.identity,
    clientContext: options?.clientContext,
    tenantId: options?.tenantId,
    maxRequestBytes: options?.maxRequestBytes,
    maxResponseBytes: options?.maxResponseBytes,
    fault: options?.fault,
  });
}

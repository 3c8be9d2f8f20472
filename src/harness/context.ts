import type { ClientContext, CognitoIdentity } from 'aws-lambda';
import { realNow } from './real-clock.ts';

export type { ClientContext, CognitoIdentity };

/** What `context.succeed/fail/done` and the callback report; first call wins. */
export type Settle = (kind: 'callback' | 'legacy', error: unknown, value: unknown) => void;

/** The fields a context is built from. */
export interface ContextInit {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  /** Epoch ms at which the function times out. */
  deadlineMs: number;
  identity?: CognitoIdentity | undefined;
  clientContext?: ClientContext | undefined;
  tenantId?: string | undefined;
  /** `succeed/fail/done` exist (Node ≤22 runtimes); `nodejs24.x` removed them. Default true. */
  legacyMethods?: boolean | undefined;
}

/**
 * The `context` object as the Node.js runtime builds it (aws-behaviour §5.1): `memoryLimitInMB` is a string,
 * `getRemainingTimeInMillis()` counts down to the real deadline, legacy `succeed/fail/done` (first call wins).
 * @example
 * const remaining = context.getRemainingTimeInMillis();
 */
export class LambdaContext {
  callbackWaitsForEmptyEventLoop = true;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly identity: CognitoIdentity | undefined;
  readonly clientContext: ClientContext | undefined;
  readonly tenantId: string | undefined;
  #deadlineMs: number;
  #settle: Settle | undefined;

  constructor(init: ContextInit, settle?: Settle) {
    this.functionName = init.functionName;
    this.functionVersion = init.functionVersion;
    this.invokedFunctionArn = init.invokedFunctionArn;
    this.memoryLimitInMB = init.memoryLimitInMB;
    this.awsRequestId = init.awsRequestId;
    this.logGroupName = init.logGroupName;
    this.logStreamName = init.logStreamName;
    this.identity = init.identity;
    this.clientContext = init.clientContext;
    this.tenantId = init.tenantId;
    this.#deadlineMs = init.deadlineMs;
    this.#settle = settle;
    if (init.legacyMethods === false) {
      // nodejs24.x: calling them fails like calling any missing method (TypeError: context.succeed is not a function).
      const absent = { value: undefined, enumerable: false, configurable: true, writable: true };
      Object.defineProperties(this, { succeed: absent, fail: absent, done: absent });
    }
  }

  /** Milliseconds left before the function times out: `deadline − Date.now()` on the real clock, never negative. */
  getRemainingTimeInMillis(): number {
    return Math.max(0, this.#deadlineMs - realNow());
  }

  /** Legacy: responds with `value` at once (does not wait for the event loop). */
  succeed(value?: unknown): void {
    this.#settle?.('legacy', null, value);
  }

  /** Legacy: fails the invocation with `error` at once; with no error it fails as `"handled"` (aws-behaviour §5.1). */
  fail(error?: unknown): void {
    this.#settle?.('legacy', error ?? 'handled', undefined);
  }

  /** Legacy: `done(error, value)`. */
  done(error?: unknown, value?: unknown): void {
    this.#settle?.('legacy', error ?? null, value);
  }
}

/**
 * The outcome ledger: what `simulate` returns and `lambda-harness simulate --json` prints.
 * Field names are an exact contract (issue #3); extend, never rename.
 */

/** How one event ended. `filtered` and `redriven` come with event source mappings. */
export type Outcome = 'succeeded' | 'failed' | 'dead-lettered' | 'expired' | 'in-flight' | 'filtered' | 'redriven';

export interface LedgerEvent {
  readonly index: number;
  readonly outcome: Outcome;
  /** Handler attempts that carried this event. */
  readonly attempts: number;
  readonly reason?: string;
}

/** What the HTTP client of a front-end (API Gateway, ALB, function URL) receives. */
export interface ClientResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly multiValueHeaders?: Record<string, string[]>;
  readonly cookies?: string[];
  /** Set when the body is binary (not UTF-8) and therefore kept as base64. */
  readonly isBase64Encoded?: boolean;
}

export type InvocationStatus = 'success' | 'error' | 'timeout' | 'throttled';

/** AWS's error payload (aws-behaviour §1.2). The older timeout form has no errorType. */
export interface ErrorPayload {
  readonly errorType?: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export interface LedgerInvocation {
  /** Virtual milliseconds since the simulation started. */
  readonly at: number;
  readonly requestId: string;
  /** Indices of the events this invocation carried. */
  readonly events: readonly number[];
  readonly status: InvocationStatus;
  readonly durationMs: number;
  readonly response?: unknown;
  readonly error?: ErrorPayload;
  readonly client?: ClientResponse;
  /** Present on a cold start: the first invocation of an environment (also after a runtime exit or a timeout). */
  readonly coldStart?: true;
  /** Present (false) on a cold start whose module state is not fresh: a handler given as a function was restarted. */
  readonly freshModule?: false;
}

export interface DeadLetter {
  readonly event: number;
  readonly target: 'sqs' | 'sns';
  /** The DLQ message as AWS sends it. */
  readonly message: { readonly body: string; readonly messageAttributes: Record<string, unknown> };
}

export interface DestinationDelivery {
  readonly on: 'success' | 'failure';
  readonly target: 'sqs' | 'sns' | 'lambda' | 'eventbridge' | 's3' | 'kafka';
  /** The destination record exactly as AWS writes it: `version`, `timestamp`, `requestContext`, … */
  readonly record: unknown;
  /**
   * The message the target receives, the record wrapped per target: SQS `{ body }`, SNS `{ Message }`, the Lambda
   * event (the record itself), the EventBridge event (`detail` = the record), the S3 object `{ bucket, key, body }`.
   */
  readonly message: unknown;
}

export interface Ledger {
  readonly events: readonly LedgerEvent[];
  readonly invocations: readonly LedgerInvocation[];
  readonly deadLetters: readonly DeadLetter[];
  readonly destinations: readonly DestinationDelivery[];
  /** Virtual milliseconds at which the simulation ended. */
  readonly end: number;
}

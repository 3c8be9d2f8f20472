/** One violation of an event or response contract, as data. */
export interface Violation {
  /** JSON path in dotted/bracket form, e.g. `Records[0].body`; empty for the root. */
  readonly path: string;
  readonly expected: string;
  readonly received: string;
  readonly message: string;
  /** The cross-field rule that failed (strict profile), e.g. `md5-of-body`; absent for schema violations. */
  readonly rule?: string;
}

const PREFIX = '[lambda-harness]';

/** Formats one line the way every lambda-harness message reads. */
export function formatMessage(parts: { id?: string; path?: string; text: string; seed?: number }): string {
  const where = [parts.id, parts.path].filter((p) => p !== undefined && p !== '').join(': ');
  const seed = parts.seed === undefined ? '' : ` (seed ${parts.seed})`;
  return `${PREFIX} ${where ? `${where}: ` : ''}${parts.text}${seed}`;
}

/** The stable `code` of every lambda-harness error; match on it rather than on message text. */
export type LambdaHarnessErrorCode =
  | 'LAMBDA_HARNESS'
  | 'CONTRACT_VIOLATION'
  | 'INVALID_OVERRIDE'
  | 'UNKNOWN_EVENT_TYPE'
  | 'UNKNOWN_VARIANT'
  | 'FIXTURE'
  | 'INVALID_SCENARIO'
  | 'USAGE'
  | 'HANDLER_LOAD'
  | 'NO_RESPONSE_CONTRACT'
  | 'UNSIMULATED_SETTING'
  | 'VERIFY_USAGE'
  | 'VERIFY_FAILED';

/** What an error carries besides its message: where the problem is, what was expected and what was received. */
export interface LambdaHarnessErrorData {
  readonly code?: LambdaHarnessErrorCode;
  /** JSON path (or option, field, file) at fault; empty when the whole value is. */
  readonly path?: string;
  readonly expected?: string;
  readonly received?: string;
  readonly cause?: unknown;
}

/**
 * Base class of every error lambda-harness throws: a `[lambda-harness]` message, a stable `code`, and the `path`,
 * `expected` and `received` of the fault as data.
 * @example
 * try { sqsEvent({ Records: 5 } as never); } catch (e) { if (isLambdaHarnessError(e)) console.log(e.code, e.path); }
 */
export class LambdaHarnessError extends Error {
  override name = 'LambdaHarnessError';
  readonly code: LambdaHarnessErrorCode;
  readonly path: string;
  readonly expected: string | undefined;
  readonly received: string | undefined;

  constructor(message: string, data: LambdaHarnessErrorData = {}) {
    super(message, data.cause === undefined ? undefined : { cause: data.cause });
    this.code = data.code ?? 'LAMBDA_HARNESS';
    this.path = data.path ?? '';
    this.expected = data.expected;
    this.received = data.received;
  }
}

/** True for any error lambda-harness throws (whatever realm or copy of the package threw it). */
export function isLambdaHarnessError(value: unknown): value is LambdaHarnessError {
  return value instanceof LambdaHarnessError;
}

/** An event (or response) does not satisfy its JSON Schema contract; `path` and friends describe the first violation. */
export class ContractViolationError extends LambdaHarnessError {
  override name = 'ContractViolationError';
  readonly id: string;
  readonly violations: readonly Violation[];
  readonly seed: number | undefined;

  constructor(id: string, violations: readonly Violation[], seed?: number) {
    const lines = violations.map((v) => formatMessage({ id, path: v.path, text: v.message, seed }));
    const first = violations[0];
    super(lines.join('\n'), {
      code: 'CONTRACT_VIOLATION',
      path: first?.path ?? '',
      ...(first === undefined ? {} : { expected: first.expected, received: first.received }),
    });
    this.id = id;
    this.violations = violations;
    this.seed = seed;
  }
}

/** An override (or a build option) names a path the event does not have, or a value it cannot take. */
export class OverrideError extends LambdaHarnessError {
  override name = 'OverrideError';
  readonly id: string;

  constructor(
    id: string,
    path: string,
    text: string,
    data: { expected?: string; received?: string; cause?: unknown } = {},
  ) {
    super(formatMessage({ id, path, text }), { ...data, code: 'INVALID_OVERRIDE', path });
    this.id = id;
  }
}

/** No event type has this id. */
export class UnknownEventTypeError extends LambdaHarnessError {
  override name = 'UnknownEventTypeError';
  constructor(
    readonly id: string,
    known: readonly string[],
  ) {
    super(formatMessage({ text: `unknown event type "${id}"; known: ${known.join(', ')}` }), {
      code: 'UNKNOWN_EVENT_TYPE',
      path: 'id',
      expected: known.join(', '),
      received: String(id),
    });
  }
}

/** `validate(id, value, { response: true })` on a source whose service does not read the handler's answer. */
export class NoResponseContractError extends LambdaHarnessError {
  override name = 'NoResponseContractError';
  constructor(readonly id: string) {
    super(formatMessage({ id, text: "has no response contract: the service does not read the handler's answer" }), {
      code: 'NO_RESPONSE_CONTRACT',
    });
  }
}

/** The event type has no such variant. */
export class UnknownVariantError extends LambdaHarnessError {
  override name = 'UnknownVariantError';
  constructor(
    readonly id: string,
    readonly variant: string,
    known: readonly string[],
  ) {
    super(formatMessage({ id, text: `unknown variant "${variant}"; known: ${known.join(', ')}` }), {
      code: 'UNKNOWN_VARIANT',
      path: 'variant',
      expected: known.join(', '),
      received: String(variant),
    });
  }
}

/** A fixture file is missing, malformed, cannot be written, or differs from what its seed generates. */
export class FixtureError extends LambdaHarnessError {
  override name = 'FixtureError';
  constructor(
    readonly file: string,
    text: string,
    data: { path?: string; expected?: string; received?: string; cause?: unknown } = {},
  ) {
    super(formatMessage({ text: `${file}: ${text}` }), { ...data, code: 'FIXTURE', path: data.path ?? file });
  }
}

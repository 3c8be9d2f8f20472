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

/** Base class of every error lambda-harness throws. */
export class LambdaHarnessError extends Error {
  override name = 'LambdaHarnessError';
}

export function isLambdaHarnessError(value: unknown): value is LambdaHarnessError {
  return value instanceof LambdaHarnessError;
}

/** An event (or response) does not satisfy its JSON Schema contract. */
export class ContractViolationError extends LambdaHarnessError {
  override name = 'ContractViolationError';
  readonly id: string;
  readonly violations: readonly Violation[];
  readonly seed: number | undefined;

  constructor(id: string, violations: readonly Violation[], seed?: number) {
    const lines = violations.map((v) => formatMessage({ id, path: v.path, text: v.message, seed }));
    super(lines.join('\n'));
    this.id = id;
    this.violations = violations;
    this.seed = seed;
  }
}

/** An override names a path the event does not have, or a forbidden key. */
export class OverrideError extends LambdaHarnessError {
  override name = 'OverrideError';
  readonly id: string;
  readonly path: string;

  constructor(id: string, path: string, text: string) {
    super(formatMessage({ id, path, text }));
    this.id = id;
    this.path = path;
  }
}

/** No event type has this id. */
export class UnknownEventTypeError extends LambdaHarnessError {
  override name = 'UnknownEventTypeError';
  constructor(
    readonly id: string,
    known: readonly string[],
  ) {
    super(formatMessage({ text: `unknown event type "${id}"; known: ${known.join(', ')}` }));
  }
}

/** `validate(id, value, { response: true })` on a source whose service does not read the handler's answer. */
export class NoResponseContractError extends LambdaHarnessError {
  override name = 'NoResponseContractError';
  constructor(readonly id: string) {
    super(formatMessage({ id, text: "has no response contract: the service does not read the handler's answer" }));
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
    super(formatMessage({ id, text: `unknown variant "${variant}"; known: ${known.join(', ')}` }));
  }
}

/** A fixture file is missing, malformed, or differs from what its seed generates. */
export class FixtureError extends LambdaHarnessError {
  override name = 'FixtureError';
  constructor(
    readonly file: string,
    text: string,
  ) {
    super(formatMessage({ text: `${file}: ${text}` }));
  }
}

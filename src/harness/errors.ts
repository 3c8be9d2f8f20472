import { formatMessage, LambdaHarnessError } from '../errors.ts';

/**
 * A scenario or a harness option is invalid; `field` names it in dotted form.
 * @example
 * // [lambda-harness] function.maximumRetryAttempts: expected integer 0–2, received 5
 */
export class ScenarioError extends LambdaHarnessError {
  override name = 'ScenarioError';
  constructor(
    readonly field: string,
    text: string,
    options?: { cause?: unknown },
  ) {
    super(formatMessage({ path: field, text }), { ...options, code: 'INVALID_SCENARIO', path: field });
  }
}

/** Describes a received value briefly for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return String(value);
}

/** Checks an optional integer option lies in [min, max]; throws ScenarioError naming the field. */
export function checkInteger(field: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ScenarioError(field, `expected integer ${min}–${max}, received ${describeValue(value)}`);
  }
  return value;
}

/** Checks an optional number option lies in [min, max] (inclusive). */
export function checkNumber(field: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ScenarioError(field, `expected number ${min}–${max}, received ${describeValue(value)}`);
  }
  return value;
}

/** Checks an optional value is one of `allowed`. */
export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ScenarioError(
      field,
      `expected one of ${allowed.map((a) => `"${a}"`).join(', ')}, received ${describeValue(value)}`,
    );
  }
  return value as T;
}

/** Checks an optional boolean option. */
export function checkBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new ScenarioError(field, `expected boolean, received ${describeValue(value)}`);
  return value;
}

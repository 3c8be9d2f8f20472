import { formatPath, type PathSegment } from './schema.ts';

/** One broken cross-field rule, as the rule reports it. */
export interface RuleFinding {
  /** Where the wrong value is. */
  readonly path: readonly PathSegment[];
  /** What AWS would have sent there; names the other paths involved, e.g. `md5 of Records[0].body (…)`. */
  readonly expected: string;
  /** What is there. Strings are shown quoted and cut; pass `show(value)` or a description. */
  readonly received: string;
}

/**
 * A cross-field rule of the strict profile: something AWS guarantees that a JSON Schema cannot say (an md5 of
 * another field, an ARN on the event's region, one queue per batch…). `check` runs only on values the strict
 * schema accepts, so it may rely on the JSON types the schema guarantees.
 */
export interface ContractRule<T = never> {
  /** Stable id, reported as `rule` (e.g. `md5-of-body`). */
  readonly id: string;
  /** One sentence: what AWS guarantees. */
  readonly description: string;
  readonly check: (value: T, report: (finding: RuleFinding) => void) => void;
}

/** Declares a rule; the identity function, for type inference. */
export function defineRule<T>(rule: ContractRule<T>): ContractRule<T> {
  return rule;
}

/** Shows a value in an error message: JSON, cut at 60 characters. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `path` formatted for messages (`Records[0].body`). */
export const at = (...segments: PathSegment[]): string => formatPath(segments);

import { definitions } from '../generators/registry.gen.ts';
import type { ValidationResult } from './contracts/validate.ts';
import { assertContract } from './contracts/validate.ts';
import {
  type BuildOptions,
  type EventType,
  type Invocation,
  selectContract,
  type ValidateOptions,
} from './core/define-event.ts';
import { UnknownEventTypeError } from './errors.ts';

type AnyEventType = EventType<unknown, unknown, string>;

const byId = new Map<string, AnyEventType>(definitions.map((d) => [d.id, d as unknown as AnyEventType]));

/** One line of the catalogue: what `lambda-harness types` prints. */
export interface EventTypeInfo {
  readonly id: string;
  readonly title: string;
  readonly invocation: Invocation;
  readonly variants: readonly string[];
  readonly docs: string;
}

/** Every registered event type, sorted by id. */
export function eventTypes(): EventTypeInfo[] {
  return [...byId.values()].map(({ definition: d }) => ({
    id: d.id,
    title: d.title,
    invocation: d.invocation,
    variants: d.variants,
    docs: d.docs,
  }));
}

/** The event type registered under `id`; throws UnknownEventTypeError naming the known ids. */
export function getEventType(id: string): AnyEventType {
  const type = byId.get(id);
  if (type === undefined) throw new UnknownEventTypeError(id, [...byId.keys()]);
  return type;
}

/**
 * Builds an event of any registered type by id (what the CLI and scenarios use).
 * @example
 * const event = buildEvent('sqs', { Records: [{ body: 'hi' }] }, { seed: 7 });
 */
export function buildEvent(id: string, overrides?: unknown, options?: BuildOptions): unknown {
  return getEventType(id).build(overrides, options);
}

/**
 * Validates a value against the event type's contract; errors are data (`path`, `expected`, `received`,
 * `message`, and `rule` for cross-field rules). The default `shape` profile asks "can a handler receive this?";
 * `strict: true` asks "could AWS have sent exactly this?"; `response: true` checks a handler's answer.
 * @example
 * const { valid, errors } = validate('sqs', JSON.parse(text), { strict: true });
 */
export function validate(id: string, value: unknown, options?: ValidateOptions): ValidationResult {
  return getEventType(id).validate(value, options);
}

/**
 * Throws ContractViolationError when the value does not satisfy the event type's contract (shape by default).
 * @example
 * assertValid('sqs', event, { strict: true });
 */
export function assertValid(id: string, value: unknown, options: ValidateOptions & { seed?: number } = {}): void {
  assertContract(selectContract(getEventType(id), options), value, options.seed);
}

import type { MatcherState } from 'vitest';
import { formatMessage, LambdaHarnessError } from '../errors.ts';
import type { ClientResponse, DestinationDelivery, Ledger, LedgerEvent, LedgerInvocation } from '../harness/ledger.ts';

/** Picks one event of a ledger; default event 0. */
export interface EventSelector {
  event?: number;
}

/** What `toHaveDestinationRecord` looks for; every given field must match. */
export interface DestinationRecordExpectation {
  /** `requestContext.condition` of the record, e.g. `Success`, `RetriesExhausted`, `EventAgeExceeded`. */
  condition?: string;
  on?: DestinationDelivery['on'];
  target?: DestinationDelivery['target'];
}

/** A single invocation's result: an `invoke` result or one `LedgerInvocation`. */
export interface InvocationLike {
  readonly status: LedgerInvocation['status'];
  readonly response?: unknown;
  readonly error?: unknown;
  readonly client?: ClientResponse;
}

interface Result {
  pass: boolean;
  message: () => string;
  actual: unknown;
  expected: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLedger(value: unknown): value is Ledger {
  return isRecord(value) && Array.isArray(value.events) && Array.isArray(value.invocations);
}

function isInvocation(value: unknown): value is InvocationLike {
  return isRecord(value) && typeof value.status === 'string';
}

function isClientResponse(value: unknown): value is ClientResponse {
  return isRecord(value) && typeof value.statusCode === 'number' && isRecord(value.headers);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object with keys ${Object.keys(value).join(', ') || '(none)'}` : typeof value;
}

function usage(matcher: string, expects: string, received: unknown): LambdaHarnessError {
  return new LambdaHarnessError(
    formatMessage({ text: `${matcher} expects ${expects}, received ${describeValue(received)}` }),
  );
}

function ledgerOf(matcher: string, received: unknown): Ledger {
  if (!isLedger(received)) throw usage(matcher, 'a Ledger (from simulate)', received);
  return received;
}

function eventOf(matcher: string, ledger: Ledger, options: EventSelector | undefined): LedgerEvent {
  const index = options?.event ?? 0;
  const event = ledger.events.find((e) => e.index === index);
  if (!event) {
    throw new LambdaHarnessError(
      formatMessage({ text: `${matcher}: the ledger has no event ${index} (it has ${ledger.events.length})` }),
    );
  }
  return event;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describeEvent(event: LedgerEvent): string {
  const reason = event.reason ? ` (${event.reason})` : '';
  return `event ${event.index} ${event.outcome} after ${plural(event.attempts, 'attempt')}${reason}`;
}

function result(pass: boolean, text: () => string, actual: unknown, expected: unknown): Result {
  return { pass, message: () => formatMessage({ text: text() }), actual, expected };
}

function toHaveSucceeded(this: MatcherState, received: unknown, options?: EventSelector): Result {
  const not = this.isNot ? 'not ' : '';
  if (isLedger(received)) {
    const events = options?.event === undefined ? received.events : [eventOf('toHaveSucceeded', received, options)];
    const failed = events.filter((e) => e.outcome !== 'succeeded');
    const subject = options?.event === undefined ? 'every event' : `event ${options.event}`;
    return result(
      events.length > 0 && failed.length === 0,
      () =>
        events.length === 0
          ? `expected ${subject} to ${not}have succeeded, but the ledger has no events`
          : this.isNot
            ? `expected ${subject} not to have succeeded, but ${events.map((e) => `event ${e.index}`).join(', ')} did`
            : `expected ${subject} to have succeeded; ${failed.map(describeEvent).join('; ')}`,
      events.map((e) => ({ index: e.index, outcome: e.outcome })),
      events.map((e) => ({ index: e.index, outcome: 'succeeded' })),
    );
  }
  if (isInvocation(received)) {
    return result(
      received.status === 'success',
      () =>
        `expected the invocation ${not}to have succeeded, but its status is ${received.status}` +
        (received.error === undefined ? '' : `: ${JSON.stringify(received.error)}`),
      { status: received.status, ...(received.error === undefined ? {} : { error: received.error }) },
      { status: 'success' },
    );
  }
  throw usage('toHaveSucceeded', 'a Ledger or an invocation result', received);
}

function toHaveBeenRetried(this: MatcherState, received: unknown, times: number, options?: EventSelector): Result {
  if (!Number.isInteger(times) || times < 0) {
    throw new LambdaHarnessError(
      formatMessage({ text: `toHaveBeenRetried expects a retry count ≥ 0, received ${times}` }),
    );
  }
  const event = eventOf('toHaveBeenRetried', ledgerOf('toHaveBeenRetried', received), options);
  const retries = event.attempts - 1;
  return result(
    retries === times,
    () =>
      `expected event ${event.index} ${this.isNot ? 'not ' : ''}to have been retried ${plural(times, 'time')} ` +
      `(${plural(times + 1, 'attempt')}), but it had ${plural(event.attempts, 'attempt')} (${event.outcome}${event.reason ? `, ${event.reason}` : ''})`,
    retries,
    times,
  );
}

function toHaveBeenDeadLettered(this: MatcherState, received: unknown, options?: EventSelector): Result {
  const ledger = ledgerOf('toHaveBeenDeadLettered', received);
  const event = eventOf('toHaveBeenDeadLettered', ledger, options);
  const letters = ledger.deadLetters.filter((d) => d.event === event.index);
  const held = [...new Set(ledger.deadLetters.map((d) => d.event))];
  return result(
    letters.length > 0,
    () =>
      this.isNot
        ? `expected event ${event.index} not to have been dead-lettered, but the ${letters[0]?.target} DLQ got it`
        : `expected event ${event.index} to have been dead-lettered, but ${describeEvent(event)}; ` +
          `the DLQ holds ${held.length === 0 ? 'no events' : `events ${held.join(', ')}`}`,
    held,
    [event.index],
  );
}

const RECORD_SEARCH_DEPTH = 8;

/** The `requestContext.condition` of a destination record, unwrapped from its target's envelope. */
export function destinationCondition(record: unknown): string | undefined {
  let level: unknown[] = [record];
  for (let depth = 0; depth < RECORD_SEARCH_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const value of level) {
      if (typeof value === 'string') {
        const text = value.trim();
        if (text.startsWith('{') || text.startsWith('[')) {
          try {
            next.push(JSON.parse(text));
          } catch {}
        }
      } else if (Array.isArray(value)) {
        next.push(...value);
      } else if (isRecord(value)) {
        const context = value.requestContext;
        if (isRecord(context) && typeof context.condition === 'string') return context.condition;
        next.push(...Object.values(value));
      }
    }
    level = next;
  }
  return undefined;
}

function toHaveDestinationRecord(
  this: MatcherState,
  received: unknown,
  expected: DestinationRecordExpectation = {},
): Result {
  const ledger = ledgerOf('toHaveDestinationRecord', received);
  const delivered = ledger.destinations.map((d) => ({
    on: d.on,
    target: d.target,
    condition: destinationCondition(d.record),
  }));
  const matches = (d: (typeof delivered)[number]) =>
    (expected.on === undefined || d.on === expected.on) &&
    (expected.target === undefined || d.target === expected.target) &&
    (expected.condition === undefined || d.condition === expected.condition);
  const describe = (d: Partial<(typeof delivered)[number]>) =>
    [
      d.condition === undefined ? 'any condition' : `condition ${d.condition}`,
      d.on === undefined ? '' : `on ${d.on}`,
      d.target === undefined ? '' : `to ${d.target}`,
    ]
      .filter(Boolean)
      .join(' ');
  return result(
    delivered.some(matches),
    () =>
      `expected ${this.isNot ? 'no' : 'a'} destination record with ${describe(expected)}; delivered: ` +
      (delivered.length === 0 ? 'none' : delivered.map(describe).join(', ')),
    delivered,
    [expected],
  );
}

function statusOf(value: InvocationLike | ClientResponse): number | undefined {
  if (isClientResponse(value)) return value.statusCode;
  if (value.client) return value.client.statusCode;
  const response = value.response;
  return isRecord(response) && typeof response.statusCode === 'number' ? response.statusCode : undefined;
}

function toHaveRespondedWith(
  this: MatcherState,
  received: unknown,
  statusCode: number,
  options?: EventSelector,
): Result {
  let subject: InvocationLike | ClientResponse;
  let name = 'the invocation';
  if (isLedger(received)) {
    const event = eventOf('toHaveRespondedWith', received, options);
    const last = received.invocations.filter((i) => i.events.includes(event.index)).at(-1);
    if (!last) {
      throw new LambdaHarnessError(
        formatMessage({ text: `toHaveRespondedWith: no invocation carried event ${event.index}` }),
      );
    }
    subject = last;
    name = `the last invocation of event ${event.index}`;
  } else if (isClientResponse(received)) {
    subject = received;
    name = 'the client response';
  } else if (isInvocation(received)) {
    subject = received;
  } else {
    throw usage('toHaveRespondedWith', 'a Ledger, an invocation result or a client response', received);
  }
  const actual = statusOf(subject);
  const status = isClientResponse(subject) ? '' : ` (status ${subject.status})`;
  return result(
    actual === statusCode,
    () =>
      `expected ${name} ${this.isNot ? 'not ' : ''}to have responded with ${statusCode}, ` +
      (actual === undefined ? `but it has no HTTP status${status}` : `but it responded with ${actual}${status}`),
    actual,
    statusCode,
  );
}

/**
 * The lambda-harness matchers, for `expect.extend`.
 * @example
 * expect.extend(matchers);
 * expect(ledger).toHaveBeenRetried(2);
 */
export const matchers = {
  toHaveSucceeded,
  toHaveBeenRetried,
  toHaveBeenDeadLettered,
  toHaveDestinationRecord,
  toHaveRespondedWith,
};

// The matchers' types: carried by every vitest entry's declarations (setup.d.ts imports this module).
declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must match vitest's declaration to merge.
  interface Matchers<T = any> {
    /** Every event of a ledger (or `{ event }`) succeeded; an invocation result has status `success`. */
    toHaveSucceeded(options?: EventSelector): T;
    /** The event (default 0) had `times + 1` attempts. */
    toHaveBeenRetried(times: number, options?: EventSelector): T;
    /** The event (default 0) reached the dead-letter queue. */
    toHaveBeenDeadLettered(options?: EventSelector): T;
    /** A destination record matches `condition` (its `requestContext.condition`), `on` and `target`. */
    toHaveDestinationRecord(expected?: DestinationRecordExpectation): T;
    /** The HTTP status the client saw (`client.statusCode`), else the handler's `response.statusCode`. */
    toHaveRespondedWith(statusCode: number, options?: EventSelector): T;
  }
}

import { ASYNC_OPTIONS, checkOptions } from './options.ts';
import { DEFAULT_SEED } from '../core/define-event.ts';
import { Random } from '../core/random.ts';
import { requestId } from './ids.ts';
import { VirtualClock } from './clock.ts';
import {
  deadLetter,
  type DestinationType,
  deliverRecord,
  destinationRecord,
  type FailureCondition,
  type TargetConfig,
} from './destinations.ts';
import { checkBoolean, checkInteger, checkNumber, checkOneOf, describeValue, ScenarioError } from './errors.ts';
import { type FunctionOptions, type PreparedFunction, prepareFunction } from './function-config.ts';
import { type FaultKind, type Handler, type InvokeResult, runInvocation } from './invoke.ts';
import type { Ledger } from './ledger.ts';
import { LedgerBuilder } from './ledger-builder.ts';
import { holdLogCapture } from './log-capture.ts';
import { ASYNC_REQUEST_LIMIT, exceeds, LEGACY_ASYNC_REQUEST_LIMIT } from './payload.ts';

/** A fault on one delivery attempt of one event (1-based `attempt`; omitted = every attempt). */
export interface Fault {
  event: number;
  attempt?: number;
  kind: FaultKind;
}

/** Lambda's asynchronous invocation configuration (aws-behaviour §3) plus simulation knobs. */
export interface AsyncOptions extends FunctionOptions {
  /** 0–2, default 2 (aws-behaviour §3.1). */
  maximumRetryAttempts?: number;
  /** 60–21 600 s, default 21 600 (aws-behaviour §3.1). */
  maximumEventAgeInSeconds?: number;
  /**
   * Judge the event age when an attempt fails, with look-ahead: retry only if the age in whole seconds (rounded
   * up) plus the next retry delay stays within `maximumEventAgeInSeconds`, else route the event at once as
   * `EventAgeExceeded` (default `true`, as AWS does). `false` retries while the retry time is within the age and
   * expires the event when its age runs out. See docs/decisions/harness-event-age.md.
   */
  eventAgeLookAhead?: boolean;
  /** 0 sends every event straight to failure handling (aws-behaviour §3.1 rule 6). Default unreserved. */
  reservedConcurrency?: number;
  /** Function-level DLQ (aws-behaviour §3.3). */
  deadLetterQueue?: TargetConfig<'sqs' | 'sns'>;
  /** On-success / on-failure destinations (aws-behaviour §3.2). */
  destinations?: { onSuccess?: TargetConfig<DestinationType>; onFailure?: TargetConfig<DestinationType> };
  /** Async payload limit: `current` 1 MB (default) or `legacy` 256 KB (aws-behaviour §3.1). */
  payloadLimit?: 'current' | 'legacy';
  /** Retry delays are 60 s and 120 s ± this fraction (0–1), seeded. Default 0. */
  retryJitter?: number;
  /** Throttle backoff (1 s doubling to 5 min) ± this fraction (0–1), seeded. Default 0. */
  throttleJitter?: number;
  /** Probability (0–1) that a delivery is duplicated (at-least-once, aws-behaviour §3.1 rule 5), seeded. Default 0. */
  duplicateRate?: number;
  /** Injected faults. */
  faults?: readonly Fault[];
  /** Seed of request ids, jitter and duplicates. Default 42. */
  seed?: number;
  /** Stop at this virtual ms; unfinished events are `in-flight`. Default: run to completion. */
  until?: number;
}

/** Validated async configuration. */
export interface PreparedAsync {
  readonly maxRetries: number;
  readonly maxAgeMs: number;
  readonly eventAgeLookAhead: boolean;
  readonly reservedConcurrency: number | undefined;
  readonly dlq: TargetConfig<'sqs' | 'sns'> | undefined;
  readonly onSuccess: TargetConfig<DestinationType> | undefined;
  readonly onFailure: TargetConfig<DestinationType> | undefined;
  readonly payloadLimit: number;
  readonly retryJitter: number;
  readonly throttleJitter: number;
  readonly duplicateRate: number;
  readonly seed: number;
  readonly until: number;
}

const DESTINATION_TYPES: readonly DestinationType[] = ['sqs', 'sns', 'lambda', 'eventbridge', 's3'];
const FAULT_KINDS: readonly FaultKind[] = ['throttle', 'timeout', 'error', 'duplicate', 'system-error'];

function target<T extends string>(field: string, value: unknown, types: readonly T[]): TargetConfig<T> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError(field, `expected an object like {"type": "${types[0]}"}, received ${describeValue(value)}`);
  }
  const v = value as { type?: unknown; arn?: unknown };
  const type = checkOneOf(`${field}.type`, v.type, types);
  if (type === undefined)
    throw new ScenarioError(`${field}.type`, `expected one of ${types.join(', ')}, received undefined`);
  if (v.arn !== undefined && typeof v.arn !== 'string') {
    throw new ScenarioError(`${field}.arn`, `expected string, received ${describeValue(v.arn)}`);
  }
  return v.arn === undefined ? { type } : { type, arn: v.arn as string };
}

/** Validates async options; errors name the field (prefix `function.` for scenarios). */
export function prepareAsync(options: AsyncOptions = {}, prefix = ''): PreparedAsync {
  const f = (n: string) => `${prefix}${n}`;
  const destinations = options.destinations;
  if (destinations !== undefined && (typeof destinations !== 'object' || destinations === null)) {
    throw new ScenarioError(f('destinations'), `expected an object, received ${describeValue(destinations)}`);
  }
  for (const key of Object.keys(destinations ?? {})) {
    if (key !== 'onSuccess' && key !== 'onFailure') {
      throw new ScenarioError(f(`destinations.${key}`), 'expected onSuccess or onFailure');
    }
  }
  const onSuccess = target(f('destinations.onSuccess'), destinations?.onSuccess, DESTINATION_TYPES);
  if (onSuccess?.type === 's3') {
    throw new ScenarioError(
      f('destinations.onSuccess.type'),
      'S3 is an on-failure destination only (aws-behaviour §3.2)',
    );
  }
  return {
    maxRetries: checkInteger(f('maximumRetryAttempts'), options.maximumRetryAttempts, 0, 2) ?? 2,
    maxAgeMs:
      (checkInteger(f('maximumEventAgeInSeconds'), options.maximumEventAgeInSeconds, 60, 21_600) ?? 21_600) * 1000,
    eventAgeLookAhead: checkBoolean(f('eventAgeLookAhead'), options.eventAgeLookAhead) ?? true,
    reservedConcurrency: checkInteger(f('reservedConcurrency'), options.reservedConcurrency, 0, 1_000_000),
    dlq: target(f('deadLetterQueue'), options.deadLetterQueue, ['sqs', 'sns'] as const),
    onSuccess,
    onFailure: target(f('destinations.onFailure'), destinations?.onFailure, DESTINATION_TYPES),
    payloadLimit:
      checkOneOf(f('payloadLimit'), options.payloadLimit, ['current', 'legacy']) === 'legacy'
        ? LEGACY_ASYNC_REQUEST_LIMIT
        : ASYNC_REQUEST_LIMIT,
    retryJitter: checkNumber(f('retryJitter'), options.retryJitter, 0, 1) ?? 0,
    throttleJitter: checkNumber(f('throttleJitter'), options.throttleJitter, 0, 1) ?? 0,
    duplicateRate: checkNumber(f('duplicateRate'), options.duplicateRate, 0, 1) ?? 0,
    seed: checkInteger('seed', options.seed, 0, 2 ** 32 - 1) ?? DEFAULT_SEED,
    until: checkNumber('until', options.until, 0, Number.MAX_SAFE_INTEGER) ?? Number.POSITIVE_INFINITY,
  };
}

/** Validates faults against the number of events; `field` names the list (e.g. `faults`). */
export function checkFaults(value: unknown, eventCount: number, field = 'faults'): Fault[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ScenarioError(field, `expected an array, received ${describeValue(value)}`);
  return value.map((raw, i) => {
    const at = `${field}[${i}]`;
    if (typeof raw !== 'object' || raw === null)
      throw new ScenarioError(at, `expected an object, received ${describeValue(raw)}`);
    const fault = raw as Record<string, unknown>;
    const event = checkInteger(`${at}.event`, fault.event, 0, Math.max(0, eventCount - 1));
    if (event === undefined) throw new ScenarioError(`${at}.event`, 'expected an event index, received undefined');
    const attempt = checkInteger(`${at}.attempt`, fault.attempt, 1, 1_000_000);
    const kind = checkOneOf(`${at}.kind`, fault.kind, FAULT_KINDS);
    if (kind === undefined)
      throw new ScenarioError(`${at}.kind`, `expected one of ${FAULT_KINDS.join(', ')}, received undefined`);
    return attempt === undefined ? { event, kind } : { event, attempt, kind };
  });
}

/** Looks up the faults of (event, attempt). */
export class FaultPlan {
  readonly #byKey = new Map<string, FaultKind[]>();
  constructor(faults: readonly Fault[]) {
    for (const f of faults) {
      const key = `${f.event}:${f.attempt ?? '*'}`;
      const list = this.#byKey.get(key) ?? [];
      list.push(f.kind);
      this.#byKey.set(key, list);
    }
  }
  get empty(): boolean {
    return this.#byKey.size === 0;
  }
  /** The faults of this attempt: the one that replaces the outcome, and whether it is duplicated. */
  at(event: number, attempt: number): { outcome?: Exclude<FaultKind, 'duplicate'>; duplicate: boolean } {
    if (this.#byKey.size === 0) return NONE;
    const kinds = [...(this.#byKey.get(`${event}:${attempt}`) ?? []), ...(this.#byKey.get(`${event}:*`) ?? [])];
    const outcome = kinds.find((k) => k !== 'duplicate') as Exclude<FaultKind, 'duplicate'> | undefined;
    return outcome === undefined
      ? { duplicate: kinds.includes('duplicate') }
      : { outcome, duplicate: kinds.includes('duplicate') };
  }
}
const NONE = { duplicate: false } as const;

interface EventState {
  index: number;
  event: unknown;
  payload: string;
  /** `JSON.parse(payload)` once, copied for each attempt (never handed to the handler itself). */
  parsed: unknown;
  requestId: string;
  deliveries: number;
  retriesUsed: number;
  backoffMs: number;
  last: InvokeResult | undefined;
}

/** Retry delay before the 2nd (≈1 min) and 3rd (≈2 min) attempt (aws-behaviour §3.1 rule 2). */
const RETRY_DELAYS_MS = [60_000, 120_000] as const;
const THROTTLE_MIN_MS = 1_000;
const THROTTLE_MAX_MS = 300_000;

/**
 * Runs events through Lambda's asynchronous event queue on a virtual clock (aws-behaviour §3): retries of function
 * errors, throttle/system-error backoff bounded by the event age, DLQ and destinations. Returns the Ledger.
 * @example
 * const ledger = await invokeAsync(handler, [event], { deadLetterQueue: { type: 'sqs' } });
 */
export async function invokeAsync(
  handler: Handler,
  events: readonly unknown[],
  options: AsyncOptions = {},
): Promise<Ledger> {
  checkOptions(ASYNC_OPTIONS, options);
  const fn = prepareFunction(options);
  const config = prepareAsync(options);
  const faults = checkFaults(options.faults, events.length);
  return runAsyncQueue(fn, config, handler, events, new FaultPlan(faults));
}

/** The queue itself, on prepared configuration (used by `invokeAsync` and `simulate`). */
export async function runAsyncQueue(
  fn: PreparedFunction,
  config: PreparedAsync,
  handler: Handler,
  events: readonly unknown[],
  faults: FaultPlan,
): Promise<Ledger> {
  const clock = new VirtualClock();
  const ledger = new LedgerBuilder(events.length);
  const ids = new Random(config.seed);
  const jitter = new Random((config.seed ^ 0x5bd1e995) >>> 0);
  const dupes = new Random((config.seed ^ 0x27d4eb2f) >>> 0);
  const wrapRandom = new Random((config.seed ^ 0x165667b1) >>> 0);

  const fail = (s: EventState, condition: FailureCondition, at: number) => {
    if (config.dlq !== undefined) {
      ledger.deadLetters.push(deadLetter(s.index, config.dlq.type, s.payload, s.requestId, s.last, condition));
    }
    if (config.onFailure !== undefined) {
      const record = destinationRecord(fn, at, s.requestId, condition, ledger.attempts(s.index), s.event, s.last);
      ledger.destinations.push(deliverRecord(fn, 'failure', config.onFailure, record, at, wrapRandom));
    }
    const routed = config.dlq !== undefined || config.onFailure !== undefined;
    if (condition === 'EventAgeExceeded') ledger.settle(s.index, 'expired', condition);
    else ledger.settle(s.index, routed ? 'dead-lettered' : 'failed', routed ? condition : `${condition} (discarded)`);
  };

  const retryAt = (s: EventState, at: number) => {
    if (at > config.maxAgeMs) {
      // aws-behaviour §3.1 rule 4: the event's age runs out before the next attempt.
      clock.schedule(config.maxAgeMs, () => fail(s, 'EventAgeExceeded', config.maxAgeMs));
    } else {
      clock.schedule(at, () => deliver(s));
    }
  };

  const spread = (base: number, amount: number) =>
    amount === 0 ? base : Math.round(base * (1 + amount * (2 * jitter.next() - 1)));

  const deliver = async (s: EventState): Promise<void> => {
    const now = clock.now;
    s.deliveries++;
    const fault = faults.at(s.index, s.deliveries);
    if (fault.outcome === 'throttle' || fault.outcome === 'system-error') {
      const result = await runInvocation(fn, handler, s.event, {
        requestId: s.requestId,
        fault: fault.outcome,
        payload: s.payload,
      });
      ledger.invocation(now, result, [s.index]);
      s.last = result;
      // aws-behaviour §3.1 rule 3: back to the queue, exponential backoff 1 s → 5 min, no retry attempt consumed.
      const delay = spread(s.backoffMs, config.throttleJitter);
      s.backoffMs = Math.min(s.backoffMs * 2, THROTTLE_MAX_MS);
      retryAt(s, now + delay);
      return;
    }
    s.parsed ??= JSON.parse(s.payload);
    const input = { requestId: s.requestId, fault: fault.outcome, payload: s.payload, parsed: s.parsed };
    const result = await runInvocation(fn, handler, s.event, input);
    ledger.invocation(now, result, [s.index]);
    s.last = result;
    s.backoffMs = THROTTLE_MIN_MS;
    if (fault.duplicate || (config.duplicateRate > 0 && dupes.next() < config.duplicateRate)) {
      // aws-behaviour §3.1 rule 5: at-least-once; the duplicate runs but the event's course follows the first delivery.
      ledger.invocation(now, await runInvocation(fn, handler, s.event, { ...input, fault: undefined }), [s.index]);
    }
    if (result.status === 'success') {
      if (config.onSuccess !== undefined) {
        const record = destinationRecord(fn, now, s.requestId, 'Success', ledger.attempts(s.index), s.event, result);
        ledger.destinations.push(deliverRecord(fn, 'success', config.onSuccess, record, now, wrapRandom));
      }
      ledger.settle(s.index, 'succeeded');
      return;
    }
    const finishedAt = now + (result.status === 'timeout' ? fn.timeoutMs : 0);
    const delayBase = RETRY_DELAYS_MS[s.retriesUsed];
    if (delayBase === undefined || s.retriesUsed >= config.maxRetries) {
      clock.advanceTo(finishedAt);
      fail(s, 'RetriesExhausted', finishedAt);
      return;
    }
    s.retriesUsed++;
    const delay = spread(delayBase, config.retryJitter);
    // aws-behaviour §3.1 rule 4: judged at failure time with look-ahead. An attempt takes time, so its age in whole
    // seconds is at least 1 (AWS-validated: max age 60 → 1 attempt, 90 → 2 attempts).
    if (config.eventAgeLookAhead && (Math.floor(finishedAt / 1000) + 1) * 1000 + delay > config.maxAgeMs) {
      clock.advanceTo(finishedAt);
      fail(s, 'EventAgeExceeded', finishedAt);
      return;
    }
    retryAt(s, finishedAt + delay);
  };

  const release = fn.logs === 'off' ? undefined : holdLogCapture();
  try {
    events.forEach((event, index) => {
      let payload: string;
      try {
        payload = JSON.stringify(event) ?? 'null';
      } catch (error) {
        ledger.settle(index, 'failed', `InvalidRequestContentException: ${(error as Error).message}`);
        return;
      }
      const s: EventState = {
        index,
        event,
        payload,
        parsed: undefined,
        requestId: requestId(ids),
        deliveries: 0,
        retriesUsed: 0,
        backoffMs: THROTTLE_MIN_MS,
        last: undefined,
      };
      if (exceeds(payload, config.payloadLimit) !== undefined) {
        // aws-behaviour §3.1 rule 1: too large → 413 at enqueue; the event never enters the queue.
        ledger.settle(
          index,
          'failed',
          `RequestTooLargeException: Request must be smaller than ${config.payloadLimit} bytes for the InvokeFunction operation`,
        );
        return;
      }
      if (config.reservedConcurrency === 0) {
        // aws-behaviour §3.1 rule 6: straight to DLQ / on-failure, no attempt.
        clock.schedule(0, () => fail(s, 'ZeroReservedConcurrency', 0));
        return;
      }
      clock.schedule(0, () => deliver(s));
    });
    const end = await clock.run(config.until);
    return ledger.build(end);
  } finally {
    release?.();
  }
}

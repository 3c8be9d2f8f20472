/**
 * The event source mapping core (aws-behaviour §4): what every poller (SQS, Kinesis, DynamoDB Streams, Kafka, MQ,
 * DocumentDB) shares. A poller is written in five steps, each one export of this file:
 *
 * 1. **Configuration** — `MappingConfig` in AWS's names; `prepareMapping(source, raw, { field, allow })` validates
 *    the ranges of that source (§4.1–§4.6) and throws ScenarioError naming the field (`invocation.batchSize`).
 * 2. **Run state** — `new MappingRun(handler, options, eventCount)`: the shared VirtualClock, a LedgerBuilder with
 *    one ledger event per message/record in input order, seeded request ids, the FaultPlan, and `warnings`.
 * 3. **Batching** — `takeBatch(candidates, bytesOf, limits)` picks what one batch carries (batchSize, 6 MB) and
 *    `windowDue(...)` says whether a batch that is not full may leave yet (maximumBatchingWindowInSeconds, §4.1).
 * 4. **Invocation** — `run.invokeBatch(event, indices, deliveryOf)`: one synchronous invoke through
 *    `runInvocation`, recorded at `run.clock.now` with the batch's indices; faults apply per (index, delivery).
 * 5. **Responses** — `parseBatchItemFailures(response, positions)` reads `{"batchItemFailures": […]}` (§4.2, §4.3).
 *    Then settle each index once (`run.ledger.settle`) and return `run.finish()`.
 *
 * Sources plug into scenarios with `registerSource(name, runner)`; `parseMappingInvocation` / `runMapping`
 * (src/harness/esm/mapping.ts) dispatch on `invocation.source`.
 */
import { DEFAULT_SEED } from '../../core/define-event.ts';
import { buildEvent, getEventType } from '../../registry.ts';
import { Random } from '../../core/random.ts';
import { type Fault, FaultPlan, checkFaults } from '../async-queue.ts';
import { VirtualClock } from '../clock.ts';
import type { TargetConfig } from '../destinations.ts';
import { checkInteger, checkNumber, describeValue, ScenarioError } from '../errors.ts';
import { type FunctionOptions, type PreparedFunction, prepareFunction } from '../function-config.ts';
import { type Handler, type InvokeResult, runInvocation } from '../invoke.ts';
import type { Ledger } from '../ledger.ts';
import { LedgerBuilder } from '../ledger-builder.ts';
import { holdLogCapture } from '../log-capture.ts';
import { UNSIMULATED_MAPPING_SETTINGS, UnsimulatedSettingError } from '../options.ts';
import { type CompiledFilter, compileFilterCriteria, type FilterCriteria } from './filter.ts';

/** Event sources an event source mapping can read (aws-behaviour §4). */
export type SourceName =
  | 'sqs'
  | 'sqs-fifo'
  | 'kinesis'
  | 'dynamodb'
  | 'msk'
  | 'self-managed-kafka'
  | 'mq'
  | 'documentdb';

/** On-failure destination types of stream and Kafka mappings (aws-behaviour §4.3, §4.4). */
export type MappingDestinationType = 'sqs' | 'sns' | 's3' | 'kafka';

/** `DestinationConfig.OnFailure`: give the destination ARN (type inferred) or a type (ARN derived). */
export interface MappingDestination {
  /** Destination ARN, e.g. `arn:aws:sqs:us-east-1:123456789012:failures`. */
  destination?: string;
  /** Target type when no ARN is given. */
  type?: MappingDestinationType;
}

/**
 * An event source mapping's configuration, in the names of `CreateEventSourceMapping` (camel-cased).
 * Defaults and ranges depend on the source (aws-behaviour §4.1–§4.6); `prepareMapping` checks them.
 */
export interface MappingConfig {
  /** Records per batch. Default 10 (SQS) or 100 (streams, Kafka, MQ, DocumentDB). */
  batchSize?: number;
  /** 0–300 s. Default 0, or 0.5 s for Kafka and MQ (aws-behaviour §4.1). */
  maximumBatchingWindowInSeconds?: number;
  /** `["ReportBatchItemFailures"]` enables partial batch responses (aws-behaviour §4.1). Default none. */
  functionResponseTypes?: readonly 'ReportBatchItemFailures'[];
  /** Streams and Kafka: −1 (infinite, default) … 10 000 (aws-behaviour §4.3, §4.4). */
  maximumRetryAttempts?: number;
  /** Streams and Kafka: −1 (default) … 604 800 s (aws-behaviour §4.3, §4.4). */
  maximumRecordAgeInSeconds?: number;
  /** Streams and Kafka: split a failing batch in two (aws-behaviour §4.3). Default false. */
  bisectBatchOnFunctionError?: boolean;
  /** Streams: 1–10 concurrent batches per shard (aws-behaviour §4.3). Default 1. */
  parallelizationFactor?: number;
  /** Streams: 0–900 s (aws-behaviour §4.3). Default 0 (no window). */
  tumblingWindowInSeconds?: number;
  /** Event filtering, OR of up to 5 patterns (aws-behaviour §4.6). */
  filterCriteria?: FilterCriteria;
  /** Streams and Kafka: where the batch-info record goes on failure; `onSuccess` is rejected (aws-behaviour §4.1). */
  destinationConfig?: { onFailure?: MappingDestination; onSuccess?: MappingDestination };
  /** SQS: 2–1 000 concurrent batches (aws-behaviour §4.2). Default: AWS's scaling, up to 1 000. */
  scalingConfig?: { maximumConcurrency?: number };
}

/** A validated mapping configuration with every default resolved. */
export interface PreparedMapping {
  readonly source: SourceName;
  readonly batchSize: number;
  readonly windowMs: number;
  readonly reportBatchItemFailures: boolean;
  /** −1 = infinite. */
  readonly maximumRetryAttempts: number;
  /** −1 = no limit. */
  readonly maximumRecordAgeMs: number;
  readonly bisectBatchOnFunctionError: boolean;
  readonly parallelizationFactor: number;
  /** 0 = no tumbling window. */
  readonly tumblingWindowMs: number;
  readonly filter: CompiledFilter | undefined;
  readonly onFailure: TargetConfig<MappingDestinationType> | undefined;
  readonly maximumConcurrency: number | undefined;
}

/** The batch payload cap, not configurable (aws-behaviour §4.1, §6). */
export const BATCH_PAYLOAD_LIMIT = 6 * 1024 * 1024;

type ConfigKey = keyof MappingConfig;

interface SourceSpec {
  readonly batchDefault: number;
  readonly batchMax: number;
  readonly windowDefaultMs: number;
  readonly supports: readonly ConfigKey[];
  readonly destinations?: readonly MappingDestinationType[];
  /** Kafka: −1 or 60–604 800 s. */
  readonly recordAgeMin?: number;
}

/** Every key of `CreateEventSourceMapping` the core reads, in the order error messages list them. */
export const MAPPING_KEYS: readonly ConfigKey[] = [
  'batchSize',
  'maximumBatchingWindowInSeconds',
  'functionResponseTypes',
  'maximumRetryAttempts',
  'maximumRecordAgeInSeconds',
  'bisectBatchOnFunctionError',
  'parallelizationFactor',
  'tumblingWindowInSeconds',
  'filterCriteria',
  'destinationConfig',
  'scalingConfig',
];

/** Streams read every key but SQS's `scalingConfig`. */
const STREAM_KEYS: readonly ConfigKey[] = MAPPING_KEYS.filter((key) => key !== 'scalingConfig');
const SQS_KEYS: readonly ConfigKey[] = [
  'batchSize',
  'maximumBatchingWindowInSeconds',
  'functionResponseTypes',
  'filterCriteria',
  'scalingConfig',
];
/** Kafka reads what streams read but `parallelizationFactor` and `tumblingWindowInSeconds`. */
const KAFKA_KEYS: readonly ConfigKey[] = STREAM_KEYS.filter(
  (key) => key !== 'parallelizationFactor' && key !== 'tumblingWindowInSeconds',
);

/** Kinesis and DynamoDB Streams (aws-behaviour §4.3). */
const STREAM_SPEC: SourceSpec = {
  batchDefault: 100,
  batchMax: 10_000,
  windowDefaultMs: 0,
  supports: STREAM_KEYS,
  destinations: ['sqs', 'sns', 's3'],
  recordAgeMin: 60,
};
/** Amazon MSK and self-managed Kafka (aws-behaviour §4.4). */
const KAFKA_SPEC: SourceSpec = {
  batchDefault: 100,
  batchMax: 10_000,
  windowDefaultMs: 500,
  supports: KAFKA_KEYS,
  destinations: ['sqs', 'sns', 's3', 'kafka'],
  recordAgeMin: 60,
};

/** Per-source defaults and ranges (aws-behaviour §4.1–§4.6). */
export const SOURCE_SPECS: Readonly<Record<SourceName, SourceSpec>> = {
  sqs: { batchDefault: 10, batchMax: 10_000, windowDefaultMs: 0, supports: SQS_KEYS },
  'sqs-fifo': { batchDefault: 10, batchMax: 10, windowDefaultMs: 0, supports: SQS_KEYS },
  kinesis: STREAM_SPEC,
  dynamodb: STREAM_SPEC,
  msk: KAFKA_SPEC,
  'self-managed-kafka': KAFKA_SPEC,
  mq: {
    batchDefault: 100,
    batchMax: 10_000,
    windowDefaultMs: 500,
    supports: ['batchSize', 'maximumBatchingWindowInSeconds', 'filterCriteria'],
  },
  documentdb: {
    batchDefault: 100,
    batchMax: 10_000,
    windowDefaultMs: 0,
    supports: ['batchSize', 'maximumBatchingWindowInSeconds'],
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks `value` is a plain object; `what` describes the expected shape in the error. */
export function objectAt(field: string, value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) throw new ScenarioError(field, `expected ${what}, received ${describeValue(value)}`);
  return value;
}

/** Rejects keys outside `known`, naming the first one. */
export function onlyKeys(field: string, value: Readonly<Record<string, unknown>>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new ScenarioError(`${field}.${key}`, `unknown key; known: ${known.join(', ')}`);
  }
}

function destinationType(
  field: string,
  arn: string,
  allowed: readonly MappingDestinationType[],
): MappingDestinationType {
  const service = /^arn:aws[a-z-]*:([a-z0-9-]+):/.exec(arn)?.[1];
  const type = service === 'kafka' ? 'kafka' : (service as MappingDestinationType | undefined);
  if (type === undefined || !allowed.includes(type)) {
    throw new ScenarioError(
      field,
      `expected the ARN of ${allowed.map((a) => (a === 'kafka' ? 'a Kafka cluster' : `an ${a.toUpperCase()} target`)).join(', ')}, received ${describeValue(arn)}`,
    );
  }
  return type;
}

/** Options of `prepareMapping`. */
export interface PrepareMappingOptions {
  /** Dotted prefix of error messages. Default `invocation`. */
  field?: string;
  /** Extra (non-AWS) keys the source itself reads, e.g. `queue`, `shards`; any other unknown key is an error. */
  allow?: readonly string[];
  /** Filters per mapping: 5 by default, a quota raisable to 10 (aws-behaviour §4.6). */
  filterQuota?: number | undefined;
}

/**
 * Validates a mapping configuration for `source` (aws-behaviour §4.1–§4.6): ranges, options the source does not
 * support, `batchSize` > 10 on SQS without a window of at least 1 s, filter patterns. Errors name the field.
 * @example
 * const mapping = prepareMapping('sqs', { batchSize: 100, maximumBatchingWindowInSeconds: 1 });
 */
export function prepareMapping(
  source: SourceName,
  raw: unknown = {},
  options: PrepareMappingOptions = {},
): PreparedMapping {
  const prefix = options.field ?? 'invocation';
  const f = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
  if (!isObject(raw))
    throw new ScenarioError(prefix || 'mapping', `expected an object, received ${describeValue(raw)}`);
  const spec = SOURCE_SPECS[source];
  const allow = new Set(options.allow ?? []);
  for (const key of Object.keys(raw)) {
    if (allow.has(key) || raw[key] === undefined) continue;
    if ((MAPPING_KEYS as readonly string[]).includes(key)) {
      if (!spec.supports.includes(key as ConfigKey)) {
        const hint =
          key === 'destinationConfig' && source.startsWith('sqs')
            ? ": use the queue's redrive policy (queue.maxReceiveCount) (aws-behaviour §3.3, §4.2)"
            : '';
        throw new ScenarioError(f(key), `not supported for source "${source}"${hint}`);
      }
      continue;
    }
    const why = UNSIMULATED_MAPPING_SETTINGS[key];
    if (why !== undefined) throw new UnsimulatedSettingError(f(key), why);
    throw new ScenarioError(f(key), `unknown option; known: ${[...spec.supports, ...allow].join(', ')}`);
  }
  const config = raw as MappingConfig & Record<string, unknown>;
  const batchSize = checkInteger(f('batchSize'), config.batchSize, 1, spec.batchMax) ?? spec.batchDefault;
  const windowSeconds = checkNumber(f('maximumBatchingWindowInSeconds'), config.maximumBatchingWindowInSeconds, 0, 300);
  const windowMs = windowSeconds === undefined ? spec.windowDefaultMs : Math.round(windowSeconds * 1000);
  if (source === 'sqs' && batchSize > 10 && windowMs < 1000) {
    throw new ScenarioError(
      f('maximumBatchingWindowInSeconds'),
      `batchSize ${batchSize} (> 10) requires maximumBatchingWindowInSeconds ≥ 1 (aws-behaviour §4.2), received ${windowMs / 1000}`,
    );
  }
  if (source === 'sqs-fifo' && windowMs > 0) {
    // "Batching window is not supported for FIFO queues" (services-sqs-parameters; aws-behaviour §4.2).
    throw new ScenarioError(
      f('maximumBatchingWindowInSeconds'),
      `Batching window is not supported for FIFO queues, received ${windowMs / 1000} (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html)`,
    );
  }
  const types = config.functionResponseTypes;
  if (
    types !== undefined &&
    (!Array.isArray(types) || types.some((t) => t !== 'ReportBatchItemFailures') || types.length > 1)
  ) {
    throw new ScenarioError(
      f('functionResponseTypes'),
      `expected [] or ["ReportBatchItemFailures"], received ${JSON.stringify(types)}`,
    );
  }
  const retries = checkInteger(f('maximumRetryAttempts'), config.maximumRetryAttempts, -1, 10_000) ?? -1;
  const ageMin = spec.recordAgeMin ?? 0;
  const age = config.maximumRecordAgeInSeconds;
  if (age !== undefined && age !== -1) checkInteger(f('maximumRecordAgeInSeconds'), age, ageMin, 604_800);
  if (age === -1) checkInteger(f('maximumRecordAgeInSeconds'), age, -1, 604_800);
  const bisect = config.bisectBatchOnFunctionError;
  if (bisect !== undefined && typeof bisect !== 'boolean') {
    throw new ScenarioError(f('bisectBatchOnFunctionError'), `expected boolean, received ${describeValue(bisect)}`);
  }
  const scaling = config.scalingConfig;
  if (scaling !== undefined && !isObject(scaling)) {
    throw new ScenarioError(f('scalingConfig'), `expected an object, received ${describeValue(scaling)}`);
  }
  for (const key of Object.keys(scaling ?? {})) {
    if (key !== 'maximumConcurrency')
      throw new ScenarioError(f(`scalingConfig.${key}`), 'unknown option; known: maximumConcurrency');
  }
  const maximumConcurrency = checkInteger(f('scalingConfig.maximumConcurrency'), scaling?.maximumConcurrency, 2, 1000);
  return {
    source,
    batchSize,
    windowMs,
    reportBatchItemFailures: types?.length === 1,
    maximumRetryAttempts: retries,
    maximumRecordAgeMs: age === undefined || age === -1 ? -1 : age * 1000,
    bisectBatchOnFunctionError: bisect ?? false,
    parallelizationFactor: checkInteger(f('parallelizationFactor'), config.parallelizationFactor, 1, 10) ?? 1,
    tumblingWindowMs: (checkInteger(f('tumblingWindowInSeconds'), config.tumblingWindowInSeconds, 0, 900) ?? 0) * 1000,
    filter:
      config.filterCriteria === undefined
        ? undefined
        : compileFilterCriteria(config.filterCriteria, {
            field: f('filterCriteria'),
            source,
            quota: options.filterQuota,
          }),
    onFailure: onFailure(f('destinationConfig'), config.destinationConfig, spec.destinations ?? []),
    maximumConcurrency,
  };
}

function onFailure(
  field: string,
  value: unknown,
  allowed: readonly MappingDestinationType[],
): TargetConfig<MappingDestinationType> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new ScenarioError(field, `expected an object, received ${describeValue(value)}`);
  for (const key of Object.keys(value)) {
    if (key === 'onSuccess') {
      throw new ScenarioError(
        `${field}.onSuccess`,
        'OnSuccess is not supported on event source mappings (aws-behaviour §4.1)',
      );
    }
    if (key !== 'onFailure') throw new ScenarioError(`${field}.${key}`, 'unknown option; known: onFailure');
  }
  const target = value.onFailure;
  if (target === undefined) return undefined;
  if (!isObject(target))
    throw new ScenarioError(`${field}.onFailure`, `expected an object, received ${describeValue(target)}`);
  const { destination, type } = target;
  if (destination !== undefined) {
    if (typeof destination !== 'string') {
      throw new ScenarioError(
        `${field}.onFailure.destination`,
        `expected an ARN, received ${describeValue(destination)}`,
      );
    }
    const inferred = destinationType(`${field}.onFailure.destination`, destination, allowed);
    if (type !== undefined && type !== inferred) {
      throw new ScenarioError(`${field}.onFailure.type`, `"${String(type)}" does not match the ARN (${inferred})`);
    }
    return { type: inferred, arn: destination };
  }
  if (typeof type !== 'string' || !(allowed as readonly string[]).includes(type)) {
    throw new ScenarioError(
      `${field}.onFailure.type`,
      `expected one of ${allowed.map((a) => `"${a}"`).join(', ')} (or a destination ARN), received ${describeValue(type)}`,
    );
  }
  return { type: type as MappingDestinationType };
}

/** Limits of one batch (aws-behaviour §4.1). */
export interface BatchLimits {
  batchSize: number;
  /** Default 6 MB. */
  maxBytes?: number;
  /** Bytes of the event around the records (`{"Records":[]}` = 14). Default 14. */
  overheadBytes?: number;
}

/** What `takeBatch` picked: the first `count` candidates, why it stopped, and the serialized size. */
export interface BatchPick {
  readonly count: number;
  readonly bytes: number;
  /** `batchSize` or `payload` = full (leave now); `available` = not full (leave when the window is due). */
  readonly full: 'batchSize' | 'payload' | false;
  /** True when the first candidate alone exceeds the cap (count is then 0): the source decides (drop, fail…). */
  readonly oversized: boolean;
}

/**
 * Picks the longest prefix of `candidates` (in delivery order) that fits one batch: at most `batchSize`
 * records and at most 6 MB serialized, each record costing `bytesOf(record)` plus a separating comma (§4.1).
 * @example
 * const pick = takeBatch(visible, (m) => m.bytes, { batchSize: 10 });
 */
export function takeBatch<T>(candidates: readonly T[], bytesOf: (item: T) => number, limits: BatchLimits): BatchPick {
  const max = limits.maxBytes ?? BATCH_PAYLOAD_LIMIT;
  let bytes = limits.overheadBytes ?? 14;
  let count = 0;
  const n = Math.min(candidates.length, limits.batchSize);
  for (; count < n; count++) {
    const size = bytesOf(candidates[count] as T) + (count === 0 ? 0 : 1);
    if (bytes + size > max) {
      return { count, bytes, full: 'payload', oversized: count === 0 };
    }
    bytes += size;
  }
  const full = count === limits.batchSize ? 'batchSize' : false;
  return { count, bytes, full, oversized: false };
}

/**
 * Whether a batch may leave at `now` (aws-behaviour §4.1): it is full, or the batching window opened at
 * `windowStart` (when its first record became available) has elapsed. Without a window it leaves at once.
 */
export function windowDue(pick: BatchPick, windowStart: number, windowMs: number, now: number): boolean {
  return pick.full !== false || now >= windowStart + windowMs;
}

/**
 * Schedules a poller's `pump` on `clock`: the returned `requestPump(at)` runs it at virtual ms `at`, once however
 * often that time is requested before it comes.
 */
export function pumpScheduler(clock: VirtualClock, pump: () => unknown): (at: number) => void {
  const pending = new Set<number>();
  return (at) => {
    if (pending.has(at)) return;
    pending.add(at);
    clock.schedule(at, () => {
      pending.delete(at);
      return pump();
    });
  };
}

/** A ledger of an event source mapping run: the shared Ledger plus warnings (an extension of the contract). */
export interface MappingLedger extends Ledger {
  /** Things that silently lose or reorder messages in production (e.g. a partial response that is ignored). */
  readonly warnings: readonly string[];
}

/** Simulation options common to every source: the function, faults, seed and stop time. */
export interface MappingRunOptions extends FunctionOptions {
  /**
   * Faults per message/record: `event` is its index in input order, `attempt` its delivery number
   * (1 = first receive). Validated against the number of messages (field `faults`).
   */
  faults?: readonly Fault[];
  /** Probability (0–1) that a batch is delivered twice (at-least-once, aws-behaviour §4.1). Default 0. */
  duplicateRate?: number;
  /** Virtual milliseconds each invocation takes (timeouts take the function timeout). Default 0. */
  invocationDurationMs?: number;
  /** Seed of request ids, receipt handles and seeded choices. Default 42. */
  seed?: number;
  /** Stop at this virtual ms; unfinished messages are `in-flight`. Default: run to completion. */
  until?: number;
}

/** The result of `MappingRun.invokeBatch`. */
export interface BatchInvocation {
  readonly result: InvokeResult;
  /** The virtual time the invocation ended (`at` + duration; + the function timeout on timeouts). */
  readonly endsAt: number;
}

/**
 * The state one mapping simulation shares: the virtual clock, the ledger (one event per message/record, in input
 * order), seeded ids, faults and warnings. Sources schedule their poller on `clock` and call `invokeBatch`.
 */
export class MappingRun {
  readonly clock = new VirtualClock();
  readonly ledger: LedgerBuilder;
  readonly fn: PreparedFunction;
  readonly handler: Handler;
  readonly seed: number;
  /** Request ids. */
  readonly ids: Random;
  /** Seeded choices of the source (receipt handles, sequence numbers…). */
  readonly random: Random;
  /** Ids of what the mapping writes itself (on-failure object keys), apart from `ids` and `random`. */
  readonly destinationIds: Random;
  /** The mapping's UUID, as `CreateEventSourceMapping` returns it (seeded). */
  readonly uuid: string;
  readonly until: number;
  readonly invocationDurationMs: number;
  readonly #faults: FaultPlan;
  readonly #duplicateRate: number;
  readonly #dupes: Random;
  readonly #warnings: string[] = [];
  readonly #warned = new Set<string>();

  constructor(handler: Handler, options: MappingRunOptions, eventCount: number) {
    this.handler = handler;
    this.fn = prepareFunction(options);
    this.seed = checkInteger('seed', options.seed, 0, 2 ** 32 - 1) ?? DEFAULT_SEED;
    this.until = checkNumber('until', options.until, 0, Number.MAX_SAFE_INTEGER) ?? Number.POSITIVE_INFINITY;
    this.invocationDurationMs = checkNumber('invocationDurationMs', options.invocationDurationMs, 0, 900_000) ?? 0;
    this.#duplicateRate = checkNumber('duplicateRate', options.duplicateRate, 0, 1) ?? 0;
    this.#faults = new FaultPlan(checkFaults(options.faults, eventCount));
    this.ledger = new LedgerBuilder(eventCount);
    this.ids = new Random(this.seed);
    this.random = new Random((this.seed ^ 0x9e3779b9) >>> 0);
    this.#dupes = new Random((this.seed ^ 0x27d4eb2f) >>> 0);
    this.destinationIds = new Random((this.seed ^ 0x85ebca6b) >>> 0);
    this.uuid = this.destinationIds.uuid();
  }

  /** Adds a warning once (same text, one entry). */
  warn(text: string): void {
    if (this.#warned.has(text)) return;
    this.#warned.add(text);
    this.#warnings.push(text);
  }

  /**
   * Invokes the handler synchronously with a batch event carrying ledger events `indices` (aws-behaviour §4: pollers
   * invoke synchronously). `deliveryOf(index)` is the delivery number of each record, used to look up faults: the
   * first non-duplicate fault of the batch replaces the invocation; a `duplicate` fault (or `duplicateRate`)
   * delivers the same batch twice, the first result counting. Records the invocation(s) at `clock.now`.
   * `payload` is the event's JSON when the source assembles it itself (then `event` is not read).
   */
  async invokeBatch(
    event: unknown,
    indices: readonly number[],
    deliveryOf: (index: number) => number,
    payload?: string,
  ): Promise<BatchInvocation> {
    const at = this.clock.now;
    let fault: 'throttle' | 'timeout' | 'error' | 'system-error' | undefined;
    let duplicate = false;
    if (!this.#faults.empty) {
      for (const index of indices) {
        const f = this.#faults.at(index, deliveryOf(index));
        fault ??= f.outcome;
        duplicate ||= f.duplicate;
      }
    }
    if (payload === undefined) {
      try {
        payload = JSON.stringify(event) ?? 'null';
      } catch {
        payload = 'null';
      }
    }
    const result = await runInvocation(this.fn, this.handler, event, { requestId: this.ids.uuid(), fault, payload });
    this.ledger.invocation(at, result, indices);
    if (result.ran && (duplicate || (this.#duplicateRate > 0 && this.#dupes.next() < this.#duplicateRate))) {
      const again = await runInvocation(this.fn, this.handler, event, { requestId: this.ids.uuid(), payload });
      this.ledger.invocation(at, again, indices);
    }
    const endsAt = at + (result.status === 'timeout' ? this.fn.timeoutMs : result.ran ? this.invocationDurationMs : 0);
    return { result, endsAt };
  }

  /**
   * Runs the clock until no task is left or `until`, then builds the ledger: messages not settled are `in-flight`.
   * Holds the console patch for the whole run (one install instead of one per invocation).
   */
  async finish(): Promise<MappingLedger> {
    const release = this.fn.logs === 'off' ? undefined : holdLogCapture();
    try {
      const end = await this.clock.run(this.until);
      return { ...this.ledger.build(end), warnings: this.#warnings };
    } finally {
      release?.();
    }
  }
}

/** How the ESM reads a partial batch response (aws-behaviour §4.2, §4.3). */
export type BatchResponse =
  /** Empty or null response or list: the whole batch succeeded. */
  | { readonly kind: 'success' }
  /** Positions (in the batch) of the reported items, ascending, without duplicates. */
  | { readonly kind: 'partial'; readonly failed: readonly number[] }
  /** The whole batch failed; `reason` says why (for the ledger and warnings). */
  | { readonly kind: 'invalid'; readonly reason: string };

const SUCCESS: BatchResponse = { kind: 'success' };

/**
 * Reads `{"batchItemFailures": [{"itemIdentifier": id}]}` (aws-behaviour §4.2, §4.3). `positions` maps each record's
 * identifier (SQS `messageId`, Kinesis `sequenceNumber`, DynamoDB `SequenceNumber`) to its position in the batch.
 * Empty/null response or list, `""` and `[]` = success (AWS-validated on Kinesis; assumed for SQS and DynamoDB); a
 * response that is not an object (e.g. a non-empty string, even one holding JSON), a list that is not an array, an entry without `itemIdentifier` (wrong key), an empty/null identifier or one not
 * in the batch = the whole batch failed.
 * @example
 * const parsed = parseBatchItemFailures(result.response, new Map(batch.map((r, i) => [r.messageId, i])));
 */
export function parseBatchItemFailures(response: unknown, positions: ReadonlyMap<string, number>): BatchResponse {
  if (response === null || response === undefined || response === '') return SUCCESS;
  if (Array.isArray(response) && response.length === 0) return SUCCESS;
  if (typeof response !== 'object' || Array.isArray(response)) {
    return {
      kind: 'invalid',
      reason: `the response is ${typeof response === 'string' ? 'a string' : describeValue(response)}, not a {"batchItemFailures": […]} object`,
    };
  }
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === null || list === undefined) return SUCCESS;
  if (!Array.isArray(list)) {
    return { kind: 'invalid', reason: `batchItemFailures is ${describeValue(list)}, not an array` };
  }
  if (list.length === 0) return SUCCESS;
  const failed = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as unknown;
    if (!isObject(item) || !('itemIdentifier' in item)) {
      const keys = isObject(item)
        ? Object.keys(item)
            .map((k) => `"${k}"`)
            .join(', ') || 'no key'
        : describeValue(item);
      return { kind: 'invalid', reason: `batchItemFailures[${i}] has no "itemIdentifier" (found ${keys})` };
    }
    const id = item.itemIdentifier;
    if (id === null || id === undefined || id === '') {
      return { kind: 'invalid', reason: `batchItemFailures[${i}].itemIdentifier is ${describeValue(id)}` };
    }
    const position = typeof id === 'string' ? positions.get(id) : undefined;
    if (position === undefined) {
      return {
        kind: 'invalid',
        reason: `batchItemFailures[${i}].itemIdentifier ${describeValue(id)} is not an item of the batch`,
      };
    }
    failed.add(position);
  }
  return { kind: 'partial', failed: [...failed].sort((a, b) => a - b) };
}

/** What a source returns from its scenario parser: at least its name. */
export interface ParsedSource {
  readonly source: string;
}

/**
 * A source plugged into scenarios. `parse` validates `invocation` (the whole object, `source` included; errors
 * name `${field}.x`); `run` simulates `events` (the scenario's entries: one message/record each, or
 * `{"generate": id, …}` contributing every record of the generated events) and returns the ledger.
 */
export interface SourceRunner<P extends ParsedSource = ParsedSource> {
  parse(value: Readonly<Record<string, unknown>>, field: string): P;
  run(parsed: P, handler: Handler, events: readonly unknown[], options: MappingRunOptions): Promise<MappingLedger>;
}

const runners = new Map<string, SourceRunner<ParsedSource>>();

/**
 * Registers the runner of `invocation.source === name` for `parseMappingInvocation` / `runMapping`.
 * @example
 * registerSource('kinesis', { parse: parseKinesis, run: runKinesis });
 */
export function registerSource<P extends ParsedSource>(name: string, runner: SourceRunner<P>): void {
  runners.set(name, runner as unknown as SourceRunner<ParsedSource>);
}

/** The registered source names, in registration order. */
export function registeredSources(): string[] {
  return [...runners.keys()];
}

/** The runner of `name`; throws ScenarioError on `field` listing the registered sources. */
export function sourceRunner(name: unknown, field: string): SourceRunner<ParsedSource> {
  const runner = typeof name === 'string' ? runners.get(name) : undefined;
  if (runner === undefined) {
    throw new ScenarioError(
      field,
      `expected one of ${[...runners.keys()].map((s) => `"${s}"`).join(', ')}, received ${describeValue(name)}`,
    );
  }
  return runner;
}

/** A one-line description of a failed invocation for ledger reasons (`Error: boom`, `TooManyRequestsException (429)`). */
export function failureReason(result: InvokeResult): string {
  if (result.invocationError !== undefined) {
    return `${result.invocationError.errorType} (${result.invocationError.statusCode})`;
  }
  const e = result.error;
  if (e === undefined) return result.status;
  return e.errorType === undefined ? e.errorMessage : `${e.errorType}: ${e.errorMessage}`;
}

const GENERATE_KEYS = ['generate', 'variant', 'seed', 'count', 'records', 'overrides'];

/**
 * Expands a scenario entry `{"generate": id, "variant"?, "seed"?, "count"?, "records"?, "overrides"?}` into the
 * records of `count` generated events (seeds `seed`, `seed + 1`, …), for sources whose entries are records.
 * `accepted` lists the event type ids the source reads; `variant` is the default variant.
 * @example
 * const records = generatedRecords(entry, 'events[2]', ['kinesis-stream']);
 */
export function generatedRecords(
  entry: Readonly<Record<string, unknown>>,
  field: string,
  accepted: readonly string[],
  variant?: string,
): unknown[] {
  onlyKeys(field, entry, GENERATE_KEYS);
  const id = entry.generate;
  if (typeof id !== 'string' || !accepted.includes(id)) {
    throw new ScenarioError(
      `${field}.generate`,
      `this source reads ${accepted.map((a) => `"${a}"`).join(' or ')} events, received ${describeValue(id)}`,
    );
  }
  const count = checkInteger(`${field}.count`, entry.count, 1, 10_000) ?? 1;
  const seed = checkInteger(`${field}.seed`, entry.seed, 0, 2 ** 32 - 1) ?? DEFAULT_SEED;
  const records = checkInteger(`${field}.records`, entry.records, 1, 10_000);
  const chosen = entry.variant ?? variant;
  if (chosen !== undefined && typeof chosen !== 'string') {
    throw new ScenarioError(`${field}.variant`, `expected a string, received ${describeValue(chosen)}`);
  }
  const key = getEventType(id).definition.records?.key;
  const out: unknown[] = [];
  for (let k = 0; k < count; k++) {
    const options: { seed: number; variant?: string; records?: number } = { seed: seed + k };
    if (chosen !== undefined) options.variant = chosen;
    if (records !== undefined) options.records = records;
    const event = buildEvent(id, entry.overrides, options) as Record<string, unknown>;
    const list = key === undefined ? [event] : (event[key] as unknown[]);
    for (const record of list) out.push(record);
  }
  return out;
}

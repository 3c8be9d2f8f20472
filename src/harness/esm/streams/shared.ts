/**
 * Helpers the stream, Kafka, MQ and DocumentDB sources share: their `simulate*` function and scenario runner
 * (`simulatePoller`, `pollerRunner`), scenario entry checks, `{"generate": id}` expansion, hashing records onto
 * shards/partitions, building lanes, and the batch-info record of aws-behaviour §4.3/§4.4.
 */
import { checkOptions, defineOptions, MAPPING_RUN_OPTIONS, UNSIMULATED_MAPPING_SETTINGS } from '../../options.ts';
import { createHash } from 'node:crypto';
import { buildEvent } from '../../../registry.ts';
import { checkInteger, checkNumber, describeValue, ScenarioError } from '../../errors.ts';
import type { PreparedFunction } from '../../function-config.ts';
import type { Handler } from '../../invoke.ts';
import {
  MAPPING_KEYS,
  type MappingLedger,
  type MappingRun,
  type MappingRunOptions,
  objectAt,
  onlyKeys,
  type ParsedSource,
  type PreparedMapping,
  prepareMapping,
  type SourceName,
  type SourceRunner,
} from '../core.ts';
import {
  type ExhaustCondition,
  type FailureContext,
  type LogLane,
  type LogRecord,
  runLogPoller,
  virtualIso,
  type WindowEvent,
} from './log-poller.ts';

/**
 * From core.ts: `MAPPING_KEYS`, the keys of `CreateEventSourceMapping` the core reads (everything else in an options
 * object is a run option); `objectAt` / `onlyKeys`, the checks of scenario objects.
 */
export { MAPPING_KEYS, objectAt, onlyKeys };

/** Run options a scenario `invocation` may carry besides the mapping (as in the SQS source). */
export const RUN_KEYS = ['duplicateRate', 'invocationDurationMs'] as const;

/** Splits one options object into the mapping (AWS names), the source's own keys and the run options. */
export function splitOptions(
  options: object,
  own: readonly string[],
): { mapping: Record<string, unknown>; own: Record<string, unknown>; run: MappingRunOptions } {
  const mapping: Record<string, unknown> = {};
  const mine: Record<string, unknown> = {};
  const run: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if ((MAPPING_KEYS as readonly string[]).includes(key)) mapping[key] = value;
    else if (own.includes(key)) mine[key] = value;
    else run[key] = value;
  }
  return { mapping, own: mine, run: run as MappingRunOptions };
}

/** The run options of a scenario `invocation` (duplicateRate, invocationDurationMs). */
export function runOptionsOf(
  value: Readonly<Record<string, unknown>>,
): Pick<MappingRunOptions, (typeof RUN_KEYS)[number]> {
  const run: { duplicateRate?: number; invocationDurationMs?: number } = {};
  if (value.duplicateRate !== undefined) run.duplicateRate = value.duplicateRate as number;
  if (value.invocationDurationMs !== undefined) run.invocationDurationMs = value.invocationDurationMs as number;
  return run;
}

/**
 * A source read by a poller of this folder, as `simulate*` and scenarios use it: `T` is its own validated
 * configuration (stream, table, topic, broker, cluster), `I` one input (record, change, message).
 */
export interface PollerSource<T, I> {
  /** The keys of the source's own configuration beside the mapping and run options, e.g. `shards`, `stream`. */
  readonly ownKeys: readonly string[];
  /** Validates the own configuration read from `own` (which may hold other keys); errors name `${field}.key`. */
  prepare(own: Readonly<Record<string, unknown>>, field: string, source: SourceName): T;
  /** Checks scenario entries / API inputs; errors name `${field}[i]` (default `events`). */
  inputs(entries: readonly unknown[], target: T, field?: string): I[];
  /** Runs the inputs through a prepared mapping. */
  poll(
    target: T,
    mapping: PreparedMapping,
    handler: Handler,
    inputs: readonly I[],
    options: MappingRunOptions,
  ): Promise<MappingLedger>;
}

/**
 * What `simulateKinesis` & co. do: split `options` into the mapping, the source's own keys and the run options,
 * validate them in that order, check `inputs` (errors name `${field}[i]`) and poll. `source` may be read from the
 * own keys (Kafka's `source`).
 */
export function simulatePoller<T, I>(
  def: PollerSource<T, I>,
  source: SourceName | ((own: Readonly<Record<string, unknown>>) => SourceName),
  handler: Handler,
  inputs: readonly I[],
  field: string,
  options: object,
): Promise<MappingLedger> {
  checkOptions(
    defineOptions([...MAPPING_KEYS, ...def.ownKeys], UNSIMULATED_MAPPING_SETTINGS, MAPPING_RUN_OPTIONS),
    options,
  );
  const { mapping, own, run } = splitOptions(options, def.ownKeys);
  const name = typeof source === 'function' ? source(own) : source;
  const prepared = prepareMapping(name, mapping, { field: '' });
  const target = def.prepare(own, 'options', name);
  return def.poll(target, prepared, handler, def.inputs(inputs as unknown[], target, field), run);
}

/** A validated scenario `invocation` of a source of this folder; the source's own part is added under its key. */
export interface ParsedPollerInvocation<S extends SourceName> extends ParsedSource {
  readonly source: S;
  readonly mapping: PreparedMapping;
  readonly run: Pick<MappingRunOptions, (typeof RUN_KEYS)[number]>;
}

/**
 * The scenario runner of a source: `parse` validates the mapping (allowing `source`, the own keys and the run
 * options), then the own configuration, kept under `key`; `run` checks the entries and polls with the run options.
 */
export function pollerRunner<S extends SourceName, K extends string, T, I>(
  def: PollerSource<T, I>,
  source: S | ((value: Readonly<Record<string, unknown>>) => S),
  key: K,
): SourceRunner<ParsedPollerInvocation<S> & { readonly [k in K]: T }> {
  type Parsed = ParsedPollerInvocation<S> & { readonly [k in K]: T };
  return {
    parse(value, field) {
      const name = typeof source === 'function' ? source(value) : source;
      const mapping = prepareMapping(name, value, { field, allow: ['source', ...def.ownKeys, ...RUN_KEYS] });
      return { source: name, mapping, [key]: def.prepare(value, field, name), run: runOptionsOf(value) } as Parsed;
    },
    async run(parsed, handler, events, options) {
      const target: T = parsed[key];
      return def.poll(target, parsed.mapping, handler, def.inputs(events, target), { ...options, ...parsed.run });
    },
  };
}

/** An optional object of a source's own options (`stream`, `table`, `broker`…) with only `known` keys; `{}` if absent. */
export function optionsAt(field: string, value: unknown, known: readonly string[]): Record<string, unknown> {
  const options = value === undefined ? {} : objectAt(field, value, 'an object');
  onlyKeys(field, options, known);
  return options;
}

/** `options[key]` (default `fallback`): a name matching `pattern`; errors name `${field}.${key}`. */
export function nameAt(
  field: string,
  options: Readonly<Record<string, unknown>>,
  key: string,
  fallback: string,
  pattern: RegExp,
): string {
  const v = options[key] ?? fallback;
  if (typeof v !== 'string' || !pattern.test(v)) {
    throw new ScenarioError(`${field}.${key}`, `expected a name, received ${describeValue(v)}`);
  }
  return v;
}

/** An entry's `at`: virtual ms at which the record enters the stream. Default 0. */
export function arrivalOf(field: string, value: unknown): number {
  return checkNumber(`${field}.at`, value, 0, Number.MAX_SAFE_INTEGER) ?? 0;
}

const GENERATE_KEYS = ['generate', 'variant', 'seed', 'count', 'records', 'overrides', 'at'];

/**
 * Expands `{"generate": id, count?, records?, seed?, variant?, overrides?, at?}`: `count` events built with
 * seeds `seed`, `seed + 1`…; returns them with the entry's arrival time.
 */
export function generatedEvents(
  field: string,
  entry: Record<string, unknown>,
  ids: readonly string[],
): { events: unknown[]; at: number } {
  onlyKeys(field, entry, GENERATE_KEYS);
  if (typeof entry.generate !== 'string' || !ids.includes(entry.generate)) {
    throw new ScenarioError(
      `${field}.generate`,
      `this mapping reads ${ids.map((i) => `"${i}"`).join(' or ')} events, received ${describeValue(entry.generate)}`,
    );
  }
  const count = checkInteger(`${field}.count`, entry.count, 1, 10_000) ?? 1;
  const seed = checkInteger(`${field}.seed`, entry.seed, 0, 2 ** 32 - 1) ?? 42;
  const records = checkInteger(`${field}.records`, entry.records, 1, 10_000);
  if (entry.variant !== undefined && typeof entry.variant !== 'string') {
    throw new ScenarioError(`${field}.variant`, `expected a string, received ${describeValue(entry.variant)}`);
  }
  const events: unknown[] = [];
  for (let k = 0; k < count; k++) {
    events.push(
      buildEvent(entry.generate, entry.overrides, {
        seed: seed + k,
        ...(entry.variant === undefined ? {} : { variant: entry.variant as string }),
        ...(records === undefined ? {} : { records }),
      }),
    );
  }
  return { events, at: arrivalOf(field, entry.at) };
}

/** How a source reads its scenario entries / API inputs (see `entryInputs`). */
export interface EntrySpec<T> {
  /** The shape an entry must have, for the error on one that is not an object. */
  readonly what: string;
  /** The event type ids `{"generate": id}` may name. */
  readonly generate: readonly string[];
  /** The inputs of one generated event; `at` is the entry's arrival time. */
  fromEvent(event: unknown, at: number): Iterable<T>;
  /** The keys an entry may have. */
  readonly keys: readonly string[];
  /** Checks one entry (its keys already checked) and makes it an input; `at` is its field, e.g. `events[2]`. */
  fromEntry(entry: Record<string, unknown>, at: string): T;
}

/**
 * Checks scenario entries / API inputs: each is an object, `{"generate": id, …}` (every input of the generated
 * events) or an entry of the source's own keys. Errors name `${field}[i]`.
 */
export function entryInputs<T>(entries: readonly unknown[], field: string, spec: EntrySpec<T>): T[] {
  if (!Array.isArray(entries)) throw new ScenarioError(field, `expected an array, received ${describeValue(entries)}`);
  const out: T[] = [];
  entries.forEach((raw, i) => {
    const at = `${field}[${i}]`;
    const entry = objectAt(at, raw, spec.what);
    if ('generate' in entry) {
      const generated = generatedEvents(at, entry, spec.generate);
      for (const event of generated.events) for (const input of spec.fromEvent(event, generated.at)) out.push(input);
      return;
    }
    onlyKeys(at, entry, spec.keys);
    out.push(spec.fromEntry(entry, at));
  });
  return out;
}

/** The 128-bit MD5 of `key` as Kinesis hashes partition keys. */
export function md5Int(key: string): bigint {
  return BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`);
}

const HASH_SPACE = 1n << 128n;

/** The shard (of `shards` with evenly split hash-key ranges) a partition key maps to, as Kinesis does. */
export function shardOf(hash: bigint, shards: number): number {
  return Number((hash * BigInt(shards)) / HASH_SPACE);
}

/** The parallelization lane of a partition key: same key, same lane, so order per key holds (§4.3). */
export function laneOf(hash: bigint, lanes: number): number {
  return Number(hash % BigInt(lanes));
}

/** `shards` of a scenario or option: 1–500. Default 1. */
export function checkShards(field: string, value: unknown): number {
  return checkInteger(field, value, 1, 500) ?? 1;
}

/**
 * The on-failure record of a discarded stream batch (aws-behaviour §4.3): request and response context plus
 * `KinesisBatchInfo` / `DDBStreamBatchInfo`; S3 destinations also get the invocation's `payload`.
 */
export function streamFailureRecord(
  fn: PreparedFunction,
  infoKey: 'KinesisBatchInfo' | 'DDBStreamBatchInfo',
  streamArn: string,
  context: FailureContext,
  withPayload: boolean,
): Record<string, unknown> {
  const { records } = context;
  const first = records[0];
  const last = records[records.length - 1];
  const record: Record<string, unknown> = {
    requestContext: requestContext(fn, context.condition, context),
    // RecordAgeExceeded records carry no responseContext (AWS-validated, aws-behaviour §4.3).
    ...(context.condition === 'RecordAgeExceeded' ? {} : { responseContext: responseContext(fn, context) }),
    version: '1.0',
    timestamp: virtualIso(context.at),
    [infoKey]: {
      shardId: context.lane.name,
      startSequenceNumber: first?.id ?? '',
      endSequenceNumber: last?.id ?? '',
      approximateArrivalOfFirstRecord: virtualIso(first?.arrivalAt ?? 0),
      approximateArrivalOfLastRecord: virtualIso(last?.arrivalAt ?? 0),
      batchSize: records.length,
      streamArn,
    },
  };
  if (withPayload && context.event !== undefined) record.payload = JSON.stringify(context.event);
  return record;
}

/** `requestContext` of an on-failure record (aws-behaviour §4.3, §4.4). */
export function requestContext(
  fn: PreparedFunction,
  condition: ExhaustCondition,
  context: FailureContext,
): Record<string, unknown> {
  return {
    requestId: context.last?.requestId ?? context.requestId,
    functionArn: fn.functionArn,
    condition,
    approximateInvokeCount: context.invokeCount,
  };
}

/** `responseContext` of the last invocation: status, executed version, `functionError` (error type, or null after a partial failure). */
export function responseContext(fn: PreparedFunction, context: FailureContext): Record<string, unknown> | null {
  const last = context.last;
  if (last === undefined) return null;
  const out: Record<string, unknown> = {
    statusCode: last.invocationError?.statusCode ?? 200,
    executedVersion: fn.functionVersion,
  };
  if (last.ran && last.status !== 'success') out.functionError = last.functionError ?? 'Unhandled';
  // After a partial batch failure the key is present and null (AWS-validated, aws-behaviour §4.3).
  else if (context.partial) out.functionError = null;
  return out;
}

/** Base64 of text (UTF-8), bytes, or any other value as JSON — how scenario entries give record data. */
export function dataBytes(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value);
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
}

/** Records a generator builds per call: sources build their records chunk by chunk. */
export const RECORDS_PER_BUILD = 10_000;

/** A generated record as a poller source describes it: the record, its partial-batch id, what filters address. */
export interface BuiltRecord {
  readonly record: unknown;
  readonly id: string;
  readonly filterView: unknown;
}

/** The poller's state of a record (ledger event `index`, readable from `arrivalAt`), not delivered yet. */
export function logRecord(index: number, arrivalAt: number, built: BuiltRecord): LogRecord {
  return {
    index,
    arrivalAt,
    bytes: Buffer.byteLength(JSON.stringify(built.record)),
    id: built.id,
    record: built.record,
    filterView: built.filterView,
    deliveries: 0,
    done: false,
  };
}

/** An input placed on a shard and, within it, on a parallelization lane (aws-behaviour §4.3). */
export interface PlacedRecord {
  readonly index: number;
  readonly input: { readonly at?: number };
  readonly shard: number;
  readonly lane: number;
}

/** One shard of a stream: its id, and how a chunk of its inputs (in arrival order) becomes records. */
export interface StreamShard<P> {
  readonly name: string;
  build(chunk: readonly P[], seed: number): readonly BuiltRecord[];
}

/**
 * The lanes of a sharded stream (Kinesis, DynamoDB Streams; aws-behaviour §4.3): each shard's inputs sorted by arrival,
 * built `RECORDS_PER_BUILD` at a time (seed `run.seed + shard * 7919 + start`), split onto their parallelization
 * lanes, each named after the shard. `openShard` is called once per shard, in shard order.
 */
export function shardLanes<P extends PlacedRecord>(
  run: MappingRun,
  placed: readonly P[],
  shards: number,
  factor: number,
  openShard: (shard: number) => StreamShard<P>,
): LogLane[] {
  const byShard: P[][] = Array.from({ length: shards }, () => []);
  for (const p of placed) byShard[p.shard]?.push(p);
  const lanes: LogLane[] = [];
  for (let shard = 0; shard < shards; shard++) {
    const { name, build } = openShard(shard);
    const mine = (byShard[shard] ?? []).sort((a, b) => (a.input.at ?? 0) - (b.input.at ?? 0));
    const records: LogRecord[][] = Array.from({ length: factor }, () => []);
    for (let start = 0; start < mine.length; start += RECORDS_PER_BUILD) {
      const chunk = mine.slice(start, start + RECORDS_PER_BUILD);
      build(chunk, (run.seed + shard * 7919 + start) >>> 0).forEach((built, i) => {
        const p = chunk[i] as P;
        (records[p.lane] as LogRecord[]).push(logRecord(p.index, p.input.at ?? 0, built));
      });
    }
    for (const laneRecords of records) if (laneRecords.length > 0) lanes.push({ name, records: laneRecords });
  }
  return lanes;
}

/** What distinguishes the stream sources (Kinesis, DynamoDB Streams) in the log poller. */
export interface StreamSpec {
  readonly streamArn: string;
  /** The batch-info key of on-failure records. */
  readonly infoKey: 'KinesisBatchInfo' | 'DDBStreamBatchInfo';
  readonly retentionMs: number;
  /** Names the retention in reasons, e.g. `stream retention (24 h)`. */
  readonly retentionText: string;
}

/** Runs the lanes of a Kinesis or DynamoDB stream through the log poller (aws-behaviour §4.3). */
export function runStreamPoller(
  run: MappingRun,
  mapping: PreparedMapping,
  stream: StreamSpec,
  lanes: readonly LogLane[],
): Promise<MappingLedger> {
  const { streamArn } = stream;
  return runLogPoller(
    run,
    {
      mapping,
      retentionMs: stream.retentionMs,
      retentionText: stream.retentionText,
      overheadBytes: mapping.tumblingWindowMs > 0 ? 400 : 14,
      filteredReason: 'skipped by event filtering: no filter pattern matched (aws-behaviour §4.6)',
      section: '§4.3',
      onExpiry: 'skip',
      retryOptions: true,
      buildEvent: (lane, batch, window) => streamBatchEvent(lane.name, streamArn, batch, window),
      failureRecord: (context) =>
        streamFailureRecord(run.fn, stream.infoKey, streamArn, context, mapping.onFailure?.type === 's3'),
    },
    lanes,
  );
}

/** The event of one stream batch; with a tumbling window, the window fields of aws-behaviour §4.3. */
function streamBatchEvent(
  shardId: string,
  streamArn: string,
  batch: readonly LogRecord[],
  window: WindowEvent | undefined,
): Record<string, unknown> {
  const Records = batch.map((r) => r.record);
  if (window === undefined) return { Records };
  return {
    Records,
    window: window.window,
    state: window.state,
    shardId,
    eventSourceARN: streamArn,
    isFinalInvokeForWindow: window.isFinalInvokeForWindow,
    isWindowTerminatedEarly: window.isWindowTerminatedEarly,
  };
}

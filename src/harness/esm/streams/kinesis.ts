/**
 * The Kinesis Data Streams poller of an event source mapping (SEMANTICS §4.3): records hashed onto shards by
 * partition key (MD5, as Kinesis does), read per shard — per partition key with `parallelizationFactor` > 1 —
 * in order, with retries, bisect, partial batch responses, tumbling windows, retention and on-failure destinations.
 */
import type { KinesisStreamEvent, KinesisStreamRecord } from '../../../../generators/kinesis-stream/index.ts';
import { kinesisStreamEvent } from '../../../../generators/kinesis-stream/index.ts';
import { checkInteger, describeValue, ScenarioError } from '../../errors.ts';
import type { Handler } from '../../invoke.ts';
import {
  type MappingConfig,
  type MappingLedger,
  MappingRun,
  type MappingRunOptions,
  type ParsedSource,
  type PreparedMapping,
  prepareMapping,
  type SourceRunner,
} from '../core.ts';
import { EPOCH, type LogLane, type LogRecord, runLogPoller, type WindowEvent } from './log-poller.ts';
import {
  arrivalOf,
  checkShards,
  dataBytes,
  generatedEvents,
  laneOf,
  md5Int,
  objectAt,
  onlyKeys,
  RUN_KEYS,
  runOptionsOf,
  shardOf,
  splitOptions,
  streamFailureRecord,
} from './shared.ts';

/** One record put into the stream. */
export interface KinesisRecordInput {
  /** The data: a string is UTF-8 text, bytes are kept, anything else is JSON-encoded (then base64, as AWS sends it). */
  data: unknown;
  /** Partition key (1–256 characters): picks the shard. Default: a seeded random key per record. */
  partitionKey?: string;
  /** Virtual ms at which the record is put (arrival time; tumbling windows use it). Default 0. */
  at?: number;
}

/** The stream itself. */
export interface KinesisStreamOptions {
  /** Stream name. Default `my-stream`. */
  name?: string;
  /** Retention, 24–8 760 hours (SEMANTICS §4.3). Default 24. */
  retentionPeriodHours?: number;
}

/** Options of `simulateKinesis`: the mapping (AWS names), the stream, and the function/run options. */
export interface KinesisSimulationOptions extends MappingConfig, MappingRunOptions {
  /** Number of shards, 1–500. Default 1. */
  shards?: number;
  stream?: KinesisStreamOptions;
}

interface PreparedStream {
  readonly name: string;
  readonly retentionMs: number;
  readonly shards: number;
}

function prepareStream(value: unknown, shards: unknown, field: string): PreparedStream {
  const s = value === undefined ? {} : objectAt(`${field}.stream`, value, 'an object');
  onlyKeys(`${field}.stream`, s, ['name', 'retentionPeriodHours']);
  const name = s.name ?? 'my-stream';
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,128}$/.test(name)) {
    throw new ScenarioError(
      `${field}.stream.name`,
      `expected 1–128 of A-Z a-z 0-9 _ . -, received ${describeValue(name)}`,
    );
  }
  const hours = checkInteger(`${field}.stream.retentionPeriodHours`, s.retentionPeriodHours, 24, 8760) ?? 24;
  return { name, retentionMs: hours * 3_600_000, shards: checkShards(`${field}.shards`, shards) };
}

/** Checks scenario entries / API inputs and expands `{"generate": "kinesis-stream"}` into records. */
export function kinesisInputs(entries: readonly unknown[], field = 'events'): KinesisRecordInput[] {
  if (!Array.isArray(entries)) throw new ScenarioError(field, `expected an array, received ${describeValue(entries)}`);
  const out: KinesisRecordInput[] = [];
  entries.forEach((raw, i) => {
    const at = `${field}[${i}]`;
    const entry = objectAt(at, raw, '{"data": …, "partitionKey"?} or {"generate": "kinesis-stream", …}');
    if ('generate' in entry) {
      const generated = generatedEvents(at, entry, ['kinesis-stream']);
      for (const event of generated.events as KinesisStreamEvent[]) {
        for (const r of event.Records) {
          out.push({
            data: Buffer.from(r.kinesis.data, 'base64'),
            partitionKey: r.kinesis.partitionKey,
            at: generated.at,
          });
        }
      }
      return;
    }
    onlyKeys(at, entry, ['data', 'partitionKey', 'at']);
    if (entry.data === undefined) throw new ScenarioError(`${at}.data`, 'expected the record data, received undefined');
    const key = entry.partitionKey;
    if (key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 256)) {
      throw new ScenarioError(`${at}.partitionKey`, `expected 1–256 characters, received ${describeValue(key)}`);
    }
    const input: KinesisRecordInput = { data: entry.data, at: arrivalOf(at, entry.at) };
    if (key !== undefined) input.partitionKey = key as string;
    out.push(input);
  });
  return out;
}

/** `shardId-000000000003`. */
export function kinesisShardId(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

const RECORDS_PER_BUILD = 10_000;

/** Runs Kinesis records through a prepared mapping (used by `simulateKinesis` and scenarios). */
export function pollKinesis(
  stream: PreparedStream,
  mapping: PreparedMapping,
  handler: Handler,
  inputs: readonly KinesisRecordInput[],
  options: MappingRunOptions,
): Promise<MappingLedger> {
  const run = new MappingRun(handler, options, inputs.length);
  const fn = run.fn;
  const streamArn = `arn:aws:kinesis:${fn.region}:${fn.accountId}:stream/${stream.name}`;
  const roleArn = `arn:aws:iam::${fn.accountId}:role/${fn.functionName}-role`;
  const factor = mapping.parallelizationFactor;
  // Hash every record onto a shard and, within it, onto a parallelization lane (order per partition key, §4.3).
  const placed = inputs.map((input, index) => {
    const partitionKey = input.partitionKey ?? `pk-${run.random.alnum(12)}`;
    const hash = md5Int(partitionKey);
    return { input, index, partitionKey, shard: shardOf(hash, stream.shards), lane: laneOf(hash, factor) };
  });
  const byShard: (typeof placed)[] = Array.from({ length: stream.shards }, () => []);
  for (const p of placed) byShard[p.shard]?.push(p);
  const lanes: LogLane[] = [];
  for (let shard = 0; shard < stream.shards; shard++) {
    const shardId = kinesisShardId(shard);
    const mine = (byShard[shard] ?? []).sort((a, b) => (a.input.at ?? 0) - (b.input.at ?? 0));
    let sequence = BigInt(`4959${run.random.digits(52)}`);
    const records: LogRecord[][] = Array.from({ length: factor }, () => []);
    for (let start = 0; start < mine.length; start += RECORDS_PER_BUILD) {
      const chunk = mine.slice(start, start + RECORDS_PER_BUILD);
      const overrides = chunk.map((p) => {
        sequence += BigInt(run.random.int(1, 999_999)) * 10n ** 21n + BigInt(run.random.digits(21));
        const sequenceNumber = sequence.toString();
        return {
          kinesis: {
            partitionKey: p.partitionKey,
            sequenceNumber,
            data: dataBytes(p.input.data),
            approximateArrivalTimestamp: (EPOCH + (p.input.at ?? 0)) / 1000,
          },
          eventID: `${shardId}:${sequenceNumber}`,
          invokeIdentityArn: roleArn,
          awsRegion: fn.region,
          eventSourceARN: streamArn,
        };
      });
      const event = kinesisStreamEvent(
        { Records: overrides },
        { seed: (run.seed + shard * 7919 + start) >>> 0, now: EPOCH, validate: false },
      );
      event.Records.forEach((record, i) => {
        const p = chunk[i] as (typeof placed)[number];
        (records[p.lane] as LogRecord[]).push({
          index: p.index,
          arrivalAt: p.input.at ?? 0,
          bytes: Buffer.byteLength(JSON.stringify(record)),
          id: record.kinesis.sequenceNumber,
          record,
          filterView: record.kinesis,
          deliveries: 0,
          done: false,
        });
      });
    }
    for (const laneRecords of records) if (laneRecords.length > 0) lanes.push({ name: shardId, records: laneRecords });
  }
  return runLogPoller(
    run,
    {
      mapping,
      retentionMs: stream.retentionMs,
      retentionText: `stream retention (${stream.retentionMs / 3_600_000} h)`,
      overheadBytes: mapping.tumblingWindowMs > 0 ? 400 : 14,
      filteredReason: 'skipped by event filtering: no filter pattern matched (SEMANTICS §4.6)',
      section: '§4.3',
      onExpiry: 'skip',
      retryOptions: true,
      buildEvent: (lane, batch, window) => kinesisBatchEvent(lane.name, streamArn, batch, window),
      failureRecord: (context) =>
        streamFailureRecord(fn, 'KinesisBatchInfo', streamArn, context, mapping.onFailure?.type === 's3'),
    },
    lanes,
  );
}

/** The event of one Kinesis batch; with a tumbling window, the window fields of SEMANTICS §4.3. */
function kinesisBatchEvent(
  shardId: string,
  streamArn: string,
  batch: readonly LogRecord[],
  window: WindowEvent | undefined,
): KinesisStreamEvent {
  const Records = batch.map((r) => r.record as KinesisStreamRecord);
  if (window === undefined) return { Records };
  return {
    Records,
    window: window.window,
    state: window.state as Record<string, unknown>,
    shardId,
    eventSourceARN: streamArn,
    isFinalInvokeForWindow: window.isFinalInvokeForWindow,
    isWindowTerminatedEarly: window.isWindowTerminatedEarly,
  } as KinesisStreamEvent;
}

const OWN_KEYS = ['shards', 'stream'];

/**
 * Puts `records` into a Kinesis stream and runs them through an event source mapping invoking `handler`
 * (SEMANTICS §4.3); returns the ledger, one event per record in input order.
 * @example
 * const ledger = await simulateKinesis(handler, [{ data: { id: 1 }, partitionKey: 'a' }], { bisectBatchOnFunctionError: true, maximumRetryAttempts: 2 });
 */
export async function simulateKinesis(
  handler: Handler,
  records: readonly KinesisRecordInput[],
  options: KinesisSimulationOptions = {},
): Promise<MappingLedger> {
  const { mapping, own, run } = splitOptions(options, OWN_KEYS);
  const prepared = prepareMapping('kinesis', mapping, { field: '' });
  const stream = prepareStream(own.stream, own.shards, 'options');
  return pollKinesis(stream, prepared, handler, kinesisInputs(records as unknown[], 'records'), run);
}

/** A validated `invocation` of source `kinesis`. */
export interface ParsedKinesisInvocation extends ParsedSource {
  readonly source: 'kinesis';
  readonly mapping: PreparedMapping;
  readonly stream: PreparedStream;
  readonly run: Pick<MappingRunOptions, (typeof RUN_KEYS)[number]>;
}

/** The scenario runner of source `kinesis`: entries `{"data", "partitionKey"?, "at"?}` or `{"generate": "kinesis-stream"}`. */
export const kinesisSource: SourceRunner<ParsedKinesisInvocation> = {
  parse(value, field) {
    const mapping = prepareMapping('kinesis', value, { field, allow: ['source', ...OWN_KEYS, ...RUN_KEYS] });
    return {
      source: 'kinesis',
      mapping,
      stream: prepareStream(value.stream, value.shards, field),
      run: runOptionsOf(value),
    };
  },
  async run(parsed, handler, events, options) {
    return pollKinesis(parsed.stream, parsed.mapping, handler, kinesisInputs(events), { ...options, ...parsed.run });
  },
};

/**
 * The Kinesis Data Streams poller of an event source mapping (aws-behaviour §4.3): records hashed onto shards by
 * partition key (MD5, as Kinesis does), read per shard — per partition key with `parallelizationFactor` > 1 —
 * in order, with retries, bisect, partial batch responses, tumbling windows, retention and on-failure destinations.
 */
import type { KinesisStreamEvent } from '../../../../generators/kinesis-stream/index.ts';
import { kinesisStreamEvent } from '../../../../generators/kinesis-stream/index.ts';
import { checkInteger, describeValue, ScenarioError } from '../../errors.ts';
import type { Handler } from '../../invoke.ts';
import {
  type MappingConfig,
  type MappingLedger,
  MappingRun,
  type MappingRunOptions,
  type PreparedMapping,
  type SourceRunner,
} from '../core.ts';
import { EPOCH } from './log-poller.ts';
import {
  arrivalOf,
  checkShards,
  dataBytes,
  entryInputs,
  laneOf,
  md5Int,
  optionsAt,
  type ParsedPollerInvocation,
  pollerRunner,
  type PollerSource,
  runStreamPoller,
  shardLanes,
  shardOf,
  simulatePoller,
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
  /** Retention, 24–8 760 hours (aws-behaviour §4.3). Default 24. */
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
  const s = optionsAt(`${field}.stream`, value, ['name', 'retentionPeriodHours']);
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
  return entryInputs<KinesisRecordInput>(entries, field, {
    what: '{"data": …, "partitionKey"?} or {"generate": "kinesis-stream", …}',
    generate: ['kinesis-stream'],
    fromEvent: (event, at) =>
      (event as KinesisStreamEvent).Records.map((r) => ({
        data: Buffer.from(r.kinesis.data, 'base64'),
        partitionKey: r.kinesis.partitionKey,
        at,
      })),
    keys: ['data', 'partitionKey', 'at'],
    fromEntry(entry, at) {
      if (entry.data === undefined)
        throw new ScenarioError(`${at}.data`, 'expected the record data, received undefined');
      const key = entry.partitionKey;
      if (key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 256)) {
        throw new ScenarioError(`${at}.partitionKey`, `expected 1–256 characters, received ${describeValue(key)}`);
      }
      const input: KinesisRecordInput = { data: entry.data, at: arrivalOf(at, entry.at) };
      if (key !== undefined) input.partitionKey = key as string;
      return input;
    },
  });
}

/** `shardId-000000000003`. */
export function kinesisShardId(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

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
  const lanes = shardLanes(run, placed, stream.shards, factor, (shard) => {
    const shardId = kinesisShardId(shard);
    let sequence = BigInt(`4959${run.random.digits(52)}`);
    return {
      name: shardId,
      build(chunk, seed) {
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
        const event = kinesisStreamEvent({ Records: overrides }, { seed, now: EPOCH, validate: false });
        return event.Records.map((record) => ({
          record,
          id: record.kinesis.sequenceNumber,
          filterView: record.kinesis,
        }));
      },
    };
  });
  return runStreamPoller(
    run,
    mapping,
    {
      streamArn,
      infoKey: 'KinesisBatchInfo',
      retentionMs: stream.retentionMs,
      retentionText: `stream retention (${stream.retentionMs / 3_600_000} h)`,
    },
    lanes,
  );
}

/** The Kinesis source: a stream with shards. */
const KINESIS: PollerSource<PreparedStream, KinesisRecordInput> = {
  ownKeys: ['shards', 'stream'],
  prepare: (own, field) => prepareStream(own.stream, own.shards, field),
  inputs: (entries, _stream, field) => kinesisInputs(entries, field),
  poll: pollKinesis,
};

/**
 * Puts `records` into a Kinesis stream and runs them through an event source mapping invoking `handler`
 * (aws-behaviour §4.3); returns the ledger, one event per record in input order.
 * @example
 * const ledger = await simulateKinesis(handler, [{ data: { id: 1 }, partitionKey: 'a' }], { bisectBatchOnFunctionError: true, maximumRetryAttempts: 2 });
 */
export async function simulateKinesis(
  handler: Handler,
  records: readonly KinesisRecordInput[],
  options: KinesisSimulationOptions = {},
): Promise<MappingLedger> {
  return simulatePoller(KINESIS, 'kinesis', handler, records, 'records', options);
}

/** A validated `invocation` of source `kinesis`. */
export interface ParsedKinesisInvocation extends ParsedPollerInvocation<'kinesis'> {
  readonly stream: PreparedStream;
}

/** The scenario runner of source `kinesis`: entries `{"data", "partitionKey"?, "at"?}` or `{"generate": "kinesis-stream"}`. */
export const kinesisSource: SourceRunner<ParsedKinesisInvocation> = pollerRunner(KINESIS, 'kinesis', 'stream');

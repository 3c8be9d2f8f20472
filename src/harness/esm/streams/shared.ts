/**
 * Helpers the stream, Kafka, MQ and DocumentDB sources share: scenario entry checks, `{"generate": id}` expansion,
 * hashing records onto shards/partitions, splitting options, and the batch-info record of SEMANTICS §4.3/§4.4.
 */
import { createHash } from 'node:crypto';
import { buildEvent } from '../../../registry.ts';
import { checkInteger, checkNumber, describeValue, ScenarioError } from '../../errors.ts';
import type { PreparedFunction } from '../../function-config.ts';
import type { MappingConfig, MappingRunOptions } from '../core.ts';
import { type ExhaustCondition, type FailureContext, virtualIso } from './log-poller.ts';

/** The keys of `CreateEventSourceMapping` the core reads; everything else in an options object is a run option. */
export const MAPPING_KEYS: readonly (keyof MappingConfig)[] = [
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

/** Checks `value` is a plain object; `what` describes the expected shape in the error. */
export function objectAt(field: string, value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError(field, `expected ${what}, received ${describeValue(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Rejects keys outside `known`, naming the first one. */
export function onlyKeys(field: string, value: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new ScenarioError(`${field}.${key}`, `unknown key; known: ${known.join(', ')}`);
  }
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
 * The on-failure record of a discarded stream batch (SEMANTICS §4.3): request and response context plus
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
    responseContext: responseContext(fn, context),
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

/** `requestContext` of an on-failure record (SEMANTICS §4.3, §4.4). */
export function requestContext(
  fn: PreparedFunction,
  condition: ExhaustCondition,
  context: FailureContext,
): Record<string, unknown> {
  return {
    requestId: context.last?.requestId ?? '',
    functionArn: fn.functionArn,
    condition,
    approximateInvokeCount: context.invokeCount,
  };
}

/** `responseContext` of the last invocation: status, executed version, `functionError` on function errors. */
export function responseContext(fn: PreparedFunction, context: FailureContext): Record<string, unknown> | null {
  const last = context.last;
  if (last === undefined) return null;
  const out: Record<string, unknown> = {
    statusCode: last.invocationError?.statusCode ?? 200,
    executedVersion: fn.functionVersion,
  };
  if (last.ran && last.status !== 'success') out.functionError = last.functionError ?? 'Unhandled';
  return out;
}

/** Base64 of text (UTF-8), bytes, or any other value as JSON — how scenario entries give record data. */
export function dataBytes(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value);
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');
}

/**
 * The Kafka pollers of event source mappings, Amazon MSK and self-managed Apache Kafka (aws-behaviour §4.4): records
 * read per partition in offset order, offsets committed after a successful batch, the whole batch retried until it
 * succeeds or its records expire; provisioned-mode retries, record age, bisect, partial batch responses and
 * on-failure destinations (`KafkaBatchInfo`). See docs/decisions/streams-kafka-mq-pollers.md.
 */
import type { MskEvent, MskRecord } from '../../../../generators/msk/index.ts';
import { mskEvent } from '../../../../generators/msk/index.ts';
import { selfManagedKafkaEvent } from '../../../../generators/self-managed-kafka/index.ts';
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
import {
  EPOCH,
  type FailureContext,
  type LogLane,
  type LogRecord,
  runLogPoller,
  virtualIso,
} from '../streams/log-poller.ts';
import {
  arrivalOf,
  dataBytes,
  entryInputs,
  logRecord,
  md5Int,
  optionsAt,
  type ParsedPollerInvocation,
  pollerRunner,
  type PollerSource,
  RECORDS_PER_BUILD,
  requestContext,
  responseContext,
  simulatePoller,
} from '../streams/shared.ts';
import type { PreparedFunction } from '../../function-config.ts';

/** The two Kafka sources. */
export type KafkaSource = 'msk' | 'self-managed-kafka';

/** One record produced to the topic. */
export interface KafkaRecordInput {
  /** The value: a string is UTF-8 text, bytes are kept, anything else is JSON-encoded (base64 in the event). */
  value: unknown;
  /** The key (same encodings); picks the partition when `partition` is not given. Default: a generated key. */
  key?: unknown;
  /** Headers: name → text or bytes. */
  headers?: Record<string, string | Uint8Array | number[]>[];
  /** Topic. Default: the topic option's name. */
  topic?: string;
  /** Partition. Default: by key hash, else round-robin. */
  partition?: number;
  /** Virtual ms at which the record is produced. Default 0. */
  at?: number;
}

/** The topic the mapping reads. */
export interface KafkaTopicOptions {
  /** Default `my-topic`. */
  name?: string;
  /** Partitions, 1–1 000. Default 1. */
  partitions?: number;
  /** Log retention in hours, 1–87 600. Default 168 (Kafka's default `log.retention.hours`). */
  retentionHours?: number;
}

/** The cluster: MSK takes its name, self-managed Kafka its bootstrap servers. */
export interface KafkaClusterOptions {
  /** MSK cluster name. Default `my-cluster`. */
  name?: string;
  /** Comma-separated `host:port` list. Default: derived from the cluster. */
  bootstrapServers?: string;
}

/** Options of `simulateKafka`. */
export interface KafkaSimulationOptions extends MappingConfig, MappingRunOptions {
  /** `msk` (default) or `self-managed-kafka`. */
  source?: KafkaSource;
  topic?: KafkaTopicOptions;
  cluster?: KafkaClusterOptions;
}

/** Kafka retries are capped at 10 when infinite and an on-failure destination exists (aws-behaviour §4.4). */
export const KAFKA_RETRY_CAP = 10;

interface PreparedKafka {
  readonly source: KafkaSource;
  readonly topic: string;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly cluster: string;
  readonly bootstrapServers: string | undefined;
}

const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

function prepareKafka(source: KafkaSource, topicValue: unknown, clusterValue: unknown, field: string): PreparedKafka {
  const t = optionsAt(`${field}.topic`, topicValue, ['name', 'partitions', 'retentionHours']);
  const c = optionsAt(`${field}.cluster`, clusterValue, ['name', 'bootstrapServers']);
  const topic = t.name ?? 'my-topic';
  if (typeof topic !== 'string' || !TOPIC.test(topic)) {
    throw new ScenarioError(
      `${field}.topic.name`,
      `expected 1–249 of A-Z a-z 0-9 . _ -, received ${describeValue(topic)}`,
    );
  }
  const cluster = c.name ?? 'my-cluster';
  if (typeof cluster !== 'string' || !/^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(cluster)) {
    throw new ScenarioError(`${field}.cluster.name`, `expected a cluster name, received ${describeValue(cluster)}`);
  }
  const servers = c.bootstrapServers;
  if (servers !== undefined && (typeof servers !== 'string' || !/^[^,\s]+:\d{1,5}(,[^,\s]+:\d{1,5})*$/.test(servers))) {
    throw new ScenarioError(
      `${field}.cluster.bootstrapServers`,
      `expected "host:port,host:port", received ${describeValue(servers)}`,
    );
  }
  return {
    source,
    topic,
    partitions: checkInteger(`${field}.topic.partitions`, t.partitions, 1, 1000) ?? 1,
    retentionMs: (checkInteger(`${field}.topic.retentionHours`, t.retentionHours, 1, 87_600) ?? 168) * 3_600_000,
    cluster,
    bootstrapServers: servers as string | undefined,
  };
}

const ENTRY_KEYS = ['value', 'key', 'headers', 'topic', 'partition', 'at'];

/** Checks scenario entries / API inputs and expands `{"generate": "msk" | "self-managed-kafka"}`. */
export function kafkaInputs(entries: readonly unknown[], field = 'events'): KafkaRecordInput[] {
  return entryInputs<KafkaRecordInput>(entries, field, {
    what: '{"value": …, "key"?} or {"generate": "msk", …}',
    generate: ['msk', 'self-managed-kafka'],
    fromEvent: (event, at) =>
      Object.values((event as MskEvent).records).flatMap((list) =>
        list.map((r) => ({
          value: Buffer.from(r.value, 'base64'),
          key: r.key == null ? undefined : Buffer.from(r.key, 'base64'),
          headers: r.headers,
          topic: r.topic,
          partition: r.partition,
          at,
        })),
      ),
    keys: ENTRY_KEYS,
    fromEntry(entry, at) {
      if (entry.value === undefined)
        throw new ScenarioError(`${at}.value`, 'expected the record value, received undefined');
      if (entry.topic !== undefined && (typeof entry.topic !== 'string' || !TOPIC.test(entry.topic))) {
        throw new ScenarioError(`${at}.topic`, `expected a topic name, received ${describeValue(entry.topic)}`);
      }
      if (entry.headers !== undefined && !Array.isArray(entry.headers)) {
        throw new ScenarioError(
          `${at}.headers`,
          `expected an array of {name: value}, received ${describeValue(entry.headers)}`,
        );
      }
      const input: KafkaRecordInput = { value: entry.value, at: arrivalOf(at, entry.at) };
      if (entry.key !== undefined) input.key = entry.key;
      if (entry.headers !== undefined) input.headers = entry.headers as KafkaRecordInput['headers'] & object;
      if (entry.topic !== undefined) input.topic = entry.topic as string;
      const partition = checkInteger(`${at}.partition`, entry.partition, 0, 999);
      if (partition !== undefined) input.partition = partition;
      return input;
    },
  });
}

/** `topic-partition@offset`: the identifier the poller tracks a Kafka record by. */
function kafkaId(topic: string, partition: number, offset: number): string {
  return `${topic}-${partition}@${offset}`;
}

/**
 * Kafka partial batch responses name a record by partition and offset (aws-behaviour §4.4; see the decision):
 * `{"itemIdentifier": {"partition": 0, "offset": 15}}` (`topic` optional), or the string `topic-partition@offset`.
 */
function normalizeKafkaResponse(response: unknown, records: readonly LogRecord[]): unknown {
  if (response === null || typeof response !== 'object' || Array.isArray(response)) return response;
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (!Array.isArray(list)) return response;
  const mapped = list.map((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const id = (item as { itemIdentifier?: unknown }).itemIdentifier;
    if (id === null || typeof id !== 'object' || Array.isArray(id)) return item;
    const { topic, partition, offset } = id as { topic?: unknown; partition?: unknown; offset?: unknown };
    const match = records.find((r) => {
      const k = r.record as MskRecord;
      return (
        k.partition === Number(partition) && k.offset === Number(offset) && (topic === undefined || k.topic === topic)
      );
    });
    return match === undefined
      ? { ...item, itemIdentifier: JSON.stringify(id) }
      : { ...item, itemIdentifier: match.id };
  });
  return { ...response, batchItemFailures: mapped };
}

/** Groups records (or inputs placed on partitions) by `topic-partition`, in order of first appearance. */
function byTopicPartition<T extends { readonly topic: string; readonly partition: number }>(
  items: readonly T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = `${item.topic}-${item.partition}`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return groups;
}

/** The on-failure record of a discarded Kafka batch (aws-behaviour §4.4): `KafkaBatchInfo`. */
function kafkaFailureRecord(
  fn: PreparedFunction,
  kafka: PreparedKafka,
  eventSourceArn: string | undefined,
  bootstrapServers: string,
  context: FailureContext,
  withPayload: boolean,
): Record<string, unknown> {
  const recordsInfo: Record<string, unknown> = {};
  for (const [key, list] of byTopicPartition(context.records.map((r) => r.record as MskRecord))) {
    const first = list[0] as MskRecord;
    const last = list[list.length - 1] as MskRecord;
    recordsInfo[key] = {
      firstRecordOffset: String(first.offset),
      lastRecordOffset: String(last.offset),
      firstRecordTimestamp: new Date(first.timestamp).toISOString(),
      lastRecordTimestamp: new Date(last.timestamp).toISOString(),
    };
  }
  const payload = context.event ?? kafkaEvent(kafka, eventSourceArn, bootstrapServers, context.records);
  const info: Record<string, unknown> = { batchSize: context.records.length };
  if (eventSourceArn !== undefined) info.eventSourceArn = eventSourceArn;
  info.bootstrapServers = bootstrapServers;
  info.payloadSize = Buffer.byteLength(JSON.stringify(payload));
  info.recordsInfo = recordsInfo;
  const record: Record<string, unknown> = {
    requestContext: requestContext(fn, context.condition, context),
    responseContext: context.condition === 'MaximumPayloadSizeExceeded' ? null : responseContext(fn, context),
    version: '1.0',
    timestamp: virtualIso(context.at),
    KafkaBatchInfo: info,
  };
  if (withPayload) record.payload = JSON.stringify(payload);
  return record;
}

function kafkaEvent(
  kafka: PreparedKafka,
  eventSourceArn: string | undefined,
  bootstrapServers: string,
  batch: readonly LogRecord[],
): unknown {
  const records = Object.fromEntries(byTopicPartition(batch.map((r) => r.record as MskRecord)));
  return kafka.source === 'msk'
    ? { eventSource: 'aws:kafka', eventSourceArn, bootstrapServers, records }
    : { eventSource: 'SelfManagedKafka', bootstrapServers, records };
}

/** Runs Kafka records through a prepared mapping (used by `simulateKafka` and scenarios). */
export function pollKafka(
  kafka: PreparedKafka,
  mapping: PreparedMapping,
  handler: Handler,
  inputs: readonly KafkaRecordInput[],
  options: MappingRunOptions,
): Promise<MappingLedger> {
  const run = new MappingRun(handler, options, inputs.length);
  const fn = run.fn;
  const msk = kafka.source === 'msk';
  const clusterId = `${run.random.uuid()}-${run.random.int(1, 25)}`;
  const eventSourceArn = msk
    ? `arn:aws:kafka:${fn.region}:${fn.accountId}:cluster/${kafka.cluster}/${clusterId}`
    : undefined;
  const dns = run.random.alnum(6).toLowerCase();
  const bootstrapServers =
    kafka.bootstrapServers ??
    (msk
      ? [1, 2, 3].map((b) => `b-${b}.${kafka.cluster}.${dns}.c2.kafka.${fn.region}.amazonaws.com:9098`).join(',')
      : [1, 2].map((b) => `kafka-${b}.${kafka.cluster}.internal:9092`).join(','));
  let roundRobin = 0;
  const placed = inputs.map((input, index) => {
    const topic = input.topic ?? kafka.topic;
    let partition = input.partition;
    if (partition === undefined) {
      partition =
        input.key === undefined
          ? roundRobin++ % kafka.partitions
          : Number(md5Int(dataBytes(input.key).toString('base64')) % BigInt(kafka.partitions));
    }
    return { input, index, topic, partition };
  });
  const byPartition = byTopicPartition(placed);
  const lanes: LogLane[] = [];
  const build = msk ? mskEvent : selfManagedKafkaEvent;
  let seedShift = 0;
  for (const [name, list] of [...byPartition.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    list.sort((a, b) => (a.input.at ?? 0) - (b.input.at ?? 0));
    let offset = run.random.int(0, 100_000);
    const records: LogRecord[] = [];
    for (let start = 0; start < list.length; start += RECORDS_PER_BUILD) {
      const chunk = list.slice(start, start + RECORDS_PER_BUILD);
      const overrides = chunk.map((p) => {
        const r: Record<string, unknown> = {
          offset: offset++,
          timestamp: EPOCH + (p.input.at ?? 0),
          value: dataBytes(p.input.value),
        };
        if (p.input.key !== undefined) r.key = dataBytes(p.input.key);
        if (p.input.headers !== undefined) r.headers = p.input.headers;
        return r;
      });
      const event = build({ records: { [name]: overrides } } as never, {
        seed: (run.seed + ++seedShift * 7919) >>> 0,
        now: EPOCH,
        validate: false,
      }) as MskEvent;
      (event.records[name] ?? []).forEach((record, i) => {
        const p = chunk[i] as (typeof placed)[number];
        records.push(
          logRecord(p.index, p.input.at ?? 0, {
            record,
            id: kafkaId(record.topic, record.partition, record.offset),
            filterView: record,
          }),
        );
      });
    }
    lanes.push({ name, records });
  }
  const withPayload = mapping.onFailure?.type === 's3';
  return runLogPoller(
    run,
    {
      mapping,
      retentionMs: kafka.retentionMs,
      retentionText: `topic retention (${kafka.retentionMs / 3_600_000} h)`,
      overheadBytes: 300,
      filteredReason: 'offset committed without invoking: no filter pattern matched (aws-behaviour §4.6)',
      section: '§4.4',
      onExpiry: 'skip',
      retryOptions: true,
      cappedRetries: KAFKA_RETRY_CAP,
      buildEvent: (_lane, batch) => kafkaEvent(kafka, eventSourceArn, bootstrapServers, batch),
      normalizeResponse: normalizeKafkaResponse,
      failureRecord: (context) => kafkaFailureRecord(fn, kafka, eventSourceArn, bootstrapServers, context, withPayload),
    },
    lanes,
  );
}

/** The Kafka sources: a topic of an MSK or self-managed cluster (`source` picks which). */
const KAFKA: PollerSource<PreparedKafka, KafkaRecordInput> = {
  ownKeys: ['source', 'topic', 'cluster'],
  prepare: (own, field, source) => prepareKafka(source as KafkaSource, own.topic, own.cluster, field),
  inputs: (entries, _kafka, field) => kafkaInputs(entries, field),
  poll: pollKafka,
};

/** `options.source` of `simulateKafka`: `msk` (default) or `self-managed-kafka`. */
function kafkaSourceOf(own: Readonly<Record<string, unknown>>): KafkaSource {
  const source = (own.source ?? 'msk') as KafkaSource;
  if (source !== 'msk' && source !== 'self-managed-kafka') {
    throw new ScenarioError(
      'options.source',
      `expected "msk" or "self-managed-kafka", received ${describeValue(source)}`,
    );
  }
  return source;
}

/**
 * Produces `records` to a Kafka topic (MSK by default) and runs them through an event source mapping invoking
 * `handler` (aws-behaviour §4.4); returns the ledger, one event per record in input order.
 * @example
 * const ledger = await simulateKafka(handler, [{ value: { id: 1 }, key: 'a' }], { topic: { partitions: 3 } });
 */
export async function simulateKafka(
  handler: Handler,
  records: readonly KafkaRecordInput[],
  options: KafkaSimulationOptions = {},
): Promise<MappingLedger> {
  return simulatePoller(KAFKA, kafkaSourceOf, handler, records, 'records', options);
}

/** A validated `invocation` of source `msk` / `self-managed-kafka`. */
export interface ParsedKafkaInvocation extends ParsedPollerInvocation<KafkaSource> {
  readonly kafka: PreparedKafka;
}

/** The scenario runner of sources `msk` and `self-managed-kafka`: entries `{"value", "key"?, "headers"?, "partition"?}`. */
export const kafkaSource: SourceRunner<ParsedKafkaInvocation> = pollerRunner(
  KAFKA,
  (value) => value.source as KafkaSource,
  'kafka',
);

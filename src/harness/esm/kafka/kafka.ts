/**
 * The Kafka pollers of event source mappings, Amazon MSK and self-managed Apache Kafka (SEMANTICS §4.4): records
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
  type ParsedSource,
  type PreparedMapping,
  prepareMapping,
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
  generatedEvents,
  md5Int,
  objectAt,
  onlyKeys,
  RUN_KEYS,
  requestContext,
  responseContext,
  runOptionsOf,
  splitOptions,
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

/** Kafka retries are capped at 10 when infinite and an on-failure destination exists (SEMANTICS §4.4). */
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
  const t = topicValue === undefined ? {} : objectAt(`${field}.topic`, topicValue, 'an object');
  onlyKeys(`${field}.topic`, t, ['name', 'partitions', 'retentionHours']);
  const c = clusterValue === undefined ? {} : objectAt(`${field}.cluster`, clusterValue, 'an object');
  onlyKeys(`${field}.cluster`, c, ['name', 'bootstrapServers']);
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
  if (!Array.isArray(entries)) throw new ScenarioError(field, `expected an array, received ${describeValue(entries)}`);
  const out: KafkaRecordInput[] = [];
  entries.forEach((raw, i) => {
    const at = `${field}[${i}]`;
    const entry = objectAt(at, raw, '{"value": …, "key"?} or {"generate": "msk", …}');
    if ('generate' in entry) {
      const generated = generatedEvents(at, entry, ['msk', 'self-managed-kafka']);
      for (const event of generated.events as MskEvent[]) {
        for (const list of Object.values(event.records)) {
          for (const r of list) {
            out.push({
              value: Buffer.from(r.value, 'base64'),
              key: Buffer.from(r.key, 'base64'),
              headers: r.headers,
              topic: r.topic,
              partition: r.partition,
              at: generated.at,
            });
          }
        }
      }
      return;
    }
    onlyKeys(at, entry, ENTRY_KEYS);
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
    out.push(input);
  });
  return out;
}

/** `topic-partition@offset`: the identifier the poller tracks a Kafka record by. */
function kafkaId(topic: string, partition: number, offset: number): string {
  return `${topic}-${partition}@${offset}`;
}

/**
 * Kafka partial batch responses name a record by partition and offset (SEMANTICS §4.4; see the decision):
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

/** The on-failure record of a discarded Kafka batch (SEMANTICS §4.4): `KafkaBatchInfo`. */
function kafkaFailureRecord(
  fn: PreparedFunction,
  kafka: PreparedKafka,
  eventSourceArn: string | undefined,
  bootstrapServers: string,
  context: FailureContext,
  withPayload: boolean,
): Record<string, unknown> {
  const recordsInfo: Record<string, unknown> = {};
  const byPartition = new Map<string, MskRecord[]>();
  for (const r of context.records) {
    const k = r.record as MskRecord;
    const key = `${k.topic}-${k.partition}`;
    const list = byPartition.get(key) ?? [];
    list.push(k);
    byPartition.set(key, list);
  }
  for (const [key, list] of byPartition) {
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
  const records: Record<string, MskRecord[]> = {};
  for (const r of batch) {
    const k = r.record as MskRecord;
    const key = `${k.topic}-${k.partition}`;
    const list = records[key] ?? [];
    list.push(k);
    records[key] = list;
  }
  return kafka.source === 'msk'
    ? { eventSource: 'aws:kafka', eventSourceArn, bootstrapServers, records }
    : { eventSource: 'SelfManagedKafka', bootstrapServers, records };
}

const RECORDS_PER_BUILD = 10_000;

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
  const byPartition = new Map<string, (typeof placed)[number][]>();
  for (const p of placed) {
    const key = `${p.topic}-${p.partition}`;
    const list = byPartition.get(key) ?? [];
    list.push(p);
    byPartition.set(key, list);
  }
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
        records.push({
          index: p.index,
          arrivalAt: p.input.at ?? 0,
          bytes: Buffer.byteLength(JSON.stringify(record)),
          id: kafkaId(record.topic, record.partition, record.offset),
          record,
          filterView: record,
          deliveries: 0,
          done: false,
        });
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
      filteredReason: 'offset committed without invoking: no filter pattern matched (SEMANTICS §4.6)',
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

const OWN_KEYS = ['source', 'topic', 'cluster'];

/**
 * Produces `records` to a Kafka topic (MSK by default) and runs them through an event source mapping invoking
 * `handler` (SEMANTICS §4.4); returns the ledger, one event per record in input order.
 * @example
 * const ledger = await simulateKafka(handler, [{ value: { id: 1 }, key: 'a' }], { topic: { partitions: 3 } });
 */
export async function simulateKafka(
  handler: Handler,
  records: readonly KafkaRecordInput[],
  options: KafkaSimulationOptions = {},
): Promise<MappingLedger> {
  const { mapping, own, run } = splitOptions(options, OWN_KEYS);
  const source = (own.source ?? 'msk') as KafkaSource;
  if (source !== 'msk' && source !== 'self-managed-kafka') {
    throw new ScenarioError(
      'options.source',
      `expected "msk" or "self-managed-kafka", received ${describeValue(source)}`,
    );
  }
  const prepared = prepareMapping(source, mapping, { field: '' });
  const kafka = prepareKafka(source, own.topic, own.cluster, 'options');
  return pollKafka(kafka, prepared, handler, kafkaInputs(records as unknown[], 'records'), run);
}

/** A validated `invocation` of source `msk` / `self-managed-kafka`. */
export interface ParsedKafkaInvocation extends ParsedSource {
  readonly source: KafkaSource;
  readonly mapping: PreparedMapping;
  readonly kafka: PreparedKafka;
  readonly run: Pick<MappingRunOptions, (typeof RUN_KEYS)[number]>;
}

/** The scenario runner of sources `msk` and `self-managed-kafka`: entries `{"value", "key"?, "headers"?, "partition"?}`. */
export const kafkaSource: SourceRunner<ParsedKafkaInvocation> = {
  parse(value, field) {
    const source = value.source as KafkaSource;
    const mapping = prepareMapping(source, value, { field, allow: ['source', 'topic', 'cluster', ...RUN_KEYS] });
    return {
      source,
      mapping,
      kafka: prepareKafka(source, value.topic, value.cluster, field),
      run: runOptionsOf(value),
    };
  },
  async run(parsed, handler, events, options) {
    return pollKafka(parsed.kafka, parsed.mapping, handler, kafkaInputs(events), { ...options, ...parsed.run });
  },
};

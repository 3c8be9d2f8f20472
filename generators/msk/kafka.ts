import { fakerWords } from '../../src/core/aws-values.ts';
import type { GenerateContext } from '../../src/core/define-event.ts';
import { toBase64 } from '../../src/core/encoders.ts';
import { isPlainObject, overridden } from '../../src/core/overrides.ts';

/** Kafka timestamp types; the variant picks the default. */
export type KafkaTimestampType = 'CREATE_TIME' | 'LOG_APPEND_TIME';

/** Kafka bytes given decoded: bytes as they are, a string as UTF-8 text, anything else as JSON; then base64. */
export function encodeKafkaBytes(value: unknown): string {
  if (value instanceof Uint8Array) return toBase64(value);
  return toBase64(typeof value === 'string' ? value : JSON.stringify(value));
}

/** A header value given decoded (text or bytes) as the byte numbers Lambda sends. */
export function headerBytes(value: unknown): unknown {
  if (typeof value === 'string') return [...Buffer.from(value, 'utf8')];
  if (value instanceof Uint8Array) return [...value];
  return value;
}

/** `orders-3` → `{topic: 'orders', partition: 3}`: the topic itself may contain hyphens. */
export function splitTopicPartition(key: string): { topic: string; partition: number } {
  const cut = key.lastIndexOf('-');
  return { topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)) };
}

const TOPICS = ['orders', 'payments', 'clickstream', 'inventory-updates', 'user-events', 'shipments'];
const STATUSES = ['CREATED', 'PAID', 'SHIPPED', 'CANCELLED'];
const CONTENT_TYPE = [...Buffer.from('application/json')];

/** A realistic order-style JSON value (a template: every value is known to need no escaping but the product). */
function orderJson(ctx: GenerateContext, customer: string, products: readonly string[]): string {
  const { random } = ctx;
  return `{"orderId":"${random.uuid()}","customerId":"${customer}","status":"${random.pick(STATUSES)}","amount":${random.int(100, 99_999) / 100},"product":${JSON.stringify(random.pick(products))}}`;
}

/** What the generated Kafka batch needs from its event type. */
export interface KafkaBatchOptions {
  readonly timestampType: KafkaTimestampType;
  /** Records without a key: Lambda leaves `key` out. */
  readonly keyless?: boolean;
  /** The mapping uses a schema registry: records carry `valueSchemaMetadata` (and `keySchemaMetadata` for keys). */
  readonly schemaRegistry?: boolean;
}

/** Kafka options of a variant shared by MSK and self-managed Kafka. */
export function kafkaBatchOptions(variant: string): KafkaBatchOptions {
  return {
    timestampType: variant === 'log-append-time' ? 'LOG_APPEND_TIME' : 'CREATE_TIME',
    keyless: variant === 'keyless',
    schemaRegistry: variant === 'schema-registry',
  };
}

/** The schema registry of a batch: one data format, and a schema id per topic (Glue UUIDs or Confluent numbers). */
function registry(ctx: GenerateContext): (topic: string, part: 'key' | 'value') => Record<string, string> {
  const { random } = ctx;
  const dataFormat = random.pick(['AVRO', 'JSON', 'PROTOBUF']);
  const glue = random.bool(0.5);
  const ids = new Map<string, string>();
  return (topic, part) => {
    const name = `${topic}-${part}`;
    let id = ids.get(name);
    if (id === undefined) {
      id = glue ? random.uuid() : String(random.int(1, 500));
      ids.set(name, id);
    }
    return { dataFormat, schemaId: id };
  };
}

/**
 * The `records` map of a Kafka event: `ctx.records` records over 1–3 partitions of one topic, offsets increasing
 * per partition, timestamps increasing, JSON values and string keys in base64, headers as byte arrays.
 * When the caller overrides `records`, their map replaces the default one (completed in `finalizeKafkaRecords`).
 */
export function generateKafkaRecords(ctx: GenerateContext, options: KafkaBatchOptions): Record<string, unknown[]> {
  const records: Record<string, unknown[]> = {};
  if (isPlainObject(ctx.overrides) && isPlainObject(ctx.overrides.records)) return records;
  const { random } = ctx;
  const topic = random.pick(TOPICS);
  const first = random.int(0, 5);
  const partitions = Array.from({ length: random.int(1, Math.min(3, ctx.records)) }, (_, i) => first + i);
  const offsets = partitions.map(() => random.int(0, 2_000_000));
  const products = fakerWords('commerce.product_name.product');
  const customers = Array.from({ length: random.int(1, 5) }, () => `cus_${random.alnum(14)}`);
  let timestamp = ctx.now - random.int(1_000, 60_000);
  const schemaOf = options.schemaRegistry === true ? registry(ctx) : undefined;
  for (let i = 0; i < ctx.records; i++) {
    const p = i % partitions.length;
    const partition = partitions[p] as number;
    offsets[p] = (offsets[p] as number) + 1;
    timestamp += random.int(0, 40);
    const customer = random.pick(customers);
    const value = orderJson(ctx, customer, products);
    const headers: Record<string, number[]>[] = [{ 'content-type': [...CONTENT_TYPE] }];
    if (random.bool(0.5)) {
      headers.push({
        traceparent: [...Buffer.from(`00-${random.hex(32)}-${random.hex(16)}-01`)],
      });
    }
    const list = records[`${topic}-${partition}`] ?? [];
    records[`${topic}-${partition}`] = list;
    const record: Record<string, unknown> = {
      topic,
      partition,
      offset: offsets[p],
      timestamp,
      timestampType: options.timestampType,
      key: toBase64(customer),
      value: toBase64(value),
      headers,
    };
    if (options.keyless === true) delete record.key;
    if (schemaOf !== undefined) {
      if (record.key !== undefined && random.bool(0.3)) record.keySchemaMetadata = schemaOf(topic, 'key');
      record.valueSchemaMetadata = schemaOf(topic, 'value');
    }
    list.push(record);
  }
  return records;
}

/**
 * Completes and encodes records the caller gave: topic and partition from the map key, offsets following the
 * previous record of the partition, timestamps, decoded key/value → base64, header text → bytes.
 */
export function finalizeKafkaRecords(
  event: Record<string, unknown>,
  ctx: GenerateContext,
  options: KafkaBatchOptions,
): void {
  const records = event.records;
  if (!isPlainObject(records)) return;
  const { random } = ctx;
  let timestamp = ctx.now - random.int(1_000, 60_000);
  let products: readonly string[] | undefined;
  let schemaOf: ReturnType<typeof registry> | undefined;
  for (const [mapKey, list] of Object.entries(records)) {
    if (!Array.isArray(list)) continue;
    const { topic, partition } = splitTopicPartition(mapKey);
    let offset = random.int(0, 2_000_000);
    list.forEach((raw, i) => {
      if (!isPlainObject(raw)) return;
      const record = raw as Record<string, unknown>;
      const given = (...path: string[]) => overridden(ctx.overrides, 'records', mapKey, i, ...path);
      record.topic ??= topic;
      record.partition ??= Number.isInteger(partition) ? partition : 0;
      if (record.offset === undefined) record.offset = offset + 1;
      if (typeof record.offset === 'number') offset = record.offset;
      if (record.timestamp === undefined) record.timestamp = timestamp + random.int(0, 40);
      if (typeof record.timestamp === 'number') timestamp = record.timestamp;
      record.timestampType ??= options.timestampType;
      const customer = `cus_${random.alnum(14)}`;
      if (record.key === undefined) {
        if (options.keyless !== true) record.key = toBase64(customer);
      } else if (given('key') && record.key !== null) record.key = encodeKafkaBytes(record.key);
      if (record.value === undefined) {
        products ??= fakerWords('commerce.product_name.product');
        record.value = toBase64(orderJson(ctx, customer, products));
      } else if (given('value')) record.value = encodeKafkaBytes(record.value);
      if (record.headers === undefined) record.headers = given('value') ? [] : [{ 'content-type': [...CONTENT_TYPE] }];
      else if (Array.isArray(record.headers)) {
        record.headers = record.headers.map((header) => {
          if (!isPlainObject(header)) return header;
          const out: Record<string, unknown> = {};
          for (const [name, value] of Object.entries(header)) out[name] = headerBytes(value);
          return out;
        });
      }
      if (options.schemaRegistry === true && record.valueSchemaMetadata === undefined) {
        schemaOf ??= registry(ctx);
        record.valueSchemaMetadata = schemaOf(String(record.topic), 'value');
      }
    });
  }
}

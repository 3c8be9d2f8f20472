import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { MskEvent, MskRecord } from './types.gen.ts';

export type { MskEvent, MskRecord, MskRecordHeader, MskSchemaMetadata } from './types.gen.ts';

/**
 * `create-time` (default) and `log-append-time` set the records' `timestampType`; `keyless` records have no key;
 * `schema-registry` records carry `valueSchemaMetadata`;
 * `serverless` is an MSK Serverless cluster (`-s<n>` ARN, one `kafka-serverless` bootstrap endpoint).
 */
export type MskVariant = 'create-time' | 'log-append-time' | 'keyless' | 'schema-registry' | 'serverless';

/**
 * Kafka bytes given decoded: a `Uint8Array`/`Buffer` is the raw bytes, a string is UTF-8 text, any other value is
 * JSON-encoded; each is then base64-encoded. Header values may be given as text or bytes.
 */
export type KafkaRecordOverrides<R> = Omit<DeepPartial<R>, 'key' | 'value' | 'headers'> & {
  key?: unknown;
  value?: unknown;
  headers?: Record<string, string | Uint8Array | number[]>[];
};

/** Overrides; a `records` map replaces the default records, each completed (offsets, timestamps…). */
export interface MskOverrides extends Omit<DeepPartial<MskEvent>, 'records'> {
  records?: Record<string, KafkaRecordOverrides<MskRecord>[]>;
}

/**
 * Builds an Amazon MSK event as the event source mapping delivers it: records keyed `topic-partition`, offsets
 * increasing per partition, key and value base64, headers as byte arrays.
 * @example
 * const event = mskEvent({ records: { 'orders-0': [{ value: { orderId: '42' } }] } });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html
 */
export function mskEvent(overrides?: MskOverrides, options?: BuildOptions<MskVariant>): MskEvent {
  return definition.build(overrides, options);
}

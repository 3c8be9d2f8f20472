import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import type { KafkaRecordOverrides } from '../msk/index.ts';
import { definition } from './definition.ts';
import type { SelfManagedKafkaEvent, SelfManagedKafkaRecord } from './types.gen.ts';

export type {
  SelfManagedKafkaEvent,
  SelfManagedKafkaRecord,
  SelfManagedKafkaRecordHeader,
  SelfManagedKafkaSchemaMetadata,
} from './types.gen.ts';

/**
 * `create-time` (default) and `log-append-time` set the records' `timestampType`; `keyless` records have no key;
 * `schema-registry` records carry `valueSchemaMetadata`.
 */
export type SelfManagedKafkaVariant = 'create-time' | 'log-append-time' | 'keyless' | 'schema-registry';

/** Overrides; a `records` map replaces the default records, each completed (offsets, timestamps…). */
export interface SelfManagedKafkaOverrides extends Omit<DeepPartial<SelfManagedKafkaEvent>, 'records'> {
  records?: Record<string, KafkaRecordOverrides<SelfManagedKafkaRecord>[]>;
}

/**
 * Builds a self-managed Apache Kafka event as the event source mapping delivers it: `bootstrapServers`, no
 * `eventSourceArn`, records keyed `topic-partition` with base64 key/value and byte-array headers.
 * @example
 * const event = selfManagedKafkaEvent({ records: { 'orders-0': [{ value: 'hello' }] } });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kafka.html
 */
export function selfManagedKafkaEvent(
  overrides?: SelfManagedKafkaOverrides,
  options?: BuildOptions<SelfManagedKafkaVariant>,
): SelfManagedKafkaEvent {
  return definition.build(overrides, options);
}

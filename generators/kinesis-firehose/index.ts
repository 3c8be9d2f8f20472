import type { ValidationResult } from '../../src/contracts/validate.ts';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition, validateResponse } from './definition.ts';
import type * as Gen from './types.gen.ts';

export type {
  KinesisFirehoseKinesisRecordMetadata,
  KinesisFirehoseMskRecordMetadata,
  KinesisFirehoseResponse,
  KinesisFirehoseResponseMetadata,
  KinesisFirehoseResponseRecord,
} from './types.gen.ts';

/**
 * `plain` (Direct PUT), `kinesis-source` (kinesisRecordMetadata), `msk-source` (kafkaRecordValue and
 * mskRecordMetadata instead of data), `no-delivery-stream-arn` (the older shape without deliveryStreamArn).
 */
export type KinesisFirehoseVariant = 'plain' | 'kinesis-source' | 'msk-source' | 'no-delivery-stream-arn';

/** A record from Direct PUT or a Kinesis data stream: base64 `data`. */
export interface KinesisFirehoseRecord
  extends Omit<Gen.KinesisFirehoseRecord, 'data' | 'kafkaRecordValue' | 'mskRecordMetadata'> {
  data: string;
}

/** A record from an MSK topic: the Kafka value as base64 `kafkaRecordValue`, and its partition and offset. */
export interface KinesisFirehoseMskRecord
  extends Omit<Gen.KinesisFirehoseRecord, 'data' | 'kafkaRecordValue' | 'kinesisRecordMetadata' | 'mskRecordMetadata'> {
  kafkaRecordValue: string;
  mskRecordMetadata: Gen.KinesisFirehoseMskRecordMetadata;
}

/** A transformation event from Direct PUT or a Kinesis data stream. */
export interface KinesisFirehoseEvent
  extends Omit<Gen.KinesisFirehoseEvent, 'records' | 'sourceMSKArn' | 'deliveryStreamArn'> {
  deliveryStreamArn: string;
  records: KinesisFirehoseRecord[];
}

/** The older shape without deliveryStreamArn (the `no-delivery-stream-arn` variant). */
export type KinesisFirehoseEventWithoutArn = Omit<KinesisFirehoseEvent, 'deliveryStreamArn'>;

/** A transformation event from an MSK source (the `msk-source` variant). */
export interface KinesisFirehoseMskEvent extends Omit<Gen.KinesisFirehoseEvent, 'records' | 'sourceKinesisStreamArn'> {
  sourceMSKArn: string;
  records: KinesisFirehoseMskRecord[];
}

/** Per-record overrides; `data` may be given decoded: bytes as is, a string as UTF-8 text, anything else as JSON. */
export type KinesisFirehoseRecordOverrides = Omit<DeepPartial<Gen.KinesisFirehoseRecord>, 'data'> & { data?: unknown };

export type KinesisFirehoseOverrides = Omit<DeepPartial<Gen.KinesisFirehoseEvent>, 'records'> & {
  records?: KinesisFirehoseRecordOverrides[];
};

/**
 * Builds an Amazon Data Firehose transformation event: base64 data, unique recordIds, millisecond arrival times,
 * and the Kinesis or MSK source metadata for the `kinesis-source` and `msk-source` variants.
 * @example
 * const event = kinesisFirehoseEvent({ records: [{ data: { level: 'INFO' } }] }, { variant: 'kinesis-source' });
 * @see https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
 */
export function kinesisFirehoseEvent(
  overrides: KinesisFirehoseOverrides | undefined,
  options: BuildOptions<KinesisFirehoseVariant> & { variant: 'msk-source' },
): KinesisFirehoseMskEvent;
export function kinesisFirehoseEvent(
  overrides: KinesisFirehoseOverrides | undefined,
  options: BuildOptions<KinesisFirehoseVariant> & { variant: 'no-delivery-stream-arn' },
): KinesisFirehoseEventWithoutArn;
export function kinesisFirehoseEvent(
  overrides?: KinesisFirehoseOverrides,
  options?: BuildOptions<Exclude<KinesisFirehoseVariant, 'msk-source' | 'no-delivery-stream-arn'>>,
): KinesisFirehoseEvent;
export function kinesisFirehoseEvent(
  overrides?: KinesisFirehoseOverrides,
  options?: BuildOptions<KinesisFirehoseVariant>,
): KinesisFirehoseEvent | KinesisFirehoseMskEvent | KinesisFirehoseEventWithoutArn;
export function kinesisFirehoseEvent(
  overrides?: KinesisFirehoseOverrides,
  options?: BuildOptions<KinesisFirehoseVariant>,
): KinesisFirehoseEvent | KinesisFirehoseMskEvent | KinesisFirehoseEventWithoutArn {
  return definition.build(overrides, options) as KinesisFirehoseEvent;
}

/**
 * Validates a transformation function's response: the schema (`Ok` records carry `data`) and one result per recordId.
 * @example
 * expect(validateKinesisFirehoseResponse(event, await handler(event)).errors).toStrictEqual([]);
 * @see https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
 */
export function validateKinesisFirehoseResponse(
  event: KinesisFirehoseEvent | KinesisFirehoseMskEvent | KinesisFirehoseEventWithoutArn,
  response: unknown,
): ValidationResult {
  return validateResponse(event as Gen.KinesisFirehoseEvent, response);
}

import type { ValidationResult } from '../../src/contracts/validate.ts';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition, validateResponse } from './definition.ts';
import type { KinesisFirehoseEvent, KinesisFirehoseRecord } from './types.gen.ts';

export type {
  KinesisFirehoseEvent,
  KinesisFirehoseKinesisRecordMetadata,
  KinesisFirehoseMskRecordMetadata,
  KinesisFirehoseRecord,
  KinesisFirehoseResponse,
  KinesisFirehoseResponseMetadata,
  KinesisFirehoseResponseRecord,
} from './types.gen.ts';

export type KinesisFirehoseVariant = 'plain' | 'kinesis-source' | 'msk-source';

/** Per-record overrides; `data` may be given decoded: bytes as is, a string as UTF-8 text, anything else as JSON. */
export type KinesisFirehoseRecordOverrides = Omit<DeepPartial<KinesisFirehoseRecord>, 'data'> & { data?: unknown };

export type KinesisFirehoseOverrides = Omit<DeepPartial<KinesisFirehoseEvent>, 'records'> & {
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
  overrides?: KinesisFirehoseOverrides,
  options?: BuildOptions<KinesisFirehoseVariant>,
): KinesisFirehoseEvent {
  return definition.build(overrides, options);
}

/**
 * Validates a transformation function's response: the schema (`Ok` records carry `data`) and one result per recordId.
 * @example
 * expect(validateKinesisFirehoseResponse(event, await handler(event)).errors).toStrictEqual([]);
 * @see https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
 */
export function validateKinesisFirehoseResponse(event: KinesisFirehoseEvent, response: unknown): ValidationResult {
  return validateResponse(event, response);
}

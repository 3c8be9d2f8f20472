import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { KinesisStreamEvent, KinesisStreamRecord, KinesisStreamRecordPayload } from './types.gen.ts';

export type {
  KinesisStreamEvent,
  KinesisStreamRecord,
  KinesisStreamRecordPayload,
  KinesisStreamWindow,
} from './types.gen.ts';

export type KinesisStreamVariant = 'plain' | 'tumbling-window';

/**
 * Kinesis `data` given decoded: a `Uint8Array`/`Buffer` is the record's raw bytes, a string is UTF-8 text, any
 * other value is JSON-encoded; each is then base64-encoded. Already-base64 data: pass `Buffer.from(b64, 'base64')`.
 */
export type KinesisDataInput = string | Uint8Array | unknown;

/** Per-record overrides; `kinesis.data` may be given decoded (see KinesisDataInput). */
export type KinesisStreamRecordOverrides = Omit<DeepPartial<KinesisStreamRecord>, 'kinesis'> & {
  kinesis?: Omit<DeepPartial<KinesisStreamRecordPayload>, 'data'> & { data?: KinesisDataInput };
};

export type KinesisStreamOverrides = Omit<DeepPartial<KinesisStreamEvent>, 'Records'> & {
  Records?: KinesisStreamRecordOverrides[];
};

/**
 * Builds an Amazon Kinesis Data Streams event: base64 data, 56-digit sequence numbers increasing on one shard,
 * `eventID` = `shardId:sequenceNumber`, and the tumbling-window fields for the `tumbling-window` variant.
 * @example
 * const event = kinesisStreamEvent({ Records: [{ kinesis: { data: { orderId: '42' } } }] }, { records: 5 });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
 */
export function kinesisStreamEvent(
  overrides?: KinesisStreamOverrides,
  options?: BuildOptions<KinesisStreamVariant>,
): KinesisStreamEvent {
  return definition.build(overrides, options);
}

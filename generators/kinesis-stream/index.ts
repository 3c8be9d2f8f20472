import type { ValidationResult } from '../../src/contracts/validate.ts';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import { checkStreamResponse } from './response.ts';
import type { KinesisStreamEvent, KinesisStreamRecord, KinesisStreamRecordPayload } from './types.gen.ts';

export type {
  KinesisStreamEvent,
  KinesisStreamRecord,
  KinesisStreamRecordPayload,
  KinesisStreamWindow,
} from './types.gen.ts';

export type KinesisStreamVariant = 'plain' | 'tumbling-window';

/**
 * An event of the `tumbling-window` variant: the window fields are always there.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html
 */
export type KinesisStreamTumblingWindowEvent = KinesisStreamEvent &
  Required<
    Pick<
      KinesisStreamEvent,
      'window' | 'state' | 'shardId' | 'eventSourceARN' | 'isFinalInvokeForWindow' | 'isWindowTerminatedEarly'
    >
  >;

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
  overrides: KinesisStreamOverrides | undefined,
  options: BuildOptions<KinesisStreamVariant> & { variant: 'tumbling-window' },
): KinesisStreamTumblingWindowEvent;
export function kinesisStreamEvent(
  overrides?: KinesisStreamOverrides,
  options?: BuildOptions<KinesisStreamVariant>,
): KinesisStreamEvent;
export function kinesisStreamEvent(
  overrides?: KinesisStreamOverrides,
  options?: BuildOptions<KinesisStreamVariant>,
): KinesisStreamEvent {
  return definition.build(overrides, options);
}

/**
 * Checks a handler's answer to a Kinesis batch: the partial batch response contract, every `itemIdentifier` a
 * sequence number of the batch, and `state` present when the event is a tumbling-window invoke.
 * @example
 * expect(validateKinesisStreamResponse(event, await handler(event)).errors).toStrictEqual([]);
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html#services-kinesis-batchfailurereporting
 */
export function validateKinesisStreamResponse(event: KinesisStreamEvent, response: unknown): ValidationResult {
  const contract = definition.contracts.response;
  if (contract === undefined) throw new Error('kinesis-stream has a response contract');
  return checkStreamResponse(
    contract,
    response,
    event.Records.map((r) => r.kinesis.sequenceNumber),
    event.window !== undefined,
  );
}

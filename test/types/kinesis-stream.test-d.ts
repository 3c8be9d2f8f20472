import type {
  KinesisStreamEvent as AwsKinesisStreamEvent,
  KinesisStreamRecord as AwsKinesisStreamRecord,
  KinesisStreamTumblingWindowEvent as AwsKinesisStreamTumblingWindowEvent,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import {
  type KinesisStreamEvent,
  type KinesisStreamRecord,
  type KinesisStreamTumblingWindowEvent,
  kinesisStreamEvent,
} from '../../src/index.ts';

expectTypeOf(kinesisStreamEvent()).toEqualTypeOf<KinesisStreamEvent>();
expectTypeOf(kinesisStreamEvent()).toExtend<AwsKinesisStreamEvent>();
expectTypeOf<KinesisStreamRecord>().toExtend<AwsKinesisStreamRecord>();
expectTypeOf<Required<KinesisStreamEvent>>().toExtend<AwsKinesisStreamTumblingWindowEvent>();
// The tumbling-window variant narrows: its window fields are always there.
expectTypeOf(
  kinesisStreamEvent(undefined, { variant: 'tumbling-window' }),
).toEqualTypeOf<KinesisStreamTumblingWindowEvent>();
expectTypeOf(
  kinesisStreamEvent(undefined, { variant: 'tumbling-window' }),
).toExtend<AwsKinesisStreamTumblingWindowEvent>();
expectTypeOf(kinesisStreamEvent(undefined, { variant: 'tumbling-window', seed: 3 }).window.start).toBeString();
// Other variants do not narrow to a tumbling-window event.
expectTypeOf(kinesisStreamEvent(undefined, { variant: 'plain' })).not.toExtend<AwsKinesisStreamTumblingWindowEvent>();
expectTypeOf(kinesisStreamEvent()).not.toExtend<AwsKinesisStreamTumblingWindowEvent>();
// Data may be given decoded: text, bytes or any JSON value.
expectTypeOf(kinesisStreamEvent).toBeCallableWith({ Records: [{ kinesis: { data: { orderId: 1 } } }] });
expectTypeOf(kinesisStreamEvent).toBeCallableWith({ Records: [{ kinesis: { data: Buffer.from('x') } }] });
expectTypeOf(kinesisStreamEvent).toBeCallableWith({ shardId: 'shardId-000000000001' }, { variant: 'tumbling-window' });
// @ts-expect-error an unknown variant is a type error
kinesisStreamEvent(undefined, { variant: 'tumbling' });
// @ts-expect-error the arrival timestamp is a number, as AWS sends it
kinesisStreamEvent({ Records: [{ kinesis: { approximateArrivalTimestamp: '1607497475' } }] });

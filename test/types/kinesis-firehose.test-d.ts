import type {
  FirehoseTransformationEvent,
  FirehoseTransformationEventRecord,
  FirehoseTransformationResult,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import {
  type KinesisFirehoseEvent,
  type KinesisFirehoseRecord,
  type KinesisFirehoseResponse,
  kinesisFirehoseEvent,
  type ValidationResult,
  validateKinesisFirehoseResponse,
} from '../../src/index.ts';

expectTypeOf(kinesisFirehoseEvent()).toEqualTypeOf<KinesisFirehoseEvent>();
expectTypeOf(kinesisFirehoseEvent()).toExtend<FirehoseTransformationEvent>();
expectTypeOf<KinesisFirehoseRecord>().toExtend<FirehoseTransformationEventRecord>();
// A handler's result type is a valid response, and the response type is a valid handler result.
expectTypeOf<KinesisFirehoseResponse>().toExtend<FirehoseTransformationResult>();
expectTypeOf<FirehoseTransformationResult>().toExtend<KinesisFirehoseResponse>();
expectTypeOf(validateKinesisFirehoseResponse(kinesisFirehoseEvent(), {})).toEqualTypeOf<ValidationResult>();
expectTypeOf(kinesisFirehoseEvent).toBeCallableWith(
  { records: [{ data: { level: 'INFO' } }] },
  { variant: 'msk-source' },
);
// @ts-expect-error an unknown variant is a type error
kinesisFirehoseEvent(undefined, { variant: 'kinesis' });
// @ts-expect-error the arrival timestamp is epoch milliseconds, a number
kinesisFirehoseEvent({ records: [{ approximateArrivalTimestamp: '2026-01-01' }] });

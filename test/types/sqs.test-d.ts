import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type SqsEvent, type SqsRecord, sqsEvent } from '../../src/index.ts';

expectTypeOf(sqsEvent()).toEqualTypeOf<SqsEvent>();
expectTypeOf(sqsEvent()).toExtend<SQSEvent>();
expectTypeOf<SqsRecord>().toExtend<SQSRecord>();
// Overrides are a deep partial of the AWS shape; bodies may be given decoded.
expectTypeOf(sqsEvent).toBeCallableWith({ Records: [{ body: { orderId: 1 } }] });
expectTypeOf(sqsEvent).toBeCallableWith(
  { Records: [{ attributes: { ApproximateReceiveCount: '2' } }] },
  { variant: 'fifo' },
);
// @ts-expect-error an unknown variant is a type error
sqsEvent(undefined, { variant: 'standrad' });
// @ts-expect-error attribute values are strings, as AWS sends them
sqsEvent({ Records: [{ attributes: { ApproximateReceiveCount: 2 } }] });

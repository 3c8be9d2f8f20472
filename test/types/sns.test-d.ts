import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type SnsEvent, type SnsRecord, snsEvent } from '../../src/index.ts';

expectTypeOf(snsEvent()).toEqualTypeOf<SnsEvent>();
expectTypeOf(snsEvent()).toExtend<SNSEvent>();
expectTypeOf<SnsRecord>().toExtend<SNSEventRecord>();
// The message may be given decoded; Subject may be null as AWS sends it.
expectTypeOf(snsEvent).toBeCallableWith({ Records: [{ Sns: { Message: { orderId: 1 }, Subject: null } }] });
expectTypeOf(snsEvent).toBeCallableWith(
  { Records: [{ Sns: { MessageAttributes: { kind: { Type: 'String', Value: 'a' } } } }] },
  { variant: 'with-attributes' },
);
// @ts-expect-error an unknown variant is a type error
snsEvent(undefined, { variant: 'notificaton' });
// @ts-expect-error attribute types are SNS's four data types
snsEvent({ Records: [{ Sns: { MessageAttributes: { kind: { Type: 'Text', Value: 'a' } } } }] });

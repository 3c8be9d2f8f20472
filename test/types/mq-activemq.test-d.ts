import { expectTypeOf } from 'vitest';
import { type MqActivemqEvent, type MqActivemqMessage, mqActivemqEvent } from '../../src/index.ts';

// @types/aws-lambda has no Amazon MQ types; these pin the builder's own shape.
expectTypeOf(mqActivemqEvent()).toEqualTypeOf<MqActivemqEvent>();
expectTypeOf<MqActivemqEvent['eventSource']>().toEqualTypeOf<'aws:mq' | 'aws:amq'>();
expectTypeOf<MqActivemqMessage['data']>().toEqualTypeOf<string>();
expectTypeOf(mqActivemqEvent).toBeCallableWith({ messages: [{ data: { id: 1 } }] }, { variant: 'bytes-message' });
// @ts-expect-error an unknown variant is a type error
mqActivemqEvent(undefined, { variant: 'map-message' });

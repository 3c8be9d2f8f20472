import { expectTypeOf } from 'vitest';
import { type MqRabbitmqBasicProperties, type MqRabbitmqEvent, mqRabbitmqEvent } from '../../src/index.ts';

// @types/aws-lambda has no RabbitMQ types; these pin the builder's own shape.
expectTypeOf(mqRabbitmqEvent()).toEqualTypeOf<MqRabbitmqEvent>();
expectTypeOf<MqRabbitmqEvent['eventSource']>().toEqualTypeOf<'aws:rmq'>();
expectTypeOf<MqRabbitmqBasicProperties['correlationId']>().toEqualTypeOf<string | null>();
expectTypeOf(mqRabbitmqEvent).toBeCallableWith({ rmqMessagesByQueue: { 'q::/': [{ data: 'text' }] } });
// @ts-expect-error bodySize is a number
mqRabbitmqEvent({ rmqMessagesByQueue: { 'q::/': [{ basicProperties: { bodySize: '3' } }] } });

import type {
  SelfManagedKafkaEvent as AwsSelfManagedKafkaEvent,
  SelfManagedKafkaRecord as AwsRecord,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type SelfManagedKafkaEvent, type SelfManagedKafkaRecord, selfManagedKafkaEvent } from '../../src/index.ts';

expectTypeOf(selfManagedKafkaEvent()).toEqualTypeOf<SelfManagedKafkaEvent>();
expectTypeOf(selfManagedKafkaEvent()).toExtend<AwsSelfManagedKafkaEvent>();
expectTypeOf<SelfManagedKafkaRecord>().toExtend<AwsRecord>();
expectTypeOf(selfManagedKafkaEvent).toBeCallableWith({ records: { 'orders-0': [{ key: 'k', value: 'v' }] } });
// @ts-expect-error self-managed Kafka events have no eventSourceArn
selfManagedKafkaEvent({ eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/x/y' });

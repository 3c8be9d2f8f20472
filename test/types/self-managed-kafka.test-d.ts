import type {
  SelfManagedKafkaEvent as AwsSelfManagedKafkaEvent,
  SelfManagedKafkaRecord as AwsRecord,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type SelfManagedKafkaEvent, type SelfManagedKafkaRecord, selfManagedKafkaEvent } from '../../src/index.ts';

expectTypeOf(selfManagedKafkaEvent()).toEqualTypeOf<SelfManagedKafkaEvent>();
// @types/aws-lambda knows only `SelfManagedKafka` and keyed records.
expectTypeOf<Omit<SelfManagedKafkaEvent, 'records' | 'eventSource'>>().toExtend<
  Omit<AwsSelfManagedKafkaEvent, 'records' | 'eventSource'>
>();
expectTypeOf<SelfManagedKafkaEvent['eventSource']>().toEqualTypeOf<'SelfManagedKafka' | 'aws:SelfManagedKafka'>();
expectTypeOf<Omit<SelfManagedKafkaRecord, 'key'>>().toExtend<Omit<AwsRecord, 'key'>>();
expectTypeOf(selfManagedKafkaEvent).toBeCallableWith({ records: { 'orders-0': [{ key: 'k', value: 'v' }] } });
// @ts-expect-error self-managed Kafka events have no eventSourceArn
selfManagedKafkaEvent({ eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/x/y' });

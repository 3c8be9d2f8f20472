import { describe, expect, it } from 'vitest';
import { selfManagedKafkaArbitrary } from '../../src/arbitraries.ts';
import { type SelfManagedKafkaEvent, selfManagedKafkaEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';
import { kafkaBreaks } from './kafka-breaks.ts';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

function derived(event: SelfManagedKafkaEvent): void {
  expect(event).not.toHaveProperty('eventSourceArn');
  expect(event.eventSource).toBe('SelfManagedKafka');
  for (const [key, records] of Object.entries(event.records)) {
    let previous = -1;
    for (const record of records) {
      expect(`${record.topic}-${record.partition}`).toBe(key);
      expect(record.offset).toBeGreaterThan(previous);
      previous = record.offset;
      expect(record.timestampType).toBe(records[0]?.timestampType);
    }
  }
}

runEventContract<SelfManagedKafkaEvent>({
  id: 'self-managed-kafka',
  build: selfManagedKafkaEvent as never,
  arbitrary: selfManagedKafkaArbitrary as never,
  override: {
    value: { records: { 'clicks-0': [{ value: 'plain text' }] } },
    check: (event) => expect(decode(event.records['clicks-0']?.[0]?.value ?? '')).toBe('plain text'),
  },
  derived,
  requiredPath: ['bootstrapServers'],
  breaks: kafkaBreaks,
});

describe('selfManagedKafkaEvent', () => {
  it('has bootstrap servers and no eventSourceArn', () => {
    const event = selfManagedKafkaEvent();
    expect(event.bootstrapServers).toMatch(/^[^,]+:\d+(,[^,]+:\d+)*$/);
    expect(event).not.toHaveProperty('eventSourceArn');
  });

  it('rejects an eventSourceArn, which self-managed Kafka events do not carry', () => {
    expect(() => selfManagedKafkaEvent({ eventSourceArn: 'arn:aws:kafka:…' } as never)).toThrow(
      /eventSourceArn: unknown override path/,
    );
  });

  it('accepts the aws:SelfManagedKafka event source in both profiles, and no other', () => {
    const event = { ...selfManagedKafkaEvent(), eventSource: 'aws:SelfManagedKafka' };
    expect(validate('self-managed-kafka', event, { strict: true }).errors).toStrictEqual([]);
    expect(validate('self-managed-kafka', { ...event, eventSource: 'aws:kafka' }).valid).toBe(false);
  });

  it('builds keyless and schema-registry records', () => {
    const keyless = Object.values(selfManagedKafkaEvent(undefined, { variant: 'keyless' }).records).flat();
    expect(keyless[0]).not.toHaveProperty('key');
    const registry = Object.values(selfManagedKafkaEvent(undefined, { variant: 'schema-registry' }).records).flat();
    expect(registry[0]?.valueSchemaMetadata?.schemaId).toMatch(/^(\d+|[0-9a-f-]{36})$/);
  });

  it('reads the same partial batch response as MSK', () => {
    const failure = { batchItemFailures: [{ itemIdentifier: { partition: 0, offset: 15 } }] };
    expect(validate('self-managed-kafka', failure, { response: true }).valid).toBe(true);
    expect(validate('self-managed-kafka', { batchItemFailures: [{}] }, { response: true }).valid).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { selfManagedKafkaArbitrary } from '../../src/arbitraries.ts';
import { type SelfManagedKafkaEvent, selfManagedKafkaEvent } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

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
});

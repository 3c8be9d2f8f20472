import { describe, expect, it } from 'vitest';
import { mskArbitrary } from '../../src/arbitraries.ts';
import { type MskEvent, mskEvent } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

function derived(event: MskEvent): void {
  const [, , service, region, account] = event.eventSourceArn.split(':');
  expect(service).toBe('kafka');
  expect(account).toMatch(/^\d{12}$/);
  for (const server of event.bootstrapServers.split(','))
    expect(server).toMatch(new RegExp(`\\.kafka\\.${region}\\.amazonaws\\.com:\\d+$`));
  for (const [key, records] of Object.entries(event.records)) {
    let previous = -1;
    for (const record of records) {
      expect(`${record.topic}-${record.partition}`).toBe(key);
      expect(record.offset).toBeGreaterThan(previous);
      previous = record.offset;
      expect(Buffer.from(record.value, 'base64').toString('base64')).toBe(record.value);
    }
  }
}

runEventContract<MskEvent>({
  id: 'msk',
  build: mskEvent as never,
  arbitrary: mskArbitrary as never,
  override: {
    value: { records: { 'orders-2': [{ value: { orderId: 'o-1' } }] } },
    check: (event) => {
      expect(Object.keys(event.records)).toStrictEqual(['orders-2']);
      const record = event.records['orders-2']?.[0];
      expect(decode(record?.value ?? '')).toBe('{"orderId":"o-1"}');
      expect(record?.topic).toBe('orders');
      expect(record?.partition).toBe(2);
    },
  },
  derived,
  requiredPath: ['eventSourceArn'],
});

describe('mskEvent', () => {
  it('spreads the requested records over partitions with offsets increasing per partition', () => {
    const event = mskEvent(undefined, { records: 30, seed: 5 });
    const all = Object.values(event.records).flat();
    expect(all).toHaveLength(30);
    for (const list of Object.values(event.records)) {
      const offsets = list.map((r) => r.offset);
      expect(offsets).toStrictEqual([...offsets].sort((a, b) => a - b));
      expect(new Set(offsets).size).toBe(offsets.length);
    }
  });

  it('encodes key and value given as text, bytes or JSON, and header text as byte numbers', () => {
    const event = mskEvent({
      records: {
        'my-topic-0': [
          { key: 'k1', value: 'héllo', headers: [{ source: 'web' }] },
          { value: Buffer.from([0, 255]), headers: [{ raw: [1, 2] }] },
          { value: [1, 2] },
        ],
      },
    });
    const [first, second, third] = event.records['my-topic-0'] ?? [];
    expect(first?.topic).toBe('my-topic');
    expect(decode(first?.key ?? '')).toBe('k1');
    expect(decode(first?.value ?? '')).toBe('héllo');
    expect(first?.headers).toStrictEqual([{ source: [119, 101, 98] }]);
    expect(second?.value).toBe('AP8=');
    expect(second?.headers).toStrictEqual([{ raw: [1, 2] }]);
    expect(decode(third?.value ?? '')).toBe('[1,2]');
    expect((second?.offset ?? 0) - (first?.offset ?? 0)).toBe(1);
  });

  it('keeps explicit offsets and continues after them', () => {
    const event = mskEvent({ records: { 'orders-0': [{ offset: 100 }, {}, { offset: 500 }, {}] } });
    expect(event.records['orders-0']?.map((r) => r.offset)).toStrictEqual([100, 101, 500, 501]);
  });

  it('sets timestampType from the variant', () => {
    const event = mskEvent(undefined, { variant: 'log-append-time' });
    expect(Object.values(event.records).flat()[0]?.timestampType).toBe('LOG_APPEND_TIME');
  });

  it('rejects a records key that is not topic-partition', () => {
    expect(() => mskEvent({ records: { orders: [{}] } })).toThrow(/records/);
  });

  it('rejects a self-managed eventSource on an MSK event', () => {
    expect(() => mskEvent({ eventSource: 'SelfManagedKafka' as never })).toThrow(/eventSource/);
  });
});

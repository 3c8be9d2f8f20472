import { describe, expect, it } from 'vitest';
import { mskArbitrary } from '../../src/arbitraries.ts';
import { type MskEvent, mskEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';
import { kafkaBreaks } from './kafka-breaks.ts';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

function derived(event: MskEvent): void {
  const [, , service, region, account] = event.eventSourceArn.split(':');
  expect(service).toBe('kafka');
  expect(account).toMatch(/^\d{12}$/);
  const domain = /-s\d+$/.test(event.eventSourceArn) ? 'kafka-serverless' : 'kafka';
  for (const server of event.bootstrapServers.split(','))
    expect(server).toMatch(new RegExp(`\\.${domain}\\.${region}\\.amazonaws\\.com:\\d+$`));
  for (const [key, records] of Object.entries(event.records)) {
    let previous = -1;
    for (const record of records) {
      expect(`${record.topic}-${record.partition}`).toBe(key);
      expect(record.offset).toBeGreaterThan(previous);
      previous = record.offset;
      expect(Buffer.from(record.value, 'base64').toString('base64')).toBe(record.value);
      expect(record.timestampType).toBe(records[0]?.timestampType);
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
  breaks: {
    ...kafkaBreaks,
    'bootstrap-servers-of-cluster': (event) => {
      event.bootstrapServers = event.bootstrapServers.replace(/\.kafka\.[a-z0-9-]+\./g, '.kafka.zz-east-9.');
    },
  },
});

describe('mskEvent variants', () => {
  it('leaves the key out of keyless records', () => {
    const records = Object.values(mskEvent(undefined, { variant: 'keyless', records: 5 }).records).flat();
    expect(records).toHaveLength(5);
    for (const record of records) expect(record).not.toHaveProperty('key');
    expect(Object.values(mskEvent().records).flat()[0]).toHaveProperty('key');
  });

  it('keeps a key given as null, and leaves keys out of given records in the keyless variant', () => {
    const given = mskEvent({ records: { 'orders-0': [{ key: null, value: 'a' }] } });
    expect(given.records['orders-0']?.[0]?.key).toBeNull();
    const keyless = mskEvent(
      { records: { 'orders-0': [{ value: 'a' }, { key: 'k', value: 'b' }] } },
      { variant: 'keyless' },
    );
    expect(keyless.records['orders-0']?.[0]).not.toHaveProperty('key');
    expect(decode(keyless.records['orders-0']?.[1]?.key ?? '')).toBe('k');
  });

  it('adds schema-registry metadata with one schema id per topic', () => {
    const records = Object.values(mskEvent(undefined, { variant: 'schema-registry', records: 6 }).records).flat();
    const ids = new Set(records.map((r) => r.valueSchemaMetadata?.schemaId));
    expect(ids.size).toBe(1);
    for (const record of records)
      expect(['AVRO', 'JSON', 'PROTOBUF']).toContain(record.valueSchemaMetadata?.dataFormat);
    expect(Object.values(mskEvent().records).flat()[0]).not.toHaveProperty('valueSchemaMetadata');
  });

  it('builds an MSK Serverless cluster: -s<n> ARN and one kafka-serverless bootstrap endpoint', () => {
    const event = mskEvent(undefined, { variant: 'serverless' });
    expect(event.eventSourceArn).toMatch(/^arn:aws:kafka:[a-z0-9-]+:\d{12}:cluster\/[\w-]+\/[0-9a-f-]{36}-s\d+$/);
    expect(event.bootstrapServers).toMatch(
      /^boot-[a-z0-9]{8}\.c\d\.kafka-serverless\.[a-z0-9-]+\.amazonaws\.com:9098$/,
    );
    expect(mskEvent().eventSourceArn).not.toMatch(/-s\d+$/);
  });
});

describe('msk strict profile', () => {
  it('accepts a record whose key is null or absent, and rejects a key that is not base64', () => {
    const event = mskEvent(undefined, { records: 2, seed: 3 });
    const [first, second] = Object.values(event.records).flat() as unknown as Record<string, unknown>[];
    (first as Record<string, unknown>).key = null;
    delete (second as Record<string, unknown>).key;
    expect(validate('msk', event, { strict: true }).errors).toStrictEqual([]);
    (first as Record<string, unknown>).key = 'not base64!';
    expect(validate('msk', event, { strict: true }).errors.map((e) => e.path)).toContainEqual(
      expect.stringMatching(/key$/),
    );
    expect(validate('msk', event).valid).toBe(true);
  });

  it('rejects provisioned brokers on a Serverless cluster ARN, and accepts China-region brokers', () => {
    const serverless = mskEvent(undefined, { variant: 'serverless' });
    const region = serverless.eventSourceArn.split(':')[3];
    serverless.bootstrapServers = `b-1.c.abc.c1.kafka.${region}.amazonaws.com:9098`;
    expect(validate('msk', serverless, { strict: true }).errors).toStrictEqual([
      expect.objectContaining({ path: 'bootstrapServers', rule: 'bootstrap-servers-of-cluster' }),
    ]);
    const china = mskEvent({
      eventSourceArn: 'arn:aws-cn:kafka:cn-north-1:123456789012:cluster/c/0b0c7d2e-1a2b-4c3d-8e9f-0a1b2c3d4e5f-2',
      bootstrapServers: 'b-1.c.abc.c1.kafka.cn-north-1.amazonaws.com.cn:9094',
    });
    expect(validate('msk', china, { strict: true }).errors).toStrictEqual([]);
  });

  it('names both records when a partition repeats an offset', () => {
    const event = mskEvent({ records: { 'orders-0': [{ offset: 7 }, { offset: 7 }] } }, { validate: 'shape' });
    expect(validate('msk', event, { strict: true }).errors).toStrictEqual([
      expect.objectContaining({
        path: 'records.orders-0[1].offset',
        rule: 'offsets-increasing',
        expected: 'an offset above 7 (records["orders-0"][0].offset)',
      }),
    ]);
  });
});

describe('msk response contract', () => {
  it('accepts success answers and failures named by partition and offset or topic-partition@offset', () => {
    for (const answer of [
      null,
      '',
      [],
      {},
      { batchItemFailures: [] },
      { batchItemFailures: null },
      { batchItemFailures: [{ itemIdentifier: { partition: 0, offset: 15 } }] },
      { batchItemFailures: [{ itemIdentifier: { topic: 'orders', partition: 2, offset: 15 } }] },
      { batchItemFailures: [{ itemIdentifier: 'orders-2@15' }] },
    ]) {
      expect({ answer, errors: validate('msk', answer, { response: true }).errors }).toStrictEqual({
        answer,
        errors: [],
      });
    }
  });

  it('rejects failures the poller cannot place on a record', () => {
    for (const answer of [
      { batchItemFailures: [{ itemIdentifier: '' }] },
      { batchItemFailures: [{ itemIdentifier: { offset: 15 } }] },
      { batchItemFailures: [{ itemIdentifier: { partition: '0', offset: 15 } }] },
      { batchItemFailures: [{ identifier: 'orders-2@15' }] },
      { batchItemFailures: 'orders-2@15' },
    ]) {
      expect({ answer, valid: validate('msk', answer, { response: true }).valid }).toStrictEqual({
        answer,
        valid: false,
      });
    }
  });
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

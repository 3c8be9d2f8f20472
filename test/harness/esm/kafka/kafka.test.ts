import type { MSKEvent, MSKRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { KAFKA_RETRY_CAP, simulateKafka } from '../../../../src/harness/esm/kafka/kafka.ts';
import { parseMappingInvocation, runMapping } from '../../../../src/harness/esm/mapping.ts';
import { registerStreamSources } from '../../../../src/harness/esm/streams/register.ts';
import { decode, deliveredRecord, outcomes, RBIF } from '../streams/helpers.ts';

/** Records of an MSK event in map order, decoded. */
const values = (event: MSKEvent): string[] =>
  Object.values(event.records).flatMap((list) => list.map((r) => decode(r.value)));

function recorder(answer: (event: MSKEvent, call: number) => unknown = () => null) {
  const batches: string[][] = [];
  const events: MSKEvent[] = [];
  const handler = async (event: MSKEvent) => {
    events.push(event);
    batches.push(values(event));
    return answer(event, batches.length - 1);
  };
  return { handler, batches, events };
}

const numbered = (n: number, key = 'k') => Array.from({ length: n }, (_, i) => ({ value: String(i), key }));
const throwOn = (bad: string) => async (event: MSKEvent) => {
  if (values(event).includes(bad)) throw new Error('poison');
  return null;
};

describe('Kafka batches (aws-behaviour §4.4)', () => {
  it('delivers records per partition in offset order, keyed topic-partition, after the 500 ms window', async () => {
    const { handler, events } = recorder();
    const ledger = await simulateKafka(handler, numbered(3), { topic: { name: 'orders' } });
    expect(ledger.invocations[0]?.at).toBe(500);
    const event = events[0] as MSKEvent;
    expect(event.eventSource).toBe('aws:kafka');
    expect(event.eventSourceArn).toMatch(/^arn:aws:kafka:us-east-1:123456789012:cluster\/my-cluster\//);
    expect(Object.keys(event.records)).toStrictEqual(['orders-0']);
    const offsets = (event.records['orders-0'] as MSKRecord[]).map((r) => r.offset);
    expect(offsets).toStrictEqual([offsets[0], (offsets[0] as number) + 1, (offsets[0] as number) + 2]);
    expect(values(event)).toStrictEqual(['0', '1', '2']);
  });

  it('sends a self-managed Kafka event without eventSourceArn', async () => {
    const { handler, events } = recorder();
    await simulateKafka(handler, numbered(1), {
      source: 'self-managed-kafka',
      cluster: { bootstrapServers: 'kafka-1.example.com:9092' },
    });
    expect(events[0]).not.toHaveProperty('eventSourceArn');
    expect(events[0]).toMatchObject({ eventSource: 'SelfManagedKafka', bootstrapServers: 'kafka-1.example.com:9092' });
  });

  it('keeps keys on one partition and blocks only the partition of a failing batch', async () => {
    let failures = 0;
    const { handler, batches } = recorder((event) => {
      if (values(event).includes('a0') && failures++ < 2) throw new Error('transient');
      return null;
    });
    const records = ['a0', 'a1', 'b0', 'b1'].map((value) => ({ value, partition: value[0] === 'a' ? 0 : 1 }));
    const ledger = await simulateKafka(handler, records, { topic: { partitions: 2 }, batchSize: 1 });
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
    const flat = batches.flat();
    expect(flat.indexOf('b1')).toBeLessThan(flat.lastIndexOf('a0'));
    expect(flat.indexOf('a1')).toBeGreaterThan(flat.lastIndexOf('a0'));
  });

  it('rejects an unknown topic option', async () => {
    await expect(simulateKafka(async () => null, numbered(1), { topic: { partition: 2 } as never })).rejects.toThrow(
      /options.topic.partition: unknown key/,
    );
  });
});

describe('Kafka retries (aws-behaviour §4.4)', () => {
  it('retries the whole batch until it succeeds by default', async () => {
    let calls = 0;
    const ledger = await simulateKafka(async () => {
      if (calls++ < 4) throw new Error('transient');
      return null;
    }, numbered(2));
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded']);
    expect(ledger.events[0]?.attempts).toBe(5);
  });

  it('expires records with the topic retention when they never succeed', async () => {
    const ledger = await simulateKafka(throwOn('0'), numbered(1), { topic: { retentionHours: 1 } });
    expect(ledger.events[0]?.outcome).toBe('expired');
    expect(ledger.events[0]?.reason).toMatch(/^topic retention \(1 h\) elapsed/);
  });

  it(`caps infinite retries at ${KAFKA_RETRY_CAP} when an on-failure destination is configured`, async () => {
    const ledger = await simulateKafka(throwOn('0'), numbered(1), {
      destinationConfig: { onFailure: { type: 'sqs' } },
    });
    expect(ledger.events[0]).toMatchObject({ outcome: 'dead-lettered', attempts: KAFKA_RETRY_CAP + 1 });
  });

  it('sends KafkaBatchInfo with recordsInfo per partition on RetryAttemptsExhausted', async () => {
    const ledger = await simulateKafka(throwOn('0'), numbered(2), {
      maximumRetryAttempts: 1,
      topic: { name: 'orders' },
      destinationConfig: { onFailure: { type: 's3' } },
    });
    expect(outcomes(ledger)).toStrictEqual(['dead-lettered', 'dead-lettered']);
    const record = deliveredRecord(ledger.destinations[0] as never);
    expect(record.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 });
    expect(record.responseContext).toMatchObject({ statusCode: 200, functionError: 'Unhandled' });
    const info = record.KafkaBatchInfo as Record<string, unknown>;
    expect(info.batchSize).toBe(2);
    expect(info.eventSourceArn).toMatch(/^arn:aws:kafka:/);
    expect(Number(info.payloadSize)).toBeGreaterThan(0);
    const partition = (info.recordsInfo as Record<string, Record<string, string>>)['orders-0'];
    expect(Object.keys(partition ?? {})).toStrictEqual([
      'firstRecordOffset',
      'lastRecordOffset',
      'firstRecordTimestamp',
      'lastRecordTimestamp',
    ]);
    expect(Number(partition?.lastRecordOffset) - Number(partition?.firstRecordOffset)).toBe(1);
    expect(JSON.parse(String(record.payload)).eventSource).toBe('aws:kafka');
  });

  it('sends MaximumPayloadSizeExceeded with a null responseContext for a record larger than 6 MB', async () => {
    const { handler, batches } = recorder();
    const ledger = await simulateKafka(
      handler,
      [
        { value: 'x'.repeat(5 * 1024 * 1024), key: 'k' },
        { value: 'ok', key: 'k' },
      ],
      {
        destinationConfig: { onFailure: { type: 'sqs' } },
      },
    );
    expect(outcomes(ledger)).toStrictEqual(['dead-lettered', 'succeeded']);
    const record = deliveredRecord(ledger.destinations[0] as never);
    expect(record.requestContext).toMatchObject({ condition: 'MaximumPayloadSizeExceeded', approximateInvokeCount: 0 });
    expect(record.responseContext).toBeNull();
    expect(batches).toStrictEqual([['ok']]);
  });

  it('rejects maximumRecordAgeInSeconds below 60 for Kafka', async () => {
    await expect(simulateKafka(async () => null, numbered(1), { maximumRecordAgeInSeconds: 10 })).rejects.toThrow(
      /maximumRecordAgeInSeconds: expected integer 60–604800/,
    );
  });
});

describe('Kafka partial batch responses and bisect (aws-behaviour §4.4)', () => {
  it('retries from the reported {partition, offset} and commits the records before it', async () => {
    let first = true;
    const { handler, batches } = recorder((event) => {
      if (!first) return null;
      first = false;
      const bad = Object.values(event.records).flat()[1] as MSKRecord;
      return { batchItemFailures: [{ itemIdentifier: { partition: bad.partition, offset: bad.offset } }] };
    });
    const ledger = await simulateKafka(handler, numbered(3), RBIF);
    expect(batches).toStrictEqual([
      ['0', '1', '2'],
      ['1', '2'],
    ]);
    expect(ledger.events.map((e) => e.attempts)).toStrictEqual([1, 2, 2]);
  });

  it('accepts the "topic-partition@offset" string form of an identifier', async () => {
    let first = true;
    const { handler, batches } = recorder((event) => {
      if (!first) return null;
      first = false;
      const bad = Object.values(event.records).flat()[2] as MSKRecord;
      return { batchItemFailures: [{ itemIdentifier: `${bad.topic}-${bad.partition}@${bad.offset}` }] };
    });
    await simulateKafka(handler, numbered(3), RBIF);
    expect(batches).toStrictEqual([['0', '1', '2'], ['2']]);
  });

  it('fails the whole batch on an identifier that names no record of the batch', async () => {
    let calls = 0;
    const ledger = await simulateKafka(
      async () => (calls++ === 0 ? { batchItemFailures: [{ itemIdentifier: { partition: 9, offset: 1 } }] } : null),
      numbered(2),
      RBIF,
    );
    expect(ledger.events.map((e) => e.attempts)).toStrictEqual([2, 2]);
    expect(ledger.warnings.join('\n')).toMatch(/not an item of the batch/);
  });

  it('isolates a poison record with bisectBatchOnFunctionError', async () => {
    const ledger = await simulateKafka(throwOn('2'), numbered(4), {
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 0,
    });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded', 'failed', 'succeeded']);
  });
});

describe('Kafka event filtering (aws-behaviour §4.6)', () => {
  it('commits records no pattern matches without invoking', async () => {
    const { handler, batches } = recorder();
    const records = [{ value: { kind: 'order' } }, { value: { kind: 'ping' } }];
    const ledger = await simulateKafka(handler, records, {
      filterCriteria: { Filters: [{ Pattern: '{"value":{"kind":["order"]}}' }] },
    });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'filtered']);
    expect(ledger.events[1]?.reason).toMatch(/offset committed without invoking/);
    expect(batches).toStrictEqual([['{"kind":"order"}']]);
  });

  it('rejects an invalid pattern', async () => {
    await expect(
      simulateKafka(async () => null, numbered(1), { filterCriteria: { Filters: [{ Pattern: '{"value": 1}' }] } }),
    ).rejects.toThrow(/filterCriteria.Filters\[0\].Pattern/);
  });
});

describe('kafka scenarios', () => {
  registerStreamSources();

  it('runs invocation {"source": "msk"} and {"source": "self-managed-kafka"} with value entries and generated events', async () => {
    for (const source of ['msk', 'self-managed-kafka']) {
      const parsed = parseMappingInvocation({ source, topic: { name: 'orders', partitions: 2 } });
      const ledger = await runMapping(parsed, async () => null, [
        { value: 'a', key: 'k1' },
        { value: { b: 1 }, headers: [{ trace: 'abc' }], partition: 1 },
        { generate: source, records: 2 },
      ]);
      expect(ledger.events).toHaveLength(4);
      expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
    }
  });

  it('rejects options Kafka mappings do not have', () => {
    expect(() => parseMappingInvocation({ source: 'msk', parallelizationFactor: 2 })).toThrow(
      /invocation.parallelizationFactor: not supported for source "msk"/,
    );
  });
});

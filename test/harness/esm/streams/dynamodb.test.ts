import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { parseMappingInvocation, runMapping } from '../../../../src/harness/esm/mapping.ts';
import { simulateDynamodbStream } from '../../../../src/harness/esm/streams/dynamodb.ts';
import { registerStreamSources } from '../../../../src/harness/esm/streams/register.ts';
import { deliveredRecord, outcomes, RBIF } from './helpers.ts';

/** A handler recording each batch's item ids (`Keys.id.S`) and answering with `answer`. */
function recorder(answer: (event: DynamoDBStreamEvent, call: number) => unknown = () => null) {
  const batches: string[][] = [];
  const events: DynamoDBStreamEvent[] = [];
  const handler = async (event: DynamoDBStreamEvent) => {
    events.push(event);
    batches.push(event.Records.map((r) => String(r.dynamodb?.Keys?.id?.S)));
    return answer(event, batches.length - 1);
  };
  return { handler, batches, events };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ newImage: { id: String(i), total: i } }));

describe('DynamoDB Streams records (aws-behaviour §4.3)', () => {
  it('marshals images, infers eventName from the images given and numbers records in shard order', async () => {
    const { handler, events } = recorder();
    await simulateDynamodbStream(handler, [
      { newImage: { id: 'a', total: 1 } },
      { keys: { id: 'a' }, oldImage: { id: 'a', total: 1 }, newImage: { id: 'a', total: 2 } },
      { oldImage: { id: 'a', total: 2 } },
    ]);
    const records = events[0]?.Records ?? [];
    expect(records.map((r) => r.eventName)).toStrictEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(records[1]?.dynamodb?.NewImage).toStrictEqual({ id: { S: 'a' }, total: { N: '2' } });
    expect(records[0]?.dynamodb?.Keys).toStrictEqual({ id: { S: 'a' } });
    const sequence = records.map((r) => BigInt(r.dynamodb?.SequenceNumber ?? '0'));
    expect(sequence[1]! > sequence[0]! && sequence[2]! > sequence[1]!).toBe(true);
    expect(records[0]?.eventSourceARN).toMatch(/^arn:aws:dynamodb:us-east-1:123456789012:table\/my-table\/stream\//);
  });

  it('rejects an entry without an item', async () => {
    await expect(simulateDynamodbStream(async () => null, [{ eventName: 'INSERT' }])).rejects.toThrow(
      /changes\[0\]: expected the item/,
    );
  });
});

describe('DynamoDB Streams retries and partial responses (aws-behaviour §4.3)', () => {
  it('checkpoints at the lowest reported dynamodb.SequenceNumber', async () => {
    let first = true;
    const { handler, batches } = recorder((event) => {
      if (!first) return null;
      first = false;
      return { batchItemFailures: [{ itemIdentifier: event.Records[2]?.dynamodb?.SequenceNumber }] };
    });
    const ledger = await simulateDynamodbStream(handler, items(4), RBIF);
    expect(batches).toStrictEqual([
      ['0', '1', '2', '3'],
      ['2', '3'],
    ]);
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
  });

  it('fails the whole batch when an identifier is a Kinesis-style key instead of dynamodb.SequenceNumber', async () => {
    let calls = 0;
    const ledger = await simulateDynamodbStream(
      async () => (calls++ === 0 ? { batchItemFailures: [{ sequenceNumber: '1' }] } : null),
      items(2),
      RBIF,
    );
    expect(ledger.events.map((e) => e.attempts)).toStrictEqual([2, 2]);
  });

  it('sends DDBStreamBatchInfo to an SNS destination on exhaustion', async () => {
    const ledger = await simulateDynamodbStream(
      async () => {
        throw new Error('down');
      },
      items(2),
      { maximumRetryAttempts: 0, destinationConfig: { onFailure: { type: 'sns' } } },
    );
    expect(outcomes(ledger)).toStrictEqual(['dead-lettered', 'dead-lettered']);
    const record = deliveredRecord(ledger.destinations[0] as never);
    expect(ledger.destinations[0]?.target).toBe('sns');
    const info = record.DDBStreamBatchInfo as Record<string, unknown>;
    expect(info.batchSize).toBe(2);
    expect(String(info.shardId)).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
    expect(String(info.streamArn)).toMatch(/:table\/my-table\/stream\//);
    expect(record).not.toHaveProperty('KinesisBatchInfo');
  });

  it('expires records after the fixed 24-hour retention when retries are infinite', async () => {
    const ledger = await simulateDynamodbStream(async () => {
      throw new Error('down');
    }, items(1));
    expect(ledger.events[0]?.outcome).toBe('expired');
    expect(ledger.events[0]?.reason).toMatch(/^stream retention \(24 h\)/);
  });
});

describe('DynamoDB Streams tumbling windows and filtering (aws-behaviour §4.3, §4.6)', () => {
  it('adds the window fields to DynamoDB batches', async () => {
    const { handler, events } = recorder(() => ({ state: { seen: true } }));
    await simulateDynamodbStream(handler, items(1), { tumblingWindowInSeconds: 60 });
    const first = events[0] as unknown as Record<string, unknown>;
    expect(first.window).toStrictEqual({ start: '2026-01-15T12:00:00Z', end: '2026-01-15T12:01:00Z' });
    expect(first.isFinalInvokeForWindow).toBe(false);
    expect((events[1] as unknown as Record<string, unknown>).isFinalInvokeForWindow).toBe(true);
    expect((events[1] as unknown as Record<string, unknown>).state).toStrictEqual({ seen: true });
  });

  it('skips records whose dynamodb part no pattern matches', async () => {
    const { handler, batches } = recorder();
    const ledger = await simulateDynamodbStream(handler, items(3), {
      filterCriteria: { Filters: [{ Pattern: '{"dynamodb":{"NewImage":{"total":{"N":["1"]}}}}' }] },
    });
    expect(outcomes(ledger)).toStrictEqual(['filtered', 'succeeded', 'filtered']);
    expect(batches).toStrictEqual([['1']]);
  });
});

describe('dynamodb scenarios', () => {
  registerStreamSources();

  it('runs invocation {"source": "dynamodb"} with dynamodb, shorthand and generated entries', async () => {
    const parsed = parseMappingInvocation({ source: 'dynamodb', shards: 2, table: { viewType: 'NEW_IMAGE' } });
    const ledger = await runMapping(parsed, async () => null, [
      { dynamodb: { Keys: { id: { S: 'x' } }, NewImage: { id: { S: 'x' } } } },
      { keys: { id: 'y' }, newImage: { id: 'y' }, eventName: 'INSERT' },
      { generate: 'dynamodb-stream', records: 2 },
    ]);
    expect(ledger.events).toHaveLength(4);
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
  });

  it('names an invalid table option', () => {
    expect(() => parseMappingInvocation({ source: 'dynamodb', table: { viewType: 'ALL' } })).toThrow(
      /invocation.table.viewType: expected one of KEYS_ONLY/,
    );
  });
});

describe('DynamoDB Streams per-item order (aws-behaviour §4.3)', () => {
  // An INSERT then MODIFY of each item, given as images without Keys: the images differ, the item does not.
  const changes = Array.from({ length: 12 }, (_, i) => [
    { newImage: { total: i, id: `item-${i}` } },
    { oldImage: { total: i, id: `item-${i}` }, newImage: { total: i + 100, id: `item-${i}` } },
  ]).flat();
  const seen = (table?: { keyAttributes: string[] }) => {
    const order: string[] = [];
    const handler = async (event: DynamoDBStreamEvent) => {
      for (const r of event.Records) order.push(`${r.dynamodb?.Keys?.id?.S}:${r.eventName}`);
      return null;
    };
    return {
      order,
      run: () =>
        simulateDynamodbStream(handler, changes, { parallelizationFactor: 10, shards: 3, ...(table ? { table } : {}) }),
    };
  };

  it('keeps an item’s INSERT before its MODIFY across lanes, keyed by the table’s key attributes', async () => {
    const { order, run } = seen({ keyAttributes: ['id'] });
    const ledger = await run();
    expect(outcomes(ledger).every((o) => o === 'succeeded')).toBe(true);
    for (let i = 0; i < 12; i++) {
      expect(order.indexOf(`item-${i}:INSERT`)).toBeGreaterThanOrEqual(0);
      expect(order.indexOf(`item-${i}:INSERT`)).toBeLessThan(order.indexOf(`item-${i}:MODIFY`));
    }
  });

  it('infers the key attributes from a default key style the images have (id)', async () => {
    const { order, run } = seen();
    await run();
    for (let i = 0; i < 12; i++) {
      expect(order.indexOf(`item-${i}:INSERT`)).toBeLessThan(order.indexOf(`item-${i}:MODIFY`));
    }
  });

  it('refuses image-only changes spread over lanes when the key attributes cannot be told', async () => {
    await expect(
      simulateDynamodbStream(async () => null, [{ newImage: { total: 1, name: 'x' } }], { shards: 2 }),
    ).rejects.toThrow(/table\.keyAttributes/);
  });
});

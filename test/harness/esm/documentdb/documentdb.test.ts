import { describe, expect, it } from 'vitest';
import { simulateDocumentdb } from '../../../../src/harness/esm/documentdb/documentdb.ts';
import { parseMappingInvocation, runMapping } from '../../../../src/harness/esm/mapping.ts';
import { registerStreamSources } from '../../../../src/harness/esm/streams/register.ts';
import { outcomes } from '../streams/helpers.ts';

interface DocdbEvent {
  eventSource: string;
  eventSourceArn: string;
  events: {
    event: {
      operationType: string;
      fullDocument?: Record<string, unknown>;
      clusterTime: { $timestamp: { t: number; i: number } };
    };
  }[];
}

function recorder(answer: (event: DocdbEvent, call: number) => unknown = () => null) {
  const events: DocdbEvent[] = [];
  const handler = async (event: DocdbEvent) => {
    events.push(event);
    return answer(event, events.length - 1);
  };
  return { handler, events };
}

const inserts = (n: number) => Array.from({ length: n }, (_, i) => ({ fullDocument: { n: i } }));

describe('DocumentDB change streams (aws-behaviour §4.5)', () => {
  it('delivers change events in cluster-time order with the cluster ARN and namespace', async () => {
    const { handler, events } = recorder();
    const ledger = await simulateDocumentdb(handler, [...inserts(2), { operationType: 'delete', at: 1500 }], {
      cluster: { database: 'shop', collection: 'orders' },
    });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded', 'succeeded']);
    const all = events.flatMap((e) => e.events.map((r) => r.event));
    expect(all.map((e) => e.operationType)).toStrictEqual(['insert', 'insert', 'delete']);
    expect(all.map((e) => e.clusterTime.$timestamp)).toStrictEqual([
      { t: 1768478400, i: 1 },
      { t: 1768478400, i: 2 },
      { t: 1768478401, i: 1 },
    ]);
    expect(events[0]?.eventSource).toBe('aws:docdb');
    expect(events[0]?.eventSourceArn).toBe('arn:aws:rds:us-east-1:123456789012:cluster:my-docdb-cluster');
    expect(all[2]).not.toHaveProperty('fullDocument');
  });

  it('retries errors until success, blocking the stream', async () => {
    let calls = 0;
    const { handler, events } = recorder(() => {
      if (calls++ < 3) throw new Error('transient');
      return null;
    });
    const ledger = await simulateDocumentdb(handler, inserts(2), { batchSize: 1 });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded']);
    expect(events.map((e) => e.events[0]?.event.fullDocument?.n)).toStrictEqual([0, 0, 0, 0, 1]);
  });

  it('disables the mapping when change-stream events expire: nothing after them is delivered', async () => {
    const ledger = await simulateDocumentdb(
      async () => {
        throw new Error('down');
      },
      inserts(2),
      { batchSize: 1, cluster: { changeStreamRetentionHours: 1 } },
    );
    expect(outcomes(ledger)).toStrictEqual(['expired', 'expired']);
    expect(ledger.events[0]?.reason).toMatch(/change-stream retention \(1 h\) elapsed; the mapping is disabled/);
    expect(ledger.events[1]?.attempts).toBe(0);
  });

  it('rejects retry options and event filtering, which DocumentDB mappings do not have', async () => {
    await expect(simulateDocumentdb(async () => null, inserts(1), { maximumRetryAttempts: 1 })).rejects.toThrow(
      /maximumRetryAttempts: not supported for source "documentdb"/,
    );
    await expect(
      simulateDocumentdb(async () => null, inserts(1), { filterCriteria: { Filters: [{ Pattern: '{}' }] } }),
    ).rejects.toThrow(/filterCriteria: not supported for source "documentdb"/);
  });
});

describe('documentdb scenarios', () => {
  registerStreamSources();

  it('runs invocation {"source": "documentdb"} with change entries and generated events', async () => {
    const parsed = parseMappingInvocation({ source: 'documentdb', batchSize: 10 });
    const ledger = await runMapping(parsed, async () => null, [
      { fullDocument: { name: 'Ada' } },
      { operationType: 'update', updateDescription: { updatedFields: { a: 1 }, removedFields: [] } },
      { generate: 'documentdb', records: 2, variant: 'replace' },
    ]);
    expect(ledger.events).toHaveLength(4);
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
  });

  it('names an unknown operation type', async () => {
    const parsed = parseMappingInvocation({ source: 'documentdb' });
    await expect(runMapping(parsed, async () => null, [{ operationType: 'upsert' }])).rejects.toThrow(
      /events\[0\].operationType: expected insert, update, replace or delete/,
    );
  });
});

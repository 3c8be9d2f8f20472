// aws-behaviour §4 — scenario support: `invocation: {"source": "sqs" | "sqs-fifo", …}` and its events.
import { describe, expect, it } from 'vitest';
import { parseMappingInvocation, runMapping } from '../../../src/harness/esm/mapping.ts';
import { recorder } from './helpers.ts';

const error = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('parseMappingInvocation', () => {
  it('§4.2 reads an SQS invocation with mapping config and queue', () => {
    const parsed = parseMappingInvocation({
      source: 'sqs',
      batchSize: 5,
      functionResponseTypes: ['ReportBatchItemFailures'],
      queue: { visibilityTimeout: 60, maxReceiveCount: 3 },
    });
    expect(parsed.source).toBe('sqs');
  });

  it('§4.2 names the field of an invalid invocation', () => {
    expect(error(() => parseMappingInvocation({ source: 'sqs', queue: { visibilityTimeout: -1 } }))).toBe(
      '[lambda-harness] invocation.queue.visibilityTimeout: expected integer 0–43200, received -1',
    );
    expect(error(() => parseMappingInvocation({ source: 'sqs-fifo', batchSize: 20 }))).toMatch(
      /invocation\.batchSize: expected integer 1–10, received 20/,
    );
    expect(error(() => parseMappingInvocation({ source: 'sqs', queu: {} }))).toMatch(
      /invocation\.queu: unknown option/,
    );
    expect(error(() => parseMappingInvocation({ source: 'sqs-fifo', queue: { fifo: false } }))).toMatch(
      /invocation\.queue\.fifo: contradicts the source \(sqs-fifo\)/,
    );
    expect(error(() => parseMappingInvocation({ source: 'carrier-pigeon' }))).toMatch(
      /^\[lambda-harness\] invocation\.source: expected one of "sqs", "sqs-fifo".*received "carrier-pigeon"$/,
    );
    expect(error(() => parseMappingInvocation('sqs'))).toMatch(/invocation: expected an object like/);
  });
});

describe('runMapping', () => {
  it('§4.2 runs one message per event entry and returns the ledger in input order', async () => {
    const { handler, batches } = recorder((_e, call) => {
      if (call === 0) throw new Error('once');
    });
    const parsed = parseMappingInvocation({ source: 'sqs', batchSize: 2, queue: { visibilityTimeout: 10 } });
    const ledger = await runMapping(parsed, handler, [{ body: 'a' }, { body: 'b' }, { body: 'c' }], { timeout: 1 });
    expect(batches).toEqual([['a', 'b'], ['c'], ['a', 'b']]);
    expect(ledger.events.map((e) => [e.index, e.outcome, e.attempts])).toEqual([
      [0, 'succeeded', 2],
      [1, 'succeeded', 2],
      [2, 'succeeded', 1],
    ]);
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 0, 10_000]);
  });

  it('§4.2 expands {"generate": "sqs"} entries into every record, FIFO groups included', async () => {
    const { handler, records } = recorder();
    const parsed = parseMappingInvocation({ source: 'sqs-fifo' });
    const ledger = await runMapping(parsed, handler, [
      { generate: 'sqs', records: 3, count: 2, seed: 5 },
      { body: 'x', messageGroupId: 'g' },
    ]);
    expect(ledger.events).toHaveLength(7);
    const all = records.flat();
    expect(all).toHaveLength(7);
    expect(all.every((r) => typeof r.attributes.MessageGroupId === 'string')).toBe(true);
  });

  it('§4.2 applies faults by message index and delivery', async () => {
    const parsed = parseMappingInvocation({ source: 'sqs', queue: { maxReceiveCount: 5 } });
    const ledger = await runMapping(parsed, async () => {}, [{ body: 'a' }], {
      faults: [{ event: 0, kind: 'error' }],
    });
    expect(ledger.events[0]?.outcome).toBe('redriven');
    expect(ledger.invocations).toHaveLength(5);
  });

  it('§4.2 names the entry of an invalid event', async () => {
    const parsed = parseMappingInvocation({ source: 'sqs' });
    await expect(runMapping(parsed, async () => {}, [{ body: { a: 1 } }])).rejects.toThrow(
      /^\[lambda-harness\] events\[0\]\.body: expected a string \(JSON bodies are strings\), received object$/,
    );
    await expect(runMapping(parsed, async () => {}, [{ generate: 'sns' }])).rejects.toThrow(
      /events\[0\]\.generate: this source reads "sqs" events, received "sns"/,
    );
    await expect(runMapping(parsed, async () => {}, [{ body: 'a', messageGroupId: 'g' }])).rejects.toThrow(
      /events\[0\]\.messageGroupId: applies to FIFO queues/,
    );
    await expect(
      runMapping(parsed, async () => {}, [{ body: 'a' }], { faults: [{ event: 1, kind: 'error' }] }),
    ).rejects.toThrow(/faults\[0\]\.event: expected integer 0–0, received 1/);
  });
});

// aws-behaviour §4.2 — the SQS poller, FIFO queues.
import { describe, expect, it } from 'vitest';
import type { SqsEvent } from '../../../generators/sqs/index.ts';
import { simulateSqs, sqsQueue } from '../../../src/harness/esm/sqs.ts';
import { validate } from '../../../src/registry.ts';
import { failing, RBIF, recorder } from './helpers.ts';

const fifo = (messages: [group: string, body: string][]) =>
  messages.map(([messageGroupId, body]) => ({ body, messageGroupId }));
const FIFO = { queue: { fifo: true } };

describe('FIFO queues', () => {
  it('§4.2 refuses a batching window on a FIFO queue at mapping creation, with the guide’s words', async () => {
    await expect(
      simulateSqs(async () => null, fifo([['g', 'a']]), { ...FIFO, maximumBatchingWindowInSeconds: 1 }),
    ).rejects.toThrow(
      '[lambda-harness] maximumBatchingWindowInSeconds: Batching window is not supported for FIFO queues, received 1',
    );
    const ok = await simulateSqs(async () => null, fifo([['g', 'a']]), { ...FIFO, maximumBatchingWindowInSeconds: 0 });
    expect(ok.events[0]?.outcome).toBe('succeeded');
  });

  it('§4.2 builds FIFO records: SequenceNumber increasing, MessageGroupId, MessageDeduplicationId', async () => {
    const { handler, records } = recorder();
    await simulateSqs(
      handler,
      [
        { body: 'a', messageGroupId: 'g1', messageDeduplicationId: 'd-1' },
        { body: 'b', messageGroupId: 'g2' },
      ],
      FIFO,
    );
    const batch = records[0]!;
    expect(validate('sqs', { Records: batch }).valid).toBe(true);
    expect(batch.map((r) => r.attributes.MessageGroupId)).toEqual(['g1', 'g2']);
    expect(batch[0]?.attributes.MessageDeduplicationId).toBe('d-1');
    expect(batch[1]?.attributes.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(BigInt(batch[1]!.attributes.SequenceNumber!)).toBeGreaterThan(BigInt(batch[0]!.attributes.SequenceNumber!));
    expect(batch[0]?.eventSourceARN).toMatch(/:my-queue\.fifo$/);
  });

  it('§4.2 requires a MessageGroupId and at most 10 messages per batch', async () => {
    const queue = sqsQueue({ fifo: true });
    expect(() => queue.send({ body: 'a' })).toThrow(/messages\[0\]\.messageGroupId: a FIFO queue requires/);
    await expect(queue.drain(async () => {}, { batchSize: 11, maximumBatchingWindowInSeconds: 5 })).rejects.toThrow(
      /batchSize: expected integer 1–10, received 11/,
    );
    expect(() => sqsQueue().send({ body: 'a', messageGroupId: 'g' })).toThrow(/applies to FIFO queues/);
  });

  it('§4.2 delivers in order per group and lets a batch mix groups', async () => {
    const { handler, batches } = recorder();
    await simulateSqs(
      handler,
      fifo([
        ['g1', 'a1'],
        ['g2', 'b1'],
        ['g1', 'a2'],
        ['g2', 'b2'],
      ]),
      FIFO,
    );
    expect(batches).toEqual([['a1', 'a2', 'b1', 'b2']]);
  });

  it('§4.2 blocks later messages of a failing group until it succeeds, while other groups proceed', async () => {
    let failedOnce = false;
    const { handler, batches } = recorder((event) => {
      if (!failedOnce && event.Records.some((r) => r.body === 'a1')) {
        failedOnce = true;
        throw new Error('a1 failed');
      }
    });
    const ledger = await simulateSqs(
      handler,
      fifo([
        ['g1', 'a1'],
        ['g1', 'a2'],
        ['g2', 'b1'],
        ['g2', 'b2'],
        ['g1', 'a3'],
      ]),
      { ...FIFO, batchSize: 2 },
    );
    expect(batches).toEqual([['a1', 'a2'], ['b1', 'b2'], ['a1', 'a2'], ['a3']]);
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 0, 30_000, 30_000]);
  });

  it('§4.2 lets one batch per group be in flight', async () => {
    const { handler, batches } = recorder();
    const ledger = await simulateSqs(
      handler,
      fifo([
        ['g1', 'a1'],
        ['g1', 'a2'],
        ['g1', 'a3'],
        ['g2', 'b1'],
      ]),
      { ...FIFO, batchSize: 1, invocationDurationMs: 500 },
    );
    expect(batches).toEqual([['a1'], ['b1'], ['a2'], ['a3']]);
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 0, 500, 1000]);
  });

  it('§4.2 unblocks the group when the failing message is redriven', async () => {
    const { handler, batches } = recorder((event) => {
      if (event.Records.some((r) => r.body === 'poison')) throw new Error('poison');
    });
    const ledger = await simulateSqs(
      handler,
      fifo([
        ['g', 'poison'],
        ['g', 'next'],
      ]),
      { queue: { fifo: true, maxReceiveCount: 5 }, batchSize: 1 },
    );
    expect(batches).toEqual([['poison'], ['poison'], ['poison'], ['poison'], ['poison'], ['next']]);
    expect(ledger.events.map((e) => e.outcome)).toEqual(['redriven', 'succeeded']);
  });

  it('§4.2 keeps order when the handler reports the first failure and every unprocessed message', async () => {
    const { handler, batches } = recorder((event: SqsEvent, call) => {
      if (call > 0) return {};
      const first = event.Records.findIndex((r) => r.body === 'a2');
      return { batchItemFailures: event.Records.slice(first).map((r) => ({ itemIdentifier: r.messageId })) };
    });
    const ledger = await simulateSqs(
      handler,
      fifo([
        ['g', 'a1'],
        ['g', 'a2'],
        ['g', 'a3'],
      ]),
      { ...FIFO, ...RBIF },
    );
    expect(batches).toEqual([
      ['a1', 'a2', 'a3'],
      ['a2', 'a3'],
    ]);
    expect(ledger.warnings).toEqual([]);
  });

  it('§4.2 deletes later messages the handler did not report, breaking group order, and warns', async () => {
    const { handler, batches } = recorder((event, call) => (call === 0 ? failing(event, (b) => b === 'a2') : {}));
    const ledger = await simulateSqs(
      handler,
      fifo([
        ['g', 'a1'],
        ['g', 'a2'],
        ['g', 'a3'],
      ]),
      { ...FIFO, ...RBIF },
    );
    expect(batches).toEqual([['a1', 'a2', 'a3'], ['a2']]);
    expect(ledger.events[2]?.reason).toBe(
      'deleted although earlier message 1 of group g was returned: order per MessageGroupId broken',
    );
    expect(ledger.warnings[0]).toMatch(
      /FIFO group g: the partial response returned message 1 but not the later message 2/,
    );
  });
});

describe('FIFO: no message is stranded', () => {
  const boomAll = async () => {
    throw new Error('boom');
  };
  const singles = (groups: number) =>
    Array.from({ length: groups }, (_, i) => ({ body: `m${i}`, messageGroupId: `g${i}` }));

  it('§4.2 redrives all 12 single-message groups when the first 10 settle at admission (batchSize 10)', async () => {
    const ledger = await simulateSqs(boomAll, singles(12), {
      queue: { fifo: true, maxReceiveCount: 5 },
      batchSize: 10,
    });
    expect(ledger.events.map((e) => e.outcome)).toEqual(Array(12).fill('redriven'));
    expect(ledger.deadLetters).toHaveLength(12);
  });

  it('§4.2 looks at the other groups when admission redrives the picked one (maxReceiveCount 1, batchSize 1)', async () => {
    const ledger = await simulateSqs(boomAll, singles(2), {
      queue: { fifo: true, maxReceiveCount: 1 },
      batchSize: 1,
    });
    expect(ledger.events.map((e) => e.outcome)).toEqual(['redriven', 'redriven']);
  });

  it('§4.2 delivers the other groups when a filter drops the picked group’s only message', async () => {
    const ledger = await simulateSqs(
      async () => null,
      [
        { body: '{"keep":false}', messageGroupId: 'a' },
        { body: '{"keep":true}', messageGroupId: 'b' },
      ],
      { queue: { fifo: true }, batchSize: 1, filterCriteria: { Filters: [{ Pattern: '{"body":{"keep":[true]}}' }] } },
    );
    expect(ledger.events.map((e) => e.outcome)).toEqual(['filtered', 'succeeded']);
  });

  it('§4.2 expires every group past the retention period, not only the picked ones', async () => {
    const ledger = await simulateSqs(boomAll, singles(3), {
      queue: { fifo: true, visibilityTimeout: 30, messageRetentionPeriod: 60 },
      batchSize: 1,
    });
    expect(ledger.events.map((e) => e.outcome)).toEqual(['expired', 'expired', 'expired']);
  });
});

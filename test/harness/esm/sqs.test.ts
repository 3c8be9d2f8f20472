// aws-behaviour §4.1, §4.2 — the SQS poller, standard queues.
import { describe, expect, it } from 'vitest';
import { sqsEvent } from '../../../generators/sqs/index.ts';
import { DEFAULT_NOW } from '../../../src/core/aws-values.ts';
import { simulateSqs, sqsQueue } from '../../../src/harness/esm/sqs.ts';
import { ScenarioError } from '../../../src/harness/errors.ts';
import { validate } from '../../../src/registry.ts';
import { failing, numbered, RBIF, recorder } from './helpers.ts';

const boom = async () => {
  throw new Error('boom');
};

describe('batching', () => {
  it('§4.2 batches by batchSize, default 10', async () => {
    const { handler, batches } = recorder();
    const ledger = await simulateSqs(handler, numbered(25));
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(ledger.invocations.map((i) => i.events)).toEqual([
      numbered(10).map(Number),
      numbered(10).map((n) => Number(n) + 10),
      [20, 21, 22, 23, 24],
    ]);
    expect(ledger.events.every((e) => e.outcome === 'succeeded' && e.attempts === 1)).toBe(true);
  });

  it('§4.2 rejects batchSize above 10 without a batching window of at least 1 s', async () => {
    await expect(sqsQueue().drain(boom, { batchSize: 11 })).rejects.toThrow(ScenarioError);
    await expect(sqsQueue().drain(boom, { batchSize: 11 })).rejects.toThrow(
      /maximumBatchingWindowInSeconds: batchSize 11 \(> 10\) requires maximumBatchingWindowInSeconds ≥ 1/,
    );
    await expect(sqsQueue().drain(boom, { batchSize: 10_001, maximumBatchingWindowInSeconds: 1 })).rejects.toThrow(
      /batchSize: expected integer 1–10000, received 10001/,
    );
  });

  it('§4.1 waits for the batching window when the batch is not full', async () => {
    const { handler, batches } = recorder();
    const queue = sqsQueue();
    queue.sendBatch(['a', 'b']);
    queue.send({ body: 'late', delaySeconds: 1 });
    queue.send({ body: 'too late', delaySeconds: 3 });
    const ledger = await queue.drain(handler, { batchSize: 100, maximumBatchingWindowInSeconds: 2 });
    expect(batches).toEqual([['a', 'b', 'late'], ['too late']]);
    expect(ledger.invocations.map((i) => i.at)).toEqual([2000, 5000]);
  });

  it('§4.1 flushes a full batch before the window elapses', async () => {
    const { handler } = recorder();
    const ledger = await simulateSqs(handler, numbered(30), { batchSize: 20, maximumBatchingWindowInSeconds: 10 });
    expect(ledger.invocations.map((i) => [i.at, i.events.length])).toEqual([
      [0, 20],
      [10_000, 10],
    ]);
  });

  it('§4.1 cuts a batch at 6 MB of payload', async () => {
    const { handler, batches } = recorder();
    const big = 'x'.repeat(1_000_000);
    const ledger = await simulateSqs(
      handler,
      Array.from({ length: 8 }, () => big),
    );
    expect(batches.map((b) => b.length)).toEqual([6, 2]);
    const sizes = ledger.invocations.map((i) => i.events.length);
    expect(sizes).toEqual([6, 2]);
  });

  it('§4.2 rejects a message larger than the queue maximum', () => {
    const queue = sqsQueue({ maximumMessageSize: 1024 });
    expect(() => queue.send('x'.repeat(1025))).toThrow(/messages\[0\]\.body: message is 1025 bytes/);
  });
});

describe('records', () => {
  it('§4.2 builds records with the sqs generator, valid against the contract', async () => {
    const { handler, records } = recorder();
    await simulateSqs(handler, [{ body: { orderId: 1 }, messageAttributes: { tenant: 'acme', priority: 3 } }]);
    const event = { Records: records[0] };
    expect(validate('sqs', event).valid).toBe(true);
    const r = records[0]?.[0];
    expect(r?.body).toBe('{"orderId":1}');
    expect(r?.messageAttributes.tenant).toMatchObject({ dataType: 'String', stringValue: 'acme' });
    expect(r?.messageAttributes.priority).toMatchObject({ dataType: 'Number', stringValue: '3' });
    expect(r?.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(r?.eventSourceARN).toBe('arn:aws:sqs:us-east-1:123456789012:my-queue');
  });

  it('§4.2 delivers exactly the record sqsEvent builds with the same per-record values', async () => {
    const { handler, records } = recorder();
    await simulateSqs(handler, [{ body: 'x', messageAttributes: { a: 'b', n: 1 } }, { body: { n: 1 } }]);
    for (const r of records[0] ?? []) {
      const { messageId, receiptHandle, body, attributes, messageAttributes, eventSourceARN, awsRegion } = r;
      const overrides = { messageId, receiptHandle, body, attributes, messageAttributes, eventSourceARN, awsRegion };
      expect(r).toEqual(sqsEvent({ Records: [overrides] }).Records[0]);
    }
  });

  it('§4.2 increments ApproximateReceiveCount and renews the receipt handle on each receive', async () => {
    const { handler, records } = recorder((_, call) => {
      if (call < 2) throw new Error('retry me');
    });
    await simulateSqs(handler, ['a'], { queue: { visibilityTimeout: 60 } });
    const seen = records.map((batch) => batch[0]!);
    expect(seen.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
    expect(new Set(seen.map((r) => r.receiptHandle)).size).toBe(3);
    expect(new Set(seen.map((r) => r.messageId)).size).toBe(1);
    expect(seen.map((r) => r.attributes.ApproximateFirstReceiveTimestamp)).toEqual([
      String(DEFAULT_NOW),
      String(DEFAULT_NOW),
      String(DEFAULT_NOW),
    ]);
    expect(Number(seen[0]?.attributes.SentTimestamp)).toBeLessThanOrEqual(
      Number(seen[0]?.attributes.ApproximateFirstReceiveTimestamp),
    );
  });

  it('§4.2 stamps the first receive at virtual time, after a delay', async () => {
    const { handler, records } = recorder();
    await simulateSqs(handler, [{ body: 'a', delaySeconds: 5 }]);
    expect(records[0]?.[0]?.attributes.ApproximateFirstReceiveTimestamp).toBe(String(DEFAULT_NOW + 5000));
    expect(records[0]?.[0]?.attributes.SentTimestamp).toBe(String(DEFAULT_NOW));
  });
});

describe('visibility and redrive', () => {
  it('§4.2 deletes a batch on success', async () => {
    const ledger = await simulateSqs(async () => ({}), ['a', 'b']);
    expect(ledger.events).toEqual([
      { index: 0, outcome: 'succeeded', attempts: 1 },
      { index: 1, outcome: 'succeeded', attempts: 1 },
    ]);
    expect(ledger.invocations).toHaveLength(1);
  });

  it('§4.2 returns the whole batch after the visibility timeout on error', async () => {
    const { handler } = recorder((_, call) => {
      if (call === 0) throw new Error('boom');
    });
    const ledger = await simulateSqs(handler, ['a', 'b'], { queue: { visibilityTimeout: 45 } });
    expect(ledger.invocations.map((i) => [i.at, i.status, i.events])).toEqual([
      [0, 'error', [0, 1]],
      [45_000, 'success', [0, 1]],
    ]);
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toEqual([
      ['succeeded', 2],
      ['succeeded', 2],
    ]);
  });

  it("§4.2 moves a message to the queue's DLQ after maxReceiveCount receives", async () => {
    const ledger = await simulateSqs(boom, [{ body: 'poison', messageAttributes: { a: 'b' } }], {
      queue: { maxReceiveCount: 5 },
    });
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 30_000, 60_000, 90_000, 120_000]);
    expect(ledger.events[0]).toEqual({
      index: 0,
      outcome: 'redriven',
      attempts: 5,
      reason: "moved to the queue's dead-letter queue after 5 receives (maxReceiveCount 5); last error: Error: boom",
    });
    expect(ledger.deadLetters).toEqual([
      {
        event: 0,
        target: 'sqs',
        message: {
          body: 'poison',
          messageAttributes: {
            a: { dataType: 'String', stringValue: 'b', stringListValues: [], binaryListValues: [] },
          },
        },
      },
    ]);
    expect(ledger.warnings).toEqual([]);
  });

  it('§3.3 rejects a function DLQ or destination on an SQS mapping (the queue redrive policy applies)', async () => {
    await expect(
      sqsQueue().drain(boom, { destinationConfig: { onFailure: { destination: 'arn:aws:sqs:us-east-1:1:dlq' } } }),
    ).rejects.toThrow(/destinationConfig: not supported for source "sqs": use the queue's redrive policy/);
  });

  it('§4.2 keeps retrying without a redrive policy until the retention period ends', async () => {
    const ledger = await simulateSqs(boom, ['a'], { queue: { messageRetentionPeriod: 120 } });
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 30_000, 60_000, 90_000]);
    expect(ledger.events[0]?.outcome).toBe('expired');
    expect(ledger.events[0]?.reason).toMatch(/MessageRetentionPeriod \(120 s\) elapsed after 4 receives/);
  });

  it('§4.2 leaves unfinished messages in flight when the simulation stops', async () => {
    const ledger = await simulateSqs(boom, ['a'], { until: 45_000 });
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'in-flight', attempts: 2 });
    expect(ledger.end).toBe(45_000);
  });

  it('§4.2 refuses a function timeout above the visibility timeout at mapping creation, with AWS’s message', async () => {
    await expect(
      simulateSqs(boom, ['a'], { timeout: 40, queue: { visibilityTimeout: 30, maxReceiveCount: 5 } }),
    ).rejects.toThrow(
      '[lambda-harness] queue.visibilityTimeout: Invalid request provided: Queue visibility timeout: 30 seconds is less than Function timeout: 40 seconds',
    );
    const ledger = await simulateSqs(boom, ['a'], {
      timeout: 30,
      queue: { visibilityTimeout: 30, maxReceiveCount: 5 },
    });
    expect(ledger.invocations[1]?.at).toBe(30_000);
  });

  it('§4.2 warns when the visibility timeout is under 6 × the function timeout', async () => {
    const ledger = await simulateSqs(async () => {}, ['a'], { timeout: 10 });
    expect(ledger.warnings).toEqual([
      'queue.visibilityTimeout (30 s) is less than 6 × the function timeout (10 s), as AWS recommends (aws-behaviour §4.2)',
    ]);
    expect((await simulateSqs(async () => {}, ['a'], { timeout: 5 })).warnings).toEqual([]);
  });
});

describe('partial batch responses', () => {
  it('§4.2 returns only the reported messages to the queue', async () => {
    const { handler, batches } = recorder((event, call) => (call === 0 ? failing(event, (b) => b === '1') : {}));
    const ledger = await simulateSqs(handler, numbered(3), RBIF);
    expect(batches).toEqual([['0', '1', '2'], ['1']]);
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toEqual([
      ['succeeded', 1],
      ['succeeded', 2],
      ['succeeded', 1],
    ]);
  });

  it.each([
    ['an empty list', { batchItemFailures: [] }],
    ['a null list', { batchItemFailures: null }],
    ['an empty object', {}],
    ['null', null],
    ['no response', undefined],
  ])('§4.2 treats %s as full success', async (_, response) => {
    const ledger = await simulateSqs(async () => response, ['a', 'b'], RBIF);
    expect(ledger.invocations).toHaveLength(1);
    expect(ledger.events.every((e) => e.outcome === 'succeeded')).toBe(true);
  });

  it.each([
    ['an empty itemIdentifier', [{ itemIdentifier: '' }], 'batchItemFailures[0].itemIdentifier is ""'],
    ['a null itemIdentifier', [{ itemIdentifier: null }], 'batchItemFailures[0].itemIdentifier is null'],
    ['a wrong key', [{ itemIdentifer: 'x' }], 'batchItemFailures[0] has no "itemIdentifier" (found "itemIdentifer")'],
    ['an unknown messageId', [{ itemIdentifier: 'nope' }], 'itemIdentifier "nope" is not an item of the batch'],
  ])('§4.2 fails the whole batch on %s', async (_, list, reason) => {
    const { handler } = recorder((_e, call) => (call === 0 ? { batchItemFailures: list } : {}));
    const ledger = await simulateSqs(handler, ['a', 'b'], RBIF);
    expect(ledger.invocations.map((i) => [i.at, i.events])).toEqual([
      [0, [0, 1]],
      [30_000, [0, 1]],
    ]);
    expect(ledger.warnings.join('\n')).toContain(reason);
  });

  it('§4.2 fails the whole batch when the response is not a JSON object (a string, even of JSON)', async () => {
    const { handler } = recorder((_e, call) => (call === 0 ? JSON.stringify({ batchItemFailures: [] }) : null));
    const ledger = await simulateSqs(handler, ['a'], RBIF);
    expect(ledger.invocations).toHaveLength(2);
    expect(ledger.warnings[0]).toMatch(/the response is a string, not a \{"batchItemFailures": \[…\]\} object/);
  });

  it.each([
    ['an empty string', ''],
    ['an empty array', []],
  ])('§4.2 reads %s response as success and deletes the batch', async (_name, response) => {
    const ledger = await simulateSqs(async () => response, ['a', 'b'], RBIF);
    expect(ledger.invocations).toHaveLength(1);
    expect(ledger.events.map((e) => e.outcome)).toEqual(['succeeded', 'succeeded']);
    expect(ledger.warnings).toEqual([]);
  });

  it('§4.2 ignores batchItemFailures without ReportBatchItemFailures, deletes everything, and says so', async () => {
    const ledger = await simulateSqs(async (event) => failing(event, (b) => b === 'b'), ['a', 'b']);
    expect(ledger.invocations).toHaveLength(1);
    expect(ledger.events).toEqual([
      { index: 0, outcome: 'succeeded', attempts: 1 },
      {
        index: 1,
        outcome: 'succeeded',
        attempts: 1,
        reason: 'partial failure ignored: ReportBatchItemFailures not enabled',
      },
    ]);
    expect(ledger.warnings).toEqual([
      'the handler returned batchItemFailures but functionResponseTypes does not include "ReportBatchItemFailures": ' +
        'AWS ignores the list and deletes every message of the batch (aws-behaviour §4.1, §4.2)',
    ]);
  });

  it('§4.1 rejects functionResponseTypes other than ReportBatchItemFailures', async () => {
    await expect(sqsQueue().drain(boom, { functionResponseTypes: ['Nope' as never] })).rejects.toThrow(
      /functionResponseTypes: expected \[\] or \["ReportBatchItemFailures"\]/,
    );
  });
});

describe('faults, scaling and duplicates', () => {
  it('§4.2 retries a throttled batch with backoff until the visibility timeout, then receives it again', async () => {
    const { handler, records } = recorder();
    const ledger = await simulateSqs(handler, ['a'], { faults: [{ event: 0, attempt: 1, kind: 'throttle' }] });
    expect(ledger.invocations.map((i) => [i.at, i.status])).toEqual([
      [0, 'throttled'],
      [1000, 'throttled'],
      [3000, 'throttled'],
      [7000, 'throttled'],
      [15_000, 'throttled'],
      [30_000, 'success'],
    ]);
    expect(records[0]?.[0]?.attributes.ApproximateReceiveCount).toBe('2');
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'succeeded', attempts: 1 });
  });

  it('§4.2 treats an injected timeout as a function error: the batch returns after the visibility timeout', async () => {
    const ledger = await simulateSqs(async () => {}, ['a', 'b'], {
      faults: [{ event: 1, attempt: 1, kind: 'timeout' }],
    });
    expect(ledger.invocations.map((i) => [i.at, i.status])).toEqual([
      [0, 'timeout'],
      [30_000, 'success'],
    ]);
  });

  it('§4.1 delivers a batch twice with a duplicate fault (at-least-once), the first result counting', async () => {
    const { handler, batches } = recorder();
    const ledger = await simulateSqs(handler, ['a'], { faults: [{ event: 0, kind: 'duplicate' }] });
    expect(batches).toEqual([['a'], ['a']]);
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'succeeded', attempts: 2 });
  });

  it('§4.1 duplicates batches at a seeded rate', async () => {
    const run = () => simulateSqs(async () => {}, numbered(100), { duplicateRate: 0.3, seed: 9 });
    const [a, b] = [await run(), await run()];
    expect(a.invocations.length).toBeGreaterThan(10);
    expect(a.invocations.length).toBeLessThan(20);
    expect(b.invocations.map((i) => i.events)).toEqual(a.invocations.map((i) => i.events));
  });

  it('§4.2 caps concurrent batches at scalingConfig.maximumConcurrency', async () => {
    const ledger = await simulateSqs(async () => {}, numbered(50), {
      scalingConfig: { maximumConcurrency: 2 },
      invocationDurationMs: 1000,
    });
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 0, 1000, 1000, 2000]);
  });

  it('§4.2 starts with 5 concurrent batches', async () => {
    const ledger = await simulateSqs(async () => {}, numbered(70), { invocationDurationMs: 1000 });
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 0, 0, 0, 0, 1000, 1000]);
  });

  it('§4.2 rejects maximumConcurrency outside 2–1000', async () => {
    await expect(sqsQueue().drain(boom, { scalingConfig: { maximumConcurrency: 1 } })).rejects.toThrow(
      /scalingConfig\.maximumConcurrency: expected integer 2–1000, received 1/,
    );
  });
});

describe('options', () => {
  it('§4.1 rejects unknown drain options and queue options given to drain', async () => {
    await expect(sqsQueue().drain(boom, { batchsize: 5 } as never)).rejects.toThrow(
      /^\[lambda-harness\] batchsize: unknown option; known: batchSize/,
    );
    await expect(sqsQueue().drain(boom, { queue: {} } as never)).rejects.toThrow(
      /queue: queue options belong to sqsQueue\(options\)/,
    );
  });

  it('§4.2 validates queue options', () => {
    expect(() => sqsQueue({ visibilityTimeout: 43_201 })).toThrow(/queue\.visibilityTimeout: expected integer 0–43200/);
    expect(() => sqsQueue({ maxReceiveCount: 0 })).toThrow(/queue\.maxReceiveCount: expected integer 1–1000/);
    expect(() => sqsQueue({ fifo: true, name: 'orders' })).toThrow(/queue\.name: a FIFO queue name ends in \.fifo/);
    expect(sqsQueue({ fifo: true }).name).toBe('my-queue.fifo');
  });
});

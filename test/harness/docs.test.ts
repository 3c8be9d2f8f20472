import { readFileSync } from 'node:fs';
import type { Callback, Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { invokeAsync } from '../../src/harness/async-queue.ts';
import { invoke } from '../../src/harness/invoke.ts';
import { simulate } from '../../src/harness/simulate.ts';
import { sqsEvent } from '../../src/index.ts';

// Each test body below is a ```ts block of docs/harness.md, verbatim; the last test checks they have not drifted.
describe('docs/harness.md examples', () => {
  it('synchronous invoke', async () => {
    const handler = async (event: SQSEvent) => ({ received: event.Records.length });
    const result = await invoke(handler, sqsEvent(), { timeout: 1 });
    expect(result.status).toBe('success');
    expect(result.response).toEqual({ received: 1 });
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('timeouts are raced', async () => {
    const hung = await invoke(() => new Promise(() => {}), {}, { timeout: 0.05, requestId: 'r-1' });
    expect(hung.status).toBe('timeout');
    expect(hung.error).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: r-1 Error: Task timed out after 0.05 seconds',
    });
  });

  it('errors and callbacks', async () => {
    const failed = await invoke(async () => {
      throw new TypeError('bad input');
    }, {});
    expect(failed.functionError).toBe('Unhandled');
    expect(failed.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });

    const legacy = await invoke((_event: unknown, _context: Context, callback: Callback) => callback(null, 'done'), {});
    expect(legacy.response).toBe('done');
  });

  it('runtime profiles and the execution environment', async () => {
    let invocations = 0;
    const counting = async () => ++invocations;
    const first = await invoke(counting, {});
    const second = await invoke(counting, {});
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);

    const exited = await invoke(() => process.exit(1), {}, { requestId: 'r-2' });
    expect(exited.error).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'RequestId: r-2 Error: Runtime exited with error: exit status 1',
    });
  });

  it('managed instances concurrency', async () => {
    let current: number | undefined;
    const racy = async (event: { id: number }) => {
      current = event.id;
      await new Promise((r) => setTimeout(r, 5));
      return current;
    };
    const ledger = await simulate({
      handler: racy,
      function: { concurrency: { perEnvironment: 2 } },
      events: [{ id: 1 }, { id: 2 }],
    });
    expect(ledger.invocations.map((i) => i.response)).toEqual([2, 2]);
  });

  it('the async queue', async () => {
    const failing = async () => {
      throw new Error('downstream unavailable');
    };
    const ledger = await invokeAsync(failing, [sqsEvent()], { deadLetterQueue: { type: 'sqs' } });
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 60_000, 180_000]);
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'dead-lettered', attempts: 3, reason: 'RetriesExhausted' });
    expect(ledger.deadLetters[0]?.message.body).toBe(JSON.stringify(sqsEvent()));
  });

  it('destinations', async () => {
    const ok = await invokeAsync(async () => 'stored', [{ id: 1 }], {
      destinations: { onSuccess: { type: 'lambda' } },
    });
    expect(ok.destinations[0]?.record).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'Success', approximateInvokeCount: 1 },
      requestPayload: { id: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: 'stored',
    });
  });

  it('scenarios and the ledger', async () => {
    const run = await simulate({
      handler: async (event: { fail?: boolean }) => {
        if (event.fail) throw new Error('no');
        return 'yes';
      },
      function: { name: 'orders', maximumRetryAttempts: 1, destinations: { onFailure: { type: 'sqs' } } },
      invocation: 'async',
      events: [{ fail: false }, { fail: true }],
      faults: [{ event: 0, attempt: 1, kind: 'throttle' }],
      seed: 7,
    });
    expect(run.events.map((e) => e.outcome)).toEqual(['succeeded', 'dead-lettered']);
    expect(run.invocations.map((i) => [i.at, i.events[0], i.status])).toEqual([
      [0, 0, 'throttled'],
      [0, 1, 'error'],
      [1_000, 0, 'success'],
      [60_000, 1, 'error'],
    ]);
  });

  it('every ts block of the page is one of the examples above', () => {
    const squash = (s: string) => s.replace(/[\s,]+/g, '');
    const doc = readFileSync(new URL('../../docs/harness.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const source = squash(readFileSync(new URL(import.meta.url), 'utf8'));
    expect(blocks.length).toBe(8);
    for (const block of blocks) expect(source).toContain(squash(block));
  });
});

import { describe, expect, it } from 'vitest';
import { fc } from '../../src/arbitraries.ts';
import { VerifyFailureError, VerifyUsageError, verify } from '../../src/index.ts';
import type { SQSEvent, KinesisStreamEvent, APIGatewayProxyEvent } from 'aws-lambda';

/** An order store: counts orders per id; a correct consumer records each order once. */
function orderStore() {
  const orders = new Map<string, number>();
  return {
    reset: () => orders.clear(),
    observe: () => Object.fromEntries([...orders].sort()),
    add: (id: string) => orders.set(id, (orders.get(id) ?? 0) + 1),
    has: (id: string) => orders.has(id),
  };
}

const orderBody = fc.record({ orderId: fc.constantFrom('o-1', 'o-2', 'o-3') });

describe('verify', () => {
  it('finds a non-idempotent SQS consumer, with a shrunk counterexample and a replayable seed', async () => {
    const store = orderStore();
    const report = await verify({
      handler: async (event: SQSEvent) => {
        for (const record of event.Records) store.add(JSON.parse(record.body).orderId);
      },
      source: 'sqs',
      payload: orderBody,
      reset: store.reset,
      observe: store.observe,
      properties: { idempotent: true },
      runs: 100,
      seed: 7,
      throwOnFailure: false,
    });
    expect(report.ok).toBe(false);
    expect(report.failure?.property).toBe('idempotent');
    expect(report.failure?.events).toHaveLength(1);
    expect(report.failure?.schedule).toHaveLength(1);
    expect(report.failure?.replay.seed).toBe(7);
    // The same seed and path replay the same counterexample.
    const again = await verify({
      handler: async (event: SQSEvent) => {
        for (const record of event.Records) store.add(JSON.parse(record.body).orderId);
      },
      source: 'sqs',
      payload: orderBody,
      reset: store.reset,
      observe: store.observe,
      properties: { idempotent: true },
      seed: report.failure?.replay.seed as number,
      path: report.failure?.replay.path as string,
      throwOnFailure: false,
    });
    expect(again.failure?.events).toStrictEqual(report.failure?.events);
  });

  it('passes 200 runs for the idempotent version of that consumer', async () => {
    const store = orderStore();
    const seen = new Set<string>();
    const report = await verify({
      handler: async (event: SQSEvent) => {
        for (const record of event.Records) {
          if (seen.has(record.messageId)) continue;
          seen.add(record.messageId);
          store.add(JSON.parse(record.body).orderId);
        }
      },
      source: 'sqs',
      payload: orderBody,
      reset: () => {
        store.reset();
        seen.clear();
      },
      observe: store.observe,
      properties: { idempotent: true },
      runs: 200,
    });
    expect(report).toMatchObject({ ok: true, runs: 200 });
  });

  it('finds a REST handler whose proxy result is malformed for some paths, and throws it as an assertion', async () => {
    const handler = async (event: APIGatewayProxyEvent) =>
      event.path.includes('a') ? { statusCode: 200, body: { path: event.path } } : { statusCode: 200, body: 'ok' };
    const failure = await verify({ handler, source: 'api-gateway-rest', runs: 100 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(VerifyFailureError);
    const { report } = failure as VerifyFailureError;
    expect(report.failure?.property).toBe('the response satisfies the response contract');
    expect(report.failure?.message).toMatch(/^body: /);
    expect((failure as Error).message).toMatch(/property "the response satisfies the response contract" failed/);
    expect((failure as Error).message).toMatch(/replay: verify\(\{ \.\.\., seed: 42, path: "/);
    const fixed = async (event: APIGatewayProxyEvent) => ({
      statusCode: 200,
      body: JSON.stringify({ path: event.path }),
    });
    expect(await verify({ handler: fixed, source: 'api-gateway-rest', runs: 200 })).toMatchObject({ ok: true });
  });

  it('finds a Kinesis consumer that is not idempotent under checkpoint re-reads', async () => {
    const store = orderStore();
    const consume = (dedupe: Set<string> | undefined) => async (event: KinesisStreamEvent) => {
      for (const record of event.Records) {
        const key = record.kinesis.sequenceNumber;
        if (dedupe?.has(key)) continue;
        dedupe?.add(key);
        store.add(JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString()).orderId);
      }
      return { batchItemFailures: [] };
    };
    const options = {
      source: 'kinesis-stream',
      payload: orderBody,
      mapping: { functionResponseTypes: ['ReportBatchItemFailures'] },
      observe: store.observe,
      properties: { idempotent: true },
      throwOnFailure: false,
    };
    const broken = await verify({ ...options, handler: consume(undefined), reset: store.reset, runs: 100 });
    expect(broken.failure?.property).toBe('idempotent');
    const seen = new Set<string>();
    const reset = () => {
      store.reset();
      seen.clear();
    };
    expect(await verify({ ...options, handler: consume(seen), reset, runs: 200 })).toMatchObject({ ok: true });
  });

  it('reports a handler that exits the runtime', async () => {
    const report = await verify({
      handler: async () => {
        process.exit(3);
      },
      source: 'eventbridge',
      runs: 5,
      throwOnFailure: false,
    });
    expect(report.failure?.property).toBe('no runtime exit');
  });

  it('runs custom properties over the ledger', async () => {
    const report = await verify({
      handler: async () => 'done',
      source: 'scheduled',
      properties: {
        custom: [
          (run) => {
            if (run.ledger.invocations.length > 1) throw new Error('invoked more than once');
          },
        ],
      },
      maxEvents: 1,
      runs: 30,
      throwOnFailure: false,
    });
    expect(report.failure?.property).toBe('custom[0]');
    expect(report.failure?.schedule.length).toBeGreaterThan(0);
  });

  const noop = async (): Promise<null> => null;
  it.each([
    [{ handler: noop, source: 'nope' }, /unknown event type "nope"/],
    [{ handler: noop, source: 'sqs', variant: 'x' }, /verify: variant: unknown variant "x"/],
    [{ handler: noop, source: 'sqs', properties: { idempotent: true } }, /give observe/],
    [{ handler: noop, source: 'msk', invocation: 'poll' as const }, /msk is not simulated yet/],
    [{ handler: 42 as never, source: 'sqs' }, /expected a function or/],
  ])('refuses bad options with one clear error (%#)', async (options, message) => {
    await expect(verify(options)).rejects.toThrow(message);
  });

  it('gives different shards different seeds', async () => {
    const run = (index: number) =>
      verify({ handler: async () => null, source: 'sns', runs: 1, shard: { index, count: 3 } });
    const seeds = new Set([(await run(0)).seed, (await run(1)).seed, (await run(2)).seed]);
    expect(seeds.size).toBe(3);
    await expect(verify({ handler: async () => null, source: 'sns', runs: 0 })).rejects.toBeInstanceOf(
      VerifyUsageError,
    );
  });
});

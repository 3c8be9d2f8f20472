// aws-behaviour §4.1 — the event source mapping core: configuration, batching, partial responses, registry.
import { describe, expect, it } from 'vitest';
import {
  BATCH_PAYLOAD_LIMIT,
  MappingRun,
  parseBatchItemFailures,
  prepareMapping,
  registerSource,
  registeredSources,
  sourceRunner,
  takeBatch,
  windowDue,
} from '../../../src/harness/esm/core.ts';

const error = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('prepareMapping', () => {
  it('§4.1 resolves per-source defaults', () => {
    expect(prepareMapping('sqs')).toMatchObject({ batchSize: 10, windowMs: 0, reportBatchItemFailures: false });
    expect(prepareMapping('kinesis')).toMatchObject({
      batchSize: 100,
      windowMs: 0,
      maximumRetryAttempts: -1,
      maximumRecordAgeMs: -1,
      parallelizationFactor: 1,
    });
    expect(prepareMapping('msk').windowMs).toBe(500);
    expect(prepareMapping('mq').windowMs).toBe(500);
    expect(prepareMapping('documentdb').batchSize).toBe(100);
  });

  it('§4.1 names the field of an out-of-range value', () => {
    expect(error(() => prepareMapping('sqs', { maximumBatchingWindowInSeconds: 301 }))).toBe(
      '[lambda-harness] invocation.maximumBatchingWindowInSeconds: expected number 0–300, received 301',
    );
    expect(error(() => prepareMapping('kinesis', { parallelizationFactor: 11 }))).toMatch(
      /invocation\.parallelizationFactor: expected integer 1–10, received 11/,
    );
    expect(error(() => prepareMapping('kinesis', { maximumRetryAttempts: 10_001 }))).toMatch(
      /maximumRetryAttempts: expected integer -1–10000, received 10001/,
    );
    expect(error(() => prepareMapping('kinesis', { tumblingWindowInSeconds: 901 }))).toMatch(/0–900/);
    expect(error(() => prepareMapping('msk', { maximumRecordAgeInSeconds: 30 }))).toMatch(/expected integer 60–604800/);
    expect(prepareMapping('msk', { maximumRecordAgeInSeconds: -1 }).maximumRecordAgeMs).toBe(-1);
  });

  it('§4.1 rejects options the source does not have, and unknown keys', () => {
    expect(error(() => prepareMapping('sqs', { parallelizationFactor: 2 }))).toBe(
      '[lambda-harness] invocation.parallelizationFactor: not supported for source "sqs"',
    );
    expect(error(() => prepareMapping('mq', { functionResponseTypes: ['ReportBatchItemFailures'] }))).toMatch(
      /not supported for source "mq"/,
    );
    expect(error(() => prepareMapping('sqs', { batchsize: 2 }))).toMatch(
      /invocation\.batchsize: unknown option; known: batchSize/,
    );
    expect(prepareMapping('sqs', { queue: {} }, { allow: ['queue'] }).batchSize).toBe(10);
  });

  it('§4.1 rejects an OnSuccess destination and infers OnFailure types from ARNs', () => {
    expect(error(() => prepareMapping('kinesis', { destinationConfig: { onSuccess: { type: 'sqs' } } }))).toMatch(
      /destinationConfig\.onSuccess: OnSuccess is not supported on event source mappings/,
    );
    expect(
      prepareMapping('kinesis', {
        destinationConfig: { onFailure: { destination: 'arn:aws:sns:us-east-1:123456789012:t' } },
      }).onFailure,
    ).toEqual({ type: 'sns', arn: 'arn:aws:sns:us-east-1:123456789012:t' });
    expect(prepareMapping('msk', { destinationConfig: { onFailure: { type: 'kafka' } } }).onFailure).toEqual({
      type: 'kafka',
    });
    expect(error(() => prepareMapping('kinesis', { destinationConfig: { onFailure: { type: 'kafka' } } }))).toMatch(
      /onFailure\.type: expected one of "sqs", "sns", "s3"/,
    );
  });

  it('§4.6 compiles filterCriteria with the mapping field in errors', () => {
    expect(
      prepareMapping('sqs', { filterCriteria: { Filters: [{ Pattern: '{"body":["x"]}' }] } }).filter,
    ).toBeDefined();
    expect(error(() => prepareMapping('sqs', { filterCriteria: { Filters: [{ Pattern: 'nope' }] } }))).toMatch(
      /^\[lambda-harness\] invocation\.filterCriteria\.Filters\[0\]\.Pattern: invalid JSON/,
    );
  });
});

describe('batch collector', () => {
  const sizes = (list: number[], batchSize: number, maxBytes?: number) =>
    takeBatch(list, (n) => n, maxBytes === undefined ? { batchSize } : { batchSize, maxBytes });

  it('§4.1 stops at batchSize', () => {
    expect(sizes([1, 1, 1], 2)).toEqual({ count: 2, bytes: 14 + 1 + 2, full: 'batchSize', oversized: false });
  });

  it('§4.1 stops before the 6 MB payload cap, counting separators and the envelope', () => {
    const mb = 1024 * 1024;
    expect(sizes([3 * mb, 3 * mb - 14], 10)).toMatchObject({ count: 1, full: 'payload' });
    expect(sizes([3 * mb, 3 * mb - 15], 10)).toMatchObject({ count: 2, bytes: BATCH_PAYLOAD_LIMIT, full: false });
    expect(sizes([7 * mb], 10)).toMatchObject({ count: 0, oversized: true });
  });

  it('§4.1 lets a batch that is not full leave only when the window elapses', () => {
    const pick = sizes([1], 10);
    expect(windowDue(pick, 1000, 2000, 2999)).toBe(false);
    expect(windowDue(pick, 1000, 2000, 3000)).toBe(true);
    expect(windowDue(pick, 1000, 0, 1000)).toBe(true);
    expect(windowDue(sizes([1, 1], 2), 1000, 2000, 1000)).toBe(true);
  });
});

describe('parseBatchItemFailures', () => {
  const ids = new Map([
    ['a', 0],
    ['b', 1],
    ['c', 2],
  ]);

  it('§4.2 returns the reported positions, sorted and without duplicates', () => {
    expect(
      parseBatchItemFailures(
        { batchItemFailures: [{ itemIdentifier: 'c' }, { itemIdentifier: 'a' }, { itemIdentifier: 'c' }] },
        ids,
      ),
    ).toEqual({ kind: 'partial', failed: [0, 2] });
  });

  it('§4.2 reads an empty or null response or list, "" and [] as success', () => {
    for (const response of [null, undefined, '', [], {}, { batchItemFailures: null }, { batchItemFailures: [] }]) {
      expect(parseBatchItemFailures(response, ids)).toEqual({ kind: 'success' });
    }
  });

  it('§4.2 reads malformed responses as a whole-batch failure', () => {
    const reason = (response: unknown) => {
      const parsed = parseBatchItemFailures(response, ids);
      return parsed.kind === 'invalid' ? parsed.reason : parsed.kind;
    };
    expect(reason('{"batchItemFailures":[]}')).toBe(
      'the response is a string, not a {"batchItemFailures": […]} object',
    );
    expect(reason([{ itemIdentifier: 'a' }])).toBe('the response is array, not a {"batchItemFailures": […]} object');
    expect(reason('x')).toBe('the response is a string, not a {"batchItemFailures": […]} object');
    expect(reason({ batchItemFailures: 'a' })).toBe('batchItemFailures is "a", not an array');
    expect(reason({ batchItemFailures: [null] })).toBe('batchItemFailures[0] has no "itemIdentifier" (found null)');
    expect(reason({ batchItemFailures: [{ id: 'a' }] })).toBe(
      'batchItemFailures[0] has no "itemIdentifier" (found "id")',
    );
    expect(reason({ batchItemFailures: [{ itemIdentifier: '' }] })).toBe('batchItemFailures[0].itemIdentifier is ""');
    expect(reason({ batchItemFailures: [{ itemIdentifier: 7 }] })).toBe(
      'batchItemFailures[0].itemIdentifier 7 is not an item of the batch',
    );
  });
});

describe('registry and run state', () => {
  it('§4 dispatches on registered source names and lists them on an unknown one', async () => {
    registerSource('test-source', {
      parse: (value) => ({ source: 'test-source', n: value.n as number }),
      run: async (parsed) => ({
        events: [],
        invocations: [],
        deadLetters: [],
        destinations: [],
        end: (parsed as unknown as { n: number }).n,
        warnings: [],
      }),
    });
    expect(registeredSources()).toContain('test-source');
    const runner = sourceRunner('test-source', 'invocation.source');
    expect((await runner.run(runner.parse({ n: 3 }, 'invocation'), async () => {}, [], {})).end).toBe(3);
    expect(error(() => sourceRunner('nope', 'invocation.source'))).toMatch(
      /^\[lambda-harness\] invocation\.source: expected one of .*"test-source".*, received "nope"$/,
    );
  });

  it('§4 records a batch invocation with its indices and applies faults per delivery', async () => {
    const run = new MappingRun(async () => 'ok', { faults: [{ event: 1, attempt: 2, kind: 'error' }] }, 2);
    const first = await run.invokeBatch({ Records: [] }, [0, 1], () => 1);
    const second = await run.invokeBatch({ Records: [] }, [0, 1], () => 2);
    expect([first.result.status, second.result.status]).toEqual(['success', 'error']);
    run.ledger.settle(0, 'succeeded');
    run.warn('w');
    run.warn('w');
    const ledger = await run.finish();
    expect(ledger.invocations.map((i) => i.events)).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toEqual([
      ['succeeded', 2],
      ['in-flight', 2],
    ]);
    expect(ledger.warnings).toEqual(['w']);
  });

  it('§4 validates faults against the number of records', () => {
    expect(error(() => new MappingRun(async () => {}, { faults: [{ event: 3, kind: 'error' }] }, 2))).toMatch(
      /faults\[0\]\.event: expected integer 0–1, received 3/,
    );
  });
});

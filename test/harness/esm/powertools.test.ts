// aws-behaviour §4.2 — handlers written with @aws-lambda-powertools/batch run unchanged under the SQS simulator.
import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  processPartialResponseSync,
  SqsFifoPartialProcessor,
} from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSHandler, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { simulateSqs } from '../../../src/harness/esm/sqs.ts';
import { RBIF } from './helpers.ts';

/** The handler from the Powertools docs: each record fails when its body says so. */
function powertoolsHandler(seen: string[], options?: { throwOnFullBatchFailure?: boolean }): SQSHandler {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord) => {
    seen.push(record.body);
    if (record.body.startsWith('bad')) throw new Error(`cannot process ${record.body}`);
  };
  return async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, recordHandler, processor, { context, ...options });
}

describe('BatchProcessor with processPartialResponse', () => {
  it('§4.2 retries only the records the processor reports', async () => {
    const seen: string[] = [];
    const ledger = await simulateSqs(powertoolsHandler(seen), ['ok-1', 'bad-1', 'ok-2'], {
      ...RBIF,
      queue: { maxReceiveCount: 3 },
    });
    expect(seen).toEqual(['ok-1', 'bad-1', 'ok-2', 'bad-1', 'bad-1']);
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toEqual([
      ['succeeded', 1],
      ['redriven', 3],
      ['succeeded', 1],
    ]);
    expect(ledger.invocations[0]?.response).toEqual({
      batchItemFailures: [{ itemIdentifier: expect.stringMatching(/^[0-9a-f-]{36}$/) }],
    });
  });

  it('§4.2 retries the whole batch when every record fails (FullBatchFailureError)', async () => {
    const seen: string[] = [];
    const ledger = await simulateSqs(powertoolsHandler(seen), ['bad-1', 'bad-2'], {
      ...RBIF,
      queue: { maxReceiveCount: 5 },
    });
    expect(ledger.invocations[0]?.status).toBe('error');
    expect(ledger.invocations[0]?.error?.errorType).toBe('FullBatchFailureError');
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 30_000, 60_000, 90_000, 120_000]);
    expect(ledger.events.map((e) => e.outcome)).toEqual(['redriven', 'redriven']);
    expect(ledger.events[0]?.reason).toMatch(/last error: FullBatchFailureError: All records failed processing/);
  });

  it('§4.2 reports every record instead with throwOnFullBatchFailure: false, with the same outcome', async () => {
    const seen: string[] = [];
    const ledger = await simulateSqs(powertoolsHandler(seen, { throwOnFullBatchFailure: false }), ['bad-1', 'bad-2'], {
      ...RBIF,
      queue: { maxReceiveCount: 5 },
    });
    expect(ledger.invocations[0]?.status).toBe('success');
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toEqual([
      ['redriven', 5],
      ['redriven', 5],
    ]);
  });

  it('§4.2 loses the failed records when ReportBatchItemFailures is not enabled, and warns', async () => {
    const seen: string[] = [];
    const ledger = await simulateSqs(powertoolsHandler(seen), ['ok-1', 'bad-1']);
    expect(seen).toEqual(['ok-1', 'bad-1']);
    expect(ledger.events[1]).toEqual({
      index: 1,
      outcome: 'succeeded',
      attempts: 1,
      reason: 'partial failure ignored: ReportBatchItemFailures not enabled',
    });
    expect(ledger.warnings).toHaveLength(1);
  });
});

describe('SqsFifoPartialProcessor', () => {
  const fifoHandler = (seen: string[], failOnce: Set<string>, skipGroupOnError = false): SQSHandler => {
    const processor = new SqsFifoPartialProcessor();
    const recordHandler = (record: SQSRecord) => {
      seen.push(record.body);
      if (failOnce.delete(record.body)) throw new Error(`transient failure of ${record.body}`);
    };
    return async (event: SQSEvent, context: Context) =>
      processPartialResponseSync(event, recordHandler, processor, { context, skipGroupOnError });
  };
  const messages = [
    { body: 'a1', messageGroupId: 'a' },
    { body: 'b1', messageGroupId: 'b' },
    { body: 'a2', messageGroupId: 'a' },
    { body: 'b2', messageGroupId: 'b' },
    { body: 'a3', messageGroupId: 'a' },
  ];

  it('§4.2 short-circuits at the first failure and keeps group order', async () => {
    const seen: string[] = [];
    const ledger = await simulateSqs(fifoHandler(seen, new Set(['a2'])), messages, {
      ...RBIF,
      queue: { fifo: true },
    });
    // The batch is a1 a2 a3 b1 b2 (groups filled in turn); a2 fails, so a3 b1 b2 are reported unprocessed and all
    // four come back, group b first (its head, b1, was sent before a2).
    expect(seen).toEqual(['a1', 'a2', 'b1', 'b2', 'a2', 'a3']);
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toEqual([
      ['succeeded', 1],
      ['succeeded', 2],
      ['succeeded', 2],
      ['succeeded', 2],
      ['succeeded', 2],
    ]);
    expect(ledger.warnings).toEqual([]);
  });

  it('§4.2 skips only the failing group with skipGroupOnError', async () => {
    const seen: string[] = [];
    const ledger = await simulateSqs(fifoHandler(seen, new Set(['a2']), true), messages, {
      ...RBIF,
      queue: { fifo: true },
    });
    // b1 and b2 are processed in the first invocation; only group a comes back.
    expect(seen).toEqual(['a1', 'a2', 'b1', 'b2', 'a2', 'a3']);
    expect(ledger.events.map((e) => e.attempts)).toEqual([1, 1, 2, 1, 2]);
    expect(ledger.invocations.map((i) => i.events)).toEqual([
      [0, 2, 4, 1, 3],
      [2, 4],
    ]);
    expect(ledger.warnings).toEqual([]);
  });
});

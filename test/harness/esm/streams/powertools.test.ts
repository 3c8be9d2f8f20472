// aws-behaviour §4.3 — stream handlers written with @aws-lambda-powertools/batch run unchanged under the pollers.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { simulateDynamodbStream } from '../../../../src/harness/esm/streams/dynamodb.ts';
import { simulateKinesis } from '../../../../src/harness/esm/streams/kinesis.ts';
import { decode, numbered, RBIF } from './helpers.ts';

function kinesisHandler(seen: string[], bad: (data: string) => boolean) {
  const processor = new BatchProcessor(EventType.KinesisDataStreams);
  const recordHandler = async (record: KinesisStreamRecord) => {
    const data = decode(record.kinesis.data);
    seen.push(data);
    if (bad(data)) throw new Error(`cannot process ${data}`);
  };
  return async (event: KinesisStreamEvent, context: Context) =>
    processPartialResponse(event, recordHandler, processor, { context });
}

describe('Powertools BatchProcessor on Kinesis (aws-behaviour §4.3)', () => {
  it('reports failed sequence numbers; the poller retries from the lowest, so later successes run again', async () => {
    const seen: string[] = [];
    const ledger = await simulateKinesis(
      kinesisHandler(seen, (d) => d === '1' || d === '3'),
      numbered(5),
      { ...RBIF, maximumRetryAttempts: 3 },
    );
    expect(seen.slice(0, 5)).toStrictEqual(['0', '1', '2', '3', '4']);
    // Checkpoint at record 1: records 1–4 come back; 1 and 3 keep failing until retries run out.
    expect(seen.slice(5, 9)).toStrictEqual(['1', '2', '3', '4']);
    expect(ledger.events[0]?.outcome).toBe('succeeded');
    // Records after the lowest failure share its fate: discarded with it when its retries run out.
    expect(ledger.events.slice(1).map((e) => e.outcome)).toStrictEqual(['failed', 'failed', 'failed', 'failed']);
  });

  it('throws FullBatchFailureError when every record fails: the whole batch is retried', async () => {
    const seen: string[] = [];
    let calls = 0;
    const ledger = await simulateKinesis(
      kinesisHandler(seen, () => calls++ < 2),
      numbered(2),
      RBIF,
    );
    expect(ledger.invocations[0]?.status).toBe('error');
    expect(ledger.invocations[0]?.error?.errorType).toBe('FullBatchFailureError');
    expect(ledger.events.map((e) => e.outcome)).toStrictEqual(['succeeded', 'succeeded']);
  });
});

describe('Powertools BatchProcessor on DynamoDB Streams (aws-behaviour §4.3)', () => {
  it('reports dynamodb.SequenceNumber identifiers that the poller understands', async () => {
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    let first = true;
    const recordHandler = async (record: DynamoDBRecord) => {
      if (first && record.dynamodb?.Keys?.id?.S === 'b') throw new Error('cannot process b');
    };
    const handler = async (event: DynamoDBStreamEvent, context: Context) => {
      const response = await processPartialResponse(event, recordHandler, processor, { context });
      first = false;
      return response;
    };
    const ledger = await simulateDynamodbStream(
      handler,
      ['a', 'b', 'c'].map((id) => ({ newImage: { id } })),
      RBIF,
    );
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toStrictEqual([
      ['succeeded', 1],
      ['succeeded', 2],
      ['succeeded', 2],
    ]);
    expect(ledger.warnings).toStrictEqual([]);
  });
});

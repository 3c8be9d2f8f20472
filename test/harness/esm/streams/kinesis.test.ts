import { describe, expect, it } from 'vitest';
import { parseMappingInvocation, runMapping } from '../../../../src/harness/esm/mapping.ts';
import { simulateKinesis } from '../../../../src/harness/esm/streams/kinesis.ts';
import { registerStreamSources } from '../../../../src/harness/esm/streams/register.ts';
import { laneOf, md5Int, shardOf } from '../../../../src/harness/esm/streams/shared.ts';
import { deliveredRecord, failWhen, kinesisData, kinesisRecorder, numbered, outcomes, RBIF } from './helpers.ts';

/** The first key (`prefix0`, `prefix1`, …) that `pick` accepts. */
function keyWhere(prefix: string, pick: (hash: bigint) => boolean): string {
  for (let i = 0; ; i++) if (pick(md5Int(`${prefix}${i}`))) return `${prefix}${i}`;
}

describe('Kinesis batching (aws-behaviour §4.1, §4.3)', () => {
  it('sends batches of at most batchSize records (default 100) in sequence order', async () => {
    const { handler, batches, events } = kinesisRecorder();
    const ledger = await simulateKinesis(handler, numbered(250));
    expect(batches.map((b) => b.length)).toStrictEqual([100, 100, 50]);
    expect(batches.flat()).toStrictEqual(numbered(250).map((r) => r.data));
    const sequence = events.flatMap((e) => e.Records.map((r) => BigInt(r.kinesis.sequenceNumber)));
    for (let i = 1; i < sequence.length; i++) expect((sequence[i] as bigint) > (sequence[i - 1] as bigint)).toBe(true);
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
  });

  it('rejects a batchSize outside 1–10 000', async () => {
    await expect(simulateKinesis(async () => null, numbered(1), { batchSize: 10_001 })).rejects.toThrow(
      /batchSize: expected integer 1–10000/,
    );
  });

  it('waits for the batching window to fill a batch', async () => {
    const { handler, batches } = kinesisRecorder();
    const records = [0, 100, 200].map((at, i) => ({ data: String(i), partitionKey: 'k', at }));
    const ledger = await simulateKinesis(handler, records, { maximumBatchingWindowInSeconds: 1 });
    expect(batches).toStrictEqual([['0', '1', '2']]);
    expect(ledger.invocations[0]?.at).toBe(1000);
  });

  it('sends each record as it arrives without a batching window', async () => {
    const { handler, batches } = kinesisRecorder();
    const records = [0, 100, 200].map((at, i) => ({ data: String(i), partitionKey: 'k', at }));
    const ledger = await simulateKinesis(handler, records);
    expect(batches).toStrictEqual([['0'], ['1'], ['2']]);
    expect(ledger.invocations.map((i) => i.at)).toStrictEqual([0, 100, 200]);
  });

  it('builds records with the kinesis-stream shape: base64 data, eventID = shardId:sequenceNumber, stream ARN', async () => {
    const { handler, events } = kinesisRecorder();
    await simulateKinesis(handler, [{ data: { id: 1 }, partitionKey: 'a' }], { stream: { name: 'orders' } });
    const record = events[0]?.Records[0];
    expect(kinesisData(events[0] as never)).toStrictEqual(['{"id":1}']);
    expect(record?.eventID).toBe(`shardId-000000000000:${record?.kinesis.sequenceNumber}`);
    expect(record?.eventSourceARN).toBe('arn:aws:kinesis:us-east-1:123456789012:stream/orders');
    expect(record?.kinesis.partitionKey).toBe('a');
  });
});

describe('Kinesis shard order and blocking (aws-behaviour §4.3)', () => {
  const a = keyWhere('a', (h) => shardOf(h, 2) === 0);
  const b = keyWhere('b', (h) => shardOf(h, 2) === 1);

  it('hashes partition keys onto shards and keeps each shard in order while another shard is blocked', async () => {
    let failures = 0;
    const { handler, batches } = kinesisRecorder((event) => {
      if (kinesisData(event).includes('a0') && failures++ < 2) throw new Error('transient');
      return null;
    });
    const records = [
      { data: 'a0', partitionKey: a },
      { data: 'b0', partitionKey: b },
      { data: 'a1', partitionKey: a },
      { data: 'b1', partitionKey: b },
    ];
    const ledger = await simulateKinesis(handler, records, { shards: 2, batchSize: 1 });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const flat = batches.flat();
    // Shard 1 is not blocked by shard 0's retries; shard 0 delivers a1 only after a0 succeeded.
    expect(flat.indexOf('b1')).toBeLessThan(flat.lastIndexOf('a0'));
    expect(flat.indexOf('a1')).toBeGreaterThan(flat.lastIndexOf('a0'));
    expect(ledger.events[0]?.attempts).toBe(3);
  });

  it('blocks the shard behind a failing batch: later records wait for its retries', async () => {
    const { handler, batches } = kinesisRecorder(failWhen((d) => d === '0'));
    const ledger = await simulateKinesis(handler, numbered(3), { batchSize: 1, maximumRetryAttempts: 2 });
    expect(batches).toStrictEqual([['0'], ['0'], ['0'], ['1'], ['2']]);
    expect(outcomes(ledger)).toStrictEqual(['failed', 'succeeded', 'succeeded']);
  });

  it('keeps order per partition key with parallelizationFactor > 1, and a failing key does not block the other', async () => {
    const slow = keyWhere('s', (h) => laneOf(h, 2) === 0);
    const fast = keyWhere('f', (h) => laneOf(h, 2) === 1);
    let failures = 0;
    const { handler, batches } = kinesisRecorder((event) => {
      if (kinesisData(event).includes('s0') && failures++ < 3) throw new Error('transient');
      return null;
    });
    const records = ['s0', 'f0', 's1', 'f1'].map((data) => ({ data, partitionKey: data[0] === 's' ? slow : fast }));
    const ledger = await simulateKinesis(handler, records, { parallelizationFactor: 2, batchSize: 1 });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    const flat = batches.flat();
    expect(flat.indexOf('f1')).toBeLessThan(flat.lastIndexOf('s0'));
    expect(flat.indexOf('s1')).toBeGreaterThan(flat.lastIndexOf('s0'));
  });

  it('keeps the whole shard blocked behind a failing key with parallelizationFactor 1', async () => {
    const slow = keyWhere('s', (h) => laneOf(h, 2) === 0);
    const fast = keyWhere('f', (h) => laneOf(h, 2) === 1);
    let failures = 0;
    const { handler, batches } = kinesisRecorder((event) => {
      if (kinesisData(event).includes('s0') && failures++ < 3) throw new Error('transient');
      return null;
    });
    const records = ['s0', 'f0'].map((data) => ({ data, partitionKey: data[0] === 's' ? slow : fast }));
    await simulateKinesis(handler, records, { batchSize: 1 });
    expect(batches.flat()).toStrictEqual(['s0', 's0', 's0', 's0', 'f0']);
  });

  it('rejects a parallelizationFactor above 10', async () => {
    await expect(simulateKinesis(async () => null, numbered(1), { parallelizationFactor: 11 })).rejects.toThrow(
      /parallelizationFactor: expected integer 1–10/,
    );
  });
});

describe('Kinesis retries (aws-behaviour §4.3)', () => {
  it('retries a failing batch maximumRetryAttempts times, then discards it and moves on', async () => {
    const { handler } = kinesisRecorder(failWhen((d) => d === '0'));
    const ledger = await simulateKinesis(handler, numbered(2), { batchSize: 1, maximumRetryAttempts: 2 });
    expect(ledger.events[0]).toMatchObject({ outcome: 'failed', attempts: 3 });
    expect(ledger.events[0]?.reason).toMatch(
      /^RetryAttemptsExhausted: discarded, no on-failure destination; last error: Error: poison record/,
    );
    expect(ledger.events[1]?.outcome).toBe('succeeded');
  });

  it('succeeds on a retry before the attempts run out', async () => {
    let calls = 0;
    const ledger = await simulateKinesis(
      async () => {
        if (calls++ < 2) throw new Error('transient');
        return null;
      },
      numbered(1),
      { maximumRetryAttempts: 2 },
    );
    expect(ledger.events[0]).toMatchObject({ outcome: 'succeeded', attempts: 3 });
  });

  it('retries forever by default: the record expires with the stream retention (24 h)', async () => {
    const ledger = await simulateKinesis(
      failWhen(() => true),
      numbered(1),
    );
    expect(ledger.events[0]?.outcome).toBe('expired');
    expect(ledger.events[0]?.reason).toMatch(/^stream retention \(24 h\) elapsed before the record was processed/);
    expect(ledger.end).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(ledger.invocations.length).toBeGreaterThan(100);
  });

  it('uses a longer retention when the stream is configured with one', async () => {
    const ledger = await simulateKinesis(
      failWhen(() => true),
      numbered(1),
      { stream: { retentionPeriodHours: 48 } },
    );
    expect(ledger.events[0]?.reason).toMatch(/stream retention \(48 h\)/);
    expect(ledger.end).toBeGreaterThanOrEqual(48 * 3_600_000);
  });

  it('leaves records in flight when the run stops while their shard is blocked', async () => {
    const ledger = await simulateKinesis(
      failWhen((d) => d === '0'),
      numbered(2),
      { batchSize: 1, until: 10_000 },
    );
    expect(outcomes(ledger)).toStrictEqual(['in-flight', 'in-flight']);
    expect(ledger.events[1]?.attempts).toBe(0);
  });

  it('does not count throttles as retries', async () => {
    const faults = [1, 2].map((attempt) => ({ event: 0, attempt, kind: 'throttle' as const }));
    const ledger = await simulateKinesis(async () => null, numbered(1), { maximumRetryAttempts: 0, faults });
    expect(ledger.events[0]?.outcome).toBe('succeeded');
    expect(ledger.invocations.map((i) => i.status)).toStrictEqual(['throttled', 'throttled', 'success']);
  });

  it('counts function errors as retries', async () => {
    const faults = [{ event: 0, attempt: 1, kind: 'error' as const }];
    const ledger = await simulateKinesis(async () => null, numbered(1), { maximumRetryAttempts: 0, faults });
    expect(ledger.events[0]?.outcome).toBe('failed');
  });

  it('discards records older than maximumRecordAgeInSeconds as expired (RecordAgeExceeded)', async () => {
    const ledger = await simulateKinesis(
      failWhen(() => true),
      numbered(1),
      {
        maximumRecordAgeInSeconds: 60,
        destinationConfig: { onFailure: { type: 'sqs' } },
      },
    );
    expect(ledger.events[0]?.outcome).toBe('expired');
    expect(ledger.events[0]?.reason).toMatch(/^RecordAgeExceeded: older than maximumRecordAgeInSeconds \(60 s\)/);
    expect(ledger.end).toBeGreaterThan(60_000);
    expect(ledger.end).toBeLessThan(200_000);
    const record = deliveredRecord(ledger.destinations[0] as never);
    expect((record.requestContext as { condition: string }).condition).toBe('RecordAgeExceeded');
  });

  it('discards only the expired records of a batch; the fresh ones still reach the function', async () => {
    const { handler, batches } = kinesisRecorder();
    const records = [
      { data: '0', partitionKey: 'k', at: 0 },
      ...['1', '2', '3', '4', '5'].map((data) => ({ data, partitionKey: 'k', at: 50_000 })),
    ];
    const ledger = await simulateKinesis(handler, records, {
      maximumRecordAgeInSeconds: 60,
      maximumBatchingWindowInSeconds: 70,
      destinationConfig: { onFailure: { type: 'sqs' } },
    });
    expect(batches).toStrictEqual([['1', '2', '3', '4', '5']]);
    expect(outcomes(ledger)).toStrictEqual([
      'expired',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const record = deliveredRecord(ledger.destinations[0] as never);
    expect(record).not.toHaveProperty('responseContext');
    expect(record.requestContext).toMatchObject({ condition: 'RecordAgeExceeded' });
    const context = record.requestContext as { requestId: string; approximateInvokeCount: number };
    expect(context.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(context.approximateInvokeCount).toBeGreaterThanOrEqual(1);
    expect(record.KinesisBatchInfo).toMatchObject({ batchSize: 1 });
  });

  it('writes "functionError": null in the failure record after a partial batch failure', async () => {
    const ledger = await simulateKinesis(
      async (event: { Records: { kinesis: { sequenceNumber: string } }[] }) => ({
        batchItemFailures: [{ itemIdentifier: event.Records[event.Records.length - 1]?.kinesis.sequenceNumber }],
      }),
      numbered(3),
      { ...RBIF, maximumRetryAttempts: 3, destinationConfig: { onFailure: { type: 'sqs' } } },
    );
    const record = deliveredRecord(ledger.destinations[0] as never);
    expect(record.responseContext).toStrictEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: null });
    expect(record.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 });
    expect(record.KinesisBatchInfo).toMatchObject({ batchSize: 1 });
  });

  it('delivers records younger than maximumRecordAgeInSeconds', async () => {
    let calls = 0;
    const ledger = await simulateKinesis(
      async () => {
        if (calls++ < 3) throw new Error('transient');
        return null;
      },
      numbered(1),
      { maximumRecordAgeInSeconds: 60 },
    );
    expect(ledger.events[0]?.outcome).toBe('succeeded');
  });
});

describe('Kinesis bisectBatchOnFunctionError (aws-behaviour §4.3)', () => {
  it('splits a failing batch until the poison record is alone; splits are not retries', async () => {
    const { handler, batches } = kinesisRecorder(failWhen((d) => d === '5'));
    const ledger = await simulateKinesis(handler, numbered(8), {
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 0,
    });
    expect(outcomes(ledger)).toStrictEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'failed',
      'succeeded',
      'succeeded',
    ]);
    expect(batches).toStrictEqual([
      ['0', '1', '2', '3', '4', '5', '6', '7'],
      ['0', '1', '2', '3'],
      ['4', '5', '6', '7'],
      ['4', '5'],
      ['4'],
      ['5'],
      ['6', '7'],
    ]);
  });

  it('discards the whole batch on the first failure without bisect and with no retries', async () => {
    const ledger = await simulateKinesis(
      failWhen((d) => d === '5'),
      numbered(8),
      { maximumRetryAttempts: 0 },
    );
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['failed']));
  });
});

describe('Kinesis ReportBatchItemFailures (aws-behaviour §4.3)', () => {
  it('checkpoints at the lowest reported sequence number and retries from it', async () => {
    let first = true;
    const { handler, batches } = kinesisRecorder((event) => {
      if (!first) return { batchItemFailures: [] };
      first = false;
      const ids = event.Records.filter((r) => ['5', '3'].includes(kinesisData({ Records: [r] } as never)[0] as string));
      return { batchItemFailures: ids.map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })) };
    });
    const ledger = await simulateKinesis(handler, numbered(8), RBIF);
    expect(batches).toStrictEqual([
      ['0', '1', '2', '3', '4', '5', '6', '7'],
      ['3', '4', '5', '6', '7'],
    ]);
    expect(ledger.events.map((e) => e.attempts)).toStrictEqual([1, 1, 1, 2, 2, 2, 2, 2]);
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }, /itemIdentifier is ""/],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }, /itemIdentifier is null/],
    ['a wrong key', { batchItemFailures: [{ itemId: '1' }] }, /has no "itemIdentifier"/],
    ['an unknown sequence number', { batchItemFailures: [{ itemIdentifier: '42' }] }, /not an item of the batch/],
  ])('fails the whole batch on %s', async (_name, response, warning) => {
    let calls = 0;
    const ledger = await simulateKinesis(async () => (calls++ === 0 ? response : null), numbered(3), RBIF);
    expect(ledger.events.map((e) => e.attempts)).toStrictEqual([2, 2, 2]);
    expect(ledger.warnings.join('\n')).toMatch(warning);
  });

  it.each([
    ['an empty string', ''],
    ['an empty array', []],
  ])('reads %s response as success', async (_name, response) => {
    const ledger = await simulateKinesis(async () => response, numbered(3), RBIF);
    expect(ledger.events.map((e) => e.attempts)).toStrictEqual([1, 1, 1]);
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('ignores the list without ReportBatchItemFailures, and says so', async () => {
    const ledger = await simulateKinesis(
      async (event: { Records: { kinesis: { sequenceNumber: string } }[] }) => ({
        batchItemFailures: [{ itemIdentifier: event.Records[0]?.kinesis.sequenceNumber }],
      }),
      numbered(2),
    );
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded']);
    expect(ledger.warnings.join('\n')).toMatch(/does not include "ReportBatchItemFailures"/);
  });

  it('treats an empty or null list as success', async () => {
    const ledger = await simulateKinesis(async () => ({ batchItemFailures: null }), numbered(2), RBIF);
    expect(ledger.events.map((e) => e.attempts)).toStrictEqual([1, 1]);
  });
});

describe('Kinesis on-failure destination (aws-behaviour §4.3)', () => {
  it('sends KinesisBatchInfo to an SQS destination when retries are exhausted', async () => {
    const ledger = await simulateKinesis(
      failWhen(() => true),
      numbered(3, 'k'),
      {
        maximumRetryAttempts: 1,
        destinationConfig: { onFailure: { destination: 'arn:aws:sqs:us-east-1:123456789012:failures' } },
      },
    );
    expect(outcomes(ledger)).toStrictEqual(['dead-lettered', 'dead-lettered', 'dead-lettered']);
    expect(ledger.events[0]?.reason).toMatch(
      /^RetryAttemptsExhausted: batch info sent to the on-failure sqs destination/,
    );
    expect(ledger.destinations).toHaveLength(1);
    const delivery = ledger.destinations[0];
    expect(delivery).toMatchObject({ on: 'failure', target: 'sqs' });
    const record = deliveredRecord(delivery as never);
    expect(Object.keys(record)).toStrictEqual([
      'requestContext',
      'responseContext',
      'version',
      'timestamp',
      'KinesisBatchInfo',
    ]);
    expect(record.requestContext).toMatchObject({
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-function',
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 2,
    });
    expect(record.responseContext).toStrictEqual({
      statusCode: 200,
      executedVersion: '$LATEST',
      functionError: 'Unhandled',
    });
    const info = record.KinesisBatchInfo as Record<string, unknown>;
    expect(info).toMatchObject({
      shardId: 'shardId-000000000000',
      batchSize: 3,
      streamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/my-stream',
      approximateArrivalOfFirstRecord: '2026-01-15T12:00:00.000Z',
    });
    expect(String(info.startSequenceNumber)).toMatch(/^\d{56}$/);
    expect(BigInt(String(info.endSequenceNumber)) > BigInt(String(info.startSequenceNumber))).toBe(true);
  });

  it('carries the whole invocation in the S3 object', async () => {
    const ledger = await simulateKinesis(
      failWhen(() => true),
      numbered(1),
      {
        maximumRetryAttempts: 0,
        destinationConfig: { onFailure: { type: 's3' } },
      },
    );
    const delivery = ledger.destinations[0] as {
      target: string;
      record: unknown;
      message: { key: string; body: string };
    };
    expect(delivery.target).toBe('s3');
    // aws/lambda/<ESM-UUID>/<shardId>/YYYY/MM/DD/<YYYY-MM-DDTHH.MM.SS>-<random UUID>, the time of the record.
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    expect(delivery.message.key).toMatch(
      new RegExp(`^aws/lambda/${uuid}/shardId-000000000000/2026/01/15/2026-01-15T12\\.00\\.00-${uuid}$`),
    );
    expect(JSON.parse(delivery.message.body)).toEqual(delivery.record);
    const payload = JSON.parse(String(JSON.parse(delivery.message.body).payload));
    expect(payload.Records).toHaveLength(1);
  });

  it('rejects an on-success destination and a Lambda target', async () => {
    await expect(
      simulateKinesis(async () => null, numbered(1), { destinationConfig: { onSuccess: { type: 'sqs' } } }),
    ).rejects.toThrow(/OnSuccess is not supported on event source mappings/);
    await expect(
      simulateKinesis(async () => null, numbered(1), { destinationConfig: { onFailure: { type: 'lambda' as never } } }),
    ).rejects.toThrow(/onFailure.type/);
  });
});

describe('Kinesis tumbling windows (aws-behaviour §4.3)', () => {
  const window = { tumblingWindowInSeconds: 30 };
  const sum = (event: { state?: { n?: number }; Records: unknown[] }) => ({
    state: { n: (event.state?.n ?? 0) + event.Records.length },
  });

  it('carries state between the invocations of a window and flags the final invoke', async () => {
    const { handler, events } = kinesisRecorder(sum as never);
    const records = [0, 10_000, 20_000, 40_000].map((at, i) => ({ data: String(i), partitionKey: 'k', at }));
    const ledger = await simulateKinesis(handler, records, window);
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
    const seen = events.map((e) => ({
      records: kinesisData(e),
      window: e.window,
      state: e.state,
      final: e.isFinalInvokeForWindow,
    }));
    expect(seen).toStrictEqual([
      {
        records: ['0'],
        window: { start: '2026-01-15T12:00:00Z', end: '2026-01-15T12:00:30Z' },
        state: {},
        final: false,
      },
      {
        records: ['1'],
        window: { start: '2026-01-15T12:00:00Z', end: '2026-01-15T12:00:30Z' },
        state: { n: 1 },
        final: false,
      },
      {
        records: ['2'],
        window: { start: '2026-01-15T12:00:00Z', end: '2026-01-15T12:00:30Z' },
        state: { n: 2 },
        final: false,
      },
      {
        records: [],
        window: { start: '2026-01-15T12:00:00Z', end: '2026-01-15T12:00:30Z' },
        state: { n: 3 },
        final: true,
      },
      {
        records: ['3'],
        window: { start: '2026-01-15T12:00:30Z', end: '2026-01-15T12:01:00Z' },
        state: {},
        final: false,
      },
      {
        records: [],
        window: { start: '2026-01-15T12:00:30Z', end: '2026-01-15T12:01:00Z' },
        state: { n: 1 },
        final: true,
      },
    ]);
    expect(events[0]?.shardId).toBe('shardId-000000000000');
    expect(events[0]?.eventSourceARN).toBe('arn:aws:kinesis:us-east-1:123456789012:stream/my-stream');
    expect(events.every((e) => e.isWindowTerminatedEarly === false)).toBe(true);
  });

  it('blocks the shard behind a failing final invoke until it succeeds', async () => {
    let failures = 0;
    const { handler, events } = kinesisRecorder((event) => {
      if (event.isFinalInvokeForWindow && failures++ < 2) throw new Error('final failed');
      return { state: {} };
    });
    const records = [0, 31_000].map((at, i) => ({ data: String(i), partitionKey: 'k', at }));
    const ledger = await simulateKinesis(handler, records, window);
    const seen = events.map((e) => [kinesisData(e).join(), e.isFinalInvokeForWindow, e.window?.start]);
    expect(seen.slice(0, 5)).toStrictEqual([
      ['0', false, '2026-01-15T12:00:00Z'],
      ['', true, '2026-01-15T12:00:00Z'],
      ['', true, '2026-01-15T12:00:00Z'],
      ['', true, '2026-01-15T12:00:00Z'],
      ['1', false, '2026-01-15T12:00:30Z'],
    ]);
    expect(ledger.invocations[4]?.at).toBeGreaterThan(31_000);
  });

  it('treats a response without state as a failure', async () => {
    const ledger = await simulateKinesis(async () => ({ count: 1 }), numbered(1), {
      ...window,
      maximumRetryAttempts: 1,
    });
    expect(ledger.events[0]).toMatchObject({ outcome: 'failed', attempts: 2 });
    expect(ledger.events[0]?.reason).toMatch(/the response has no "state"/);
  });

  it('ends a window early when its state grows beyond 1 MB', async () => {
    const { handler, events } = kinesisRecorder(() => ({ state: { blob: 'x'.repeat(1024 * 1024 + 1) } }));
    const records = [0, 1000].map((at, i) => ({ data: String(i), partitionKey: 'k', at }));
    await simulateKinesis(handler, records, window);
    expect(events[1]).toMatchObject({ Records: [], isFinalInvokeForWindow: true, isWindowTerminatedEarly: true });
    expect(events[2]?.state).toStrictEqual({});
    expect(kinesisData(events[2] as never)).toStrictEqual(['1']);
  });

  it('rejects a window longer than 900 seconds', async () => {
    await expect(simulateKinesis(async () => null, numbered(1), { tumblingWindowInSeconds: 901 })).rejects.toThrow(
      /tumblingWindowInSeconds: expected integer 0–900/,
    );
  });
});

describe('Kinesis event filtering (aws-behaviour §4.6)', () => {
  const filterCriteria = { Filters: [{ Pattern: '{"data":{"type":["order"]}}' }] };

  it('skips records no pattern matches: the handler never sees them', async () => {
    const { handler, batches } = kinesisRecorder();
    const records = [{ type: 'order' }, { type: 'click' }, { type: 'order' }].map((data) => ({
      data,
      partitionKey: 'k',
    }));
    const ledger = await simulateKinesis(handler, records, { filterCriteria });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'filtered', 'succeeded']);
    expect(batches.flat()).toStrictEqual(['{"type":"order"}', '{"type":"order"}']);
    expect(ledger.events[1]?.reason).toMatch(/skipped by event filtering/);
  });

  it('rejects a plain-text pattern on a stream', async () => {
    await expect(
      simulateKinesis(async () => null, numbered(1), { filterCriteria: { Filters: [{ Pattern: 'order' }] } }),
    ).rejects.toThrow(/filterCriteria/);
  });
});

describe('kinesis scenarios', () => {
  registerStreamSources();

  it('runs invocation {"source": "kinesis"} with data entries and generated events', async () => {
    const parsed = parseMappingInvocation({
      source: 'kinesis',
      batchSize: 2,
      shards: 2,
      stream: { retentionPeriodHours: 48 },
    });
    const ledger = await runMapping(parsed, async () => null, [
      { data: 'plain', partitionKey: 'a' },
      { data: { id: 1 } },
      { generate: 'kinesis-stream', count: 2, records: 3 },
    ]);
    expect(ledger.events).toHaveLength(8);
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
  });

  it('names the field of an invalid invocation or entry', async () => {
    expect(() => parseMappingInvocation({ source: 'kinesis', shard: 2 })).toThrow(/invocation.shard: unknown option/);
    expect(() => parseMappingInvocation({ source: 'kinesis', stream: { retentionPeriodHours: 12 } })).toThrow(
      /invocation.stream.retentionPeriodHours: expected integer 24–8760/,
    );
    const parsed = parseMappingInvocation({ source: 'kinesis' });
    await expect(runMapping(parsed, async () => null, [{ partitionKey: 'a' }])).rejects.toThrow(/events\[0\].data/);
    await expect(runMapping(parsed, async () => null, [{ generate: 'sqs' }])).rejects.toThrow(
      /events\[0\].generate: this mapping reads "kinesis-stream" events/,
    );
  });
});

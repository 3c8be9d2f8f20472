import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinesisStreamArbitrary } from '../../src/arbitraries.ts';
import { readFileSync } from 'node:fs';
import { largestEdgeData } from '../../generators/kinesis-stream/edge.ts';
import { withWindowState } from '../../generators/kinesis-stream/response.ts';
import {
  ContractViolationError,
  type KinesisStreamEvent,
  kinesisStreamEvent,
  validate,
  validateKinesisStreamResponse,
} from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

function derived(event: KinesisStreamEvent): void {
  let previous = -1n;
  for (const record of event.Records) {
    const { kinesis } = record;
    expect(record.eventID).toBe(`${record.eventID.split(':')[0]}:${kinesis.sequenceNumber}`);
    expect(kinesis.sequenceNumber).toMatch(/^\d{56}$/);
    expect(BigInt(kinesis.sequenceNumber) > previous).toBe(true);
    previous = BigInt(kinesis.sequenceNumber);
    expect(Buffer.from(kinesis.data, 'base64').toString('base64')).toBe(kinesis.data);
    const [, , service, region, account] = record.eventSourceARN.split(':');
    expect(service).toBe('kinesis');
    expect(region).toBe(record.awsRegion);
    expect(record.invokeIdentityArn.split(':')[4]).toBe(account);
  }
  expect(new Set(event.Records.map((r) => r.eventID.split(':')[0])).size).toBe(1);
  expect(new Set(event.Records.map((r) => r.eventSourceARN)).size).toBe(1);
  if (event.window !== undefined) {
    expect(event.shardId).toBe(event.Records[0]?.eventID.split(':')[0]);
    expect(event.eventSourceARN).toBe(event.Records[0]?.eventSourceARN);
  }
}

runEventContract<KinesisStreamEvent>({
  id: 'kinesis-stream',
  build: kinesisStreamEvent as never,
  arbitrary: kinesisStreamArbitrary as never,
  override: {
    value: { Records: [{ kinesis: { data: { orderId: 'o-1' } } }] },
    check: (event) => expect(decode(event.Records[0]!.kinesis.data)).toBe('{"orderId":"o-1"}'),
  },
  derived,
  requiredPath: ['Records', 0, 'kinesis', 'sequenceNumber'],
  breaks: {
    'event-id': (event) => {
      event.Records[0]!.eventID = `${event.Records[0]!.eventID.split(':')[0]}:${'1'.repeat(56)}`;
    },
    'one-shard-per-batch': (event) => {
      const second = kinesisStreamEvent(undefined, { seed: 77 }).Records[0]!;
      second.eventID = `shardId-999999999999:${second.kinesis.sequenceNumber}`;
      second.eventSourceARN = event.Records[0]!.eventSourceARN;
      second.awsRegion = event.Records[0]!.awsRegion;
      second.kinesis.sequenceNumber = '9'.repeat(56);
      second.eventID = `shardId-999999999999:${'9'.repeat(56)}`;
      event.Records.push(second);
    },
    'sequence-increasing': (event) => {
      const copy = structuredClone(event.Records[0]!);
      event.Records.push(copy);
    },
    'arn-region': (event) => {
      event.Records[0]!.awsRegion = event.Records[0]!.awsRegion === 'eu-west-3' ? 'eu-west-1' : 'eu-west-3';
    },
    'tumbling-window': (event) => {
      (event as unknown as Record<string, unknown>).window = {
        start: '2020-07-30T17:00:00Z',
        end: '2020-07-30T17:05:00Z',
      };
    },
  },
});

/** A strict-valid event's rule findings after `change`. */
function rulesAfter(change: (event: KinesisStreamEvent) => void, variant?: 'tumbling-window'): string[] {
  const event = structuredClone(kinesisStreamEvent(undefined, { seed: 3, records: 3, variant }));
  change(event);
  return validate('kinesis-stream', event, { strict: true }).errors.map((e) => e.rule ?? `schema ${e.path}`);
}

describe('kinesis-stream strict rules', () => {
  it('accepts tumbling-window events whose fields agree, and rejects each disagreement', () => {
    expect(rulesAfter(() => {}, 'tumbling-window')).toStrictEqual([]);
    expect(
      rulesAfter((e) => {
        e.shardId = 'shardId-000000000999';
      }, 'tumbling-window'),
    ).toStrictEqual(['tumbling-window']);
    expect(
      rulesAfter((e) => {
        e.window = { start: e.window!.end, end: e.window!.start };
      }, 'tumbling-window'),
    ).toStrictEqual(['tumbling-window']);
    expect(
      rulesAfter((e) => {
        delete (e as unknown as Record<string, unknown>).isWindowTerminatedEarly;
      }, 'tumbling-window'),
    ).toStrictEqual(['tumbling-window']);
    expect(
      rulesAfter((e) => {
        e.Records[0]!.kinesis.approximateArrivalTimestamp = Date.parse(e.window!.end) / 1000;
      }, 'tumbling-window'),
    ).toContain('tumbling-window');
  });

  it('accepts increasing sequence numbers and rejects a repeated or smaller one', () => {
    expect(rulesAfter(() => {})).toStrictEqual([]);
    expect(
      rulesAfter((e) => {
        const [a, b] = [e.Records[0]!, e.Records[1]!];
        [a.kinesis.sequenceNumber, b.kinesis.sequenceNumber] = [b.kinesis.sequenceNumber, a.kinesis.sequenceNumber];
        a.eventID = `${a.eventID.split(':')[0]}:${a.kinesis.sequenceNumber}`;
        b.eventID = `${b.eventID.split(':')[0]}:${b.kinesis.sequenceNumber}`;
      }),
    ).toStrictEqual(['sequence-increasing']);
  });

  it('accepts encryptionType NONE and KMS, and rejects other values in strict only', () => {
    expect(
      rulesAfter((e) => {
        e.Records[0]!.kinesis.encryptionType = 'KMS';
      }),
    ).toStrictEqual([]);
    expect(
      rulesAfter((e) => {
        e.Records[0]!.kinesis.encryptionType = 'NONE';
      }),
    ).toStrictEqual([]);
    const event = structuredClone(kinesisStreamEvent());
    (event.Records[0]!.kinesis as unknown as Record<string, unknown>).encryptionType = 'AES';
    expect(validate('kinesis-stream', event).valid).toBe(true);
    expect(validate('kinesis-stream', event, { strict: true }).errors.map((e) => e.path)).toContain(
      'Records[0].kinesis.encryptionType',
    );
  });

  it('generates both encryption types and events without one', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 30; seed++)
      seen.add(String(kinesisStreamEvent(undefined, { seed }).Records[0]!.kinesis.encryptionType));
    expect([...seen].sort()).toStrictEqual(['KMS', 'NONE', 'undefined']);
  });

  it('rejects arrival timestamps in milliseconds in strict, accepts them in shape', () => {
    const event = structuredClone(kinesisStreamEvent());
    event.Records[0]!.kinesis.approximateArrivalTimestamp *= 1000;
    expect(validate('kinesis-stream', event).valid).toBe(true);
    expect(validate('kinesis-stream', event, { strict: true }).valid).toBe(false);
  });
});

describe('kinesis-stream response contract', () => {
  it('is the shared partial batch response plus state, for Kinesis and DynamoDB alike', () => {
    const shared = JSON.parse(readFileSync('src/contracts/partial-batch-response.schema.json', 'utf8'));
    for (const id of ['kinesis-stream', 'dynamodb-stream']) {
      const own = JSON.parse(readFileSync(`generators/${id}/response.schema.json`, 'utf8'));
      const { $id: _a, title: _b, description: _c, ...rest } = own;
      const { $id: _d, title: _e, description: _f, ...expected } = withWindowState(shared) as Record<string, unknown>;
      expect({ id, schema: rest }).toStrictEqual({ id, schema: expected });
    }
  });

  const event = kinesisStreamEvent(undefined, { records: 3, seed: 2 });
  const windowed = kinesisStreamEvent(undefined, { records: 2, seed: 2, variant: 'tumbling-window' });

  it('accepts every answer the poller reads as success or as a partial failure', () => {
    for (const response of [null, '', [], {}, { batchItemFailures: [] }, { batchItemFailures: null }])
      expect(validate('kinesis-stream', response, { response: true }).errors).toStrictEqual([]);
    const partial = { batchItemFailures: [{ itemIdentifier: event.Records[1]!.kinesis.sequenceNumber }] };
    expect(validateKinesisStreamResponse(event, partial).errors).toStrictEqual([]);
    expect(validateKinesisStreamResponse(windowed, { state: { count: 2 } }).errors).toStrictEqual([]);
  });

  it('rejects answers that fail the whole batch', () => {
    for (const response of [
      'ok',
      { batchItemFailures: [{}] },
      { batchItemFailures: [{ itemIdentifier: '' }] },
      { batchItemFailures: {} },
      { state: 'not an object' },
    ])
      expect(validate('kinesis-stream', response, { response: true }).valid).toBe(false);
    expect(
      validateKinesisStreamResponse(event, { batchItemFailures: [{ itemIdentifier: '123' }] }).errors,
    ).toMatchObject([{ path: 'batchItemFailures[0].itemIdentifier' }]);
  });

  it('requires state in the answer to a tumbling-window invoke', () => {
    expect(validateKinesisStreamResponse(windowed, { batchItemFailures: [] }).errors).toMatchObject([
      { path: 'state' },
    ]);
    expect(validateKinesisStreamResponse(windowed, null).errors).toMatchObject([{ path: 'state' }]);
  });
});

describe('kinesisStreamEvent', () => {
  it('keeps derived fields consistent for edge-mode events too (property)', () => {
    fc.assert(
      fc.property(kinesisStreamArbitrary({ edge: true }), (event) => {
        derived(event);
      }),
      { numRuns: 40, seed: 6 },
    );
  });

  it('encodes data given as text, bytes or JSON into base64', () => {
    const event = kinesisStreamEvent({
      Records: [
        { kinesis: { data: 'héllo' } },
        { kinesis: { data: Buffer.from([0, 255, 1]) } },
        { kinesis: { data: [1] } },
      ],
    });
    expect(decode(event.Records[0]!.kinesis.data)).toBe('héllo');
    expect(event.Records[1]!.kinesis.data).toBe('AP8B');
    expect(decode(event.Records[2]!.kinesis.data)).toBe('[1]');
  });

  it('treats an already-base64 string as text, so encoded data must be passed as bytes', () => {
    const event = kinesisStreamEvent({ Records: [{ kinesis: { data: 'AP8B' } }] });
    expect(event.Records[0]!.kinesis.data).not.toBe('AP8B');
    expect(
      kinesisStreamEvent({ Records: [{ kinesis: { data: Buffer.from('AP8B', 'base64') } }] }).Records[0]!.kinesis.data,
    ).toBe('AP8B');
  });

  it('derives eventID from an overridden sequence number, unless eventID is overridden too', () => {
    const event = kinesisStreamEvent(
      { Records: [{ kinesis: { sequenceNumber: '123' } }, { eventID: 'shardId-000000000001:9' }] },
      { validate: 'shape' },
    );
    expect(event.Records[0]!.eventID).toMatch(/^shardId-\d{12}:123$/);
    expect(event.Records[1]!.eventID).toBe('shardId-000000000001:9');
  });

  it('uses seconds with a millisecond fraction for approximateArrivalTimestamp', () => {
    const [record] = kinesisStreamEvent(undefined, { now: '2026-03-01T00:00:00Z' }).Records;
    const seconds = record!.kinesis.approximateArrivalTimestamp;
    expect(seconds).toBeLessThan(Date.parse('2026-03-01T00:00:00Z') / 1000);
    expect(seconds).toBeGreaterThan(Date.parse('2026-03-01T00:00:00Z') / 1000 - 3600);
  });

  it('moves the stream ARN with an overridden region', () => {
    const event = kinesisStreamEvent({ Records: [{ awsRegion: 'eu-west-3' }] });
    expect(event.Records[0]!.eventSourceARN).toMatch(/^arn:aws:kinesis:eu-west-3:/);
  });

  it('adds the window, state and shard at the top level for the tumbling-window variant only', () => {
    const event = kinesisStreamEvent(undefined, { variant: 'tumbling-window', records: 3 });
    expect(Date.parse(event.window!.end) - Date.parse(event.window!.start)).toBeGreaterThan(0);
    for (const record of event.Records) {
      const ms = record.kinesis.approximateArrivalTimestamp * 1000;
      expect(ms).toBeGreaterThanOrEqual(Date.parse(event.window!.start));
      expect(ms).toBeLessThan(Date.parse(event.window!.end));
    }
    expect(event).toMatchObject({ isWindowTerminatedEarly: false });
    expect(typeof event.isFinalInvokeForWindow).toBe('boolean');
    expect(kinesisStreamEvent()).not.toHaveProperty('window');
    expect(kinesisStreamEvent()).not.toHaveProperty('shardId');
  });

  it('rekeys eventIDs to an overridden tumbling-window shardId', () => {
    const event = kinesisStreamEvent({ shardId: 'shardId-000000000042' }, { variant: 'tumbling-window' });
    expect(event.Records[0]!.eventID.startsWith('shardId-000000000042:')).toBe(true);
  });

  it('rejects an eventID that is not shardId:sequenceNumber, naming the path', () => {
    expect(() => kinesisStreamEvent({ Records: [{ eventID: 'nope' }] }, { seed: 9 })).toThrow(ContractViolationError);
    expect(() => kinesisStreamEvent({ Records: [{ eventID: 'nope' }] }, { seed: 9 })).toThrow(/Records\[0\]\.eventID/);
  });

  it('generates edge data up to the 1 MiB record limit that still decodes', () => {
    expect(largestEdgeData(1)).toBe(1024 * 1024);
    for (const event of fc.sample(kinesisStreamArbitrary({ edge: true, records: 1 }), { numRuns: 30, seed: 5 })) {
      expect(Buffer.from(event.Records[0]!.kinesis.data, 'base64').length).toBeLessThanOrEqual(1024 * 1024);
    }
  });

  it('keeps edge batches within the 6 MB synchronous invocation payload', () => {
    for (const records of [2, 5, 100]) {
      const largest = largestEdgeData(records);
      const batch = kinesisStreamEvent(
        { Records: Array.from({ length: records }, () => ({ kinesis: { data: new Uint8Array(largest) } })) },
        { validate: false },
      );
      const size = Buffer.byteLength(JSON.stringify(batch));
      expect({ records, fits: size <= 6 * 1024 * 1024 }).toStrictEqual({ records, fits: true });
      // A batch of two carries the 1 MiB maximum per record; larger batches fill most of the payload.
      if (records === 2) expect(largest).toBe(1024 * 1024);
      else expect(size).toBeGreaterThan(5 * 1024 * 1024);
    }
  });

  it('lets the arbitrary draw the data the handler parses', () => {
    const arbitrary = kinesisStreamArbitrary({ data: fc.record({ id: fc.uuid() }), records: 2 });
    for (const event of fc.sample(arbitrary, { numRuns: 5, seed: 1 })) {
      for (const record of event.Records) expect(JSON.parse(decode(record.kinesis.data))).toHaveProperty('id');
    }
  });
});

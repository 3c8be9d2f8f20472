import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinesisStreamArbitrary } from '../../src/arbitraries.ts';
import { ContractViolationError, type KinesisStreamEvent, kinesisStreamEvent } from '../../src/index.ts';
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
    const event = kinesisStreamEvent({
      Records: [{ kinesis: { sequenceNumber: '123' } }, { eventID: 'shardId-000000000001:9' }],
    });
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
    expect(event).toMatchObject({ isFinalInvokeForWindow: false, isWindowTerminatedEarly: false });
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
    for (const event of fc.sample(kinesisStreamArbitrary({ edge: true, records: 1 }), { numRuns: 30, seed: 5 })) {
      expect(Buffer.from(event.Records[0]!.kinesis.data, 'base64').length).toBeLessThanOrEqual(1024 * 1024);
    }
  });

  it('lets the arbitrary draw the data the handler parses', () => {
    const arbitrary = kinesisStreamArbitrary({ data: fc.record({ id: fc.uuid() }), records: 2 });
    for (const event of fc.sample(arbitrary, { numRuns: 5, seed: 1 })) {
      for (const record of event.Records) expect(JSON.parse(decode(record.kinesis.data))).toHaveProperty('id');
    }
  });
});

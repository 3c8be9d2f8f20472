import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kinesisFirehoseArbitrary } from '../../src/arbitraries.ts';
import {
  ContractViolationError,
  kinesisFirehoseEvent,
  validate,
  validateKinesisFirehoseResponse,
} from '../../src/index.ts';
import type { KinesisFirehoseEvent as AnyFirehoseEvent } from '../../generators/kinesis-firehose/types.gen.ts';
import { largestEdgeData } from '../../generators/kinesis-firehose/edge.ts';
import { runEventContract } from '../contract/event-contract.ts';

const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

function derived(event: AnyFirehoseEvent): void {
  expect(new Set(event.records.map((r) => r.recordId)).size).toBe(event.records.length);
  const [, , service, region, account] = (
    event.deliveryStreamArn ?? `arn:aws:firehose:${event.region}:${'1'.repeat(12)}`
  ).split(':');
  expect(service).toBe('firehose');
  expect(region).toBe(event.region);
  expect(account).toMatch(/^\d{12}$/);
  expect(event.invocationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  for (const record of event.records) {
    const payload = (event.sourceMSKArn === undefined ? record.data : record.kafkaRecordValue) as string;
    expect(Buffer.from(payload, 'base64').toString('base64')).toBe(payload);
    expect(record.data !== undefined).toBe(event.sourceMSKArn === undefined);
    expect(record.approximateArrivalTimestamp).toBeGreaterThan(1e12);
    expect(record.kinesisRecordMetadata !== undefined).toBe(event.sourceKinesisStreamArn !== undefined);
    expect(record.mskRecordMetadata !== undefined).toBe(event.sourceMSKArn !== undefined);
  }
  if (event.sourceKinesisStreamArn !== undefined) {
    expect(event.sourceKinesisStreamArn.split(':').slice(3, 5)).toStrictEqual([region, account]);
    const sequences = event.records.map((r) => BigInt(r.kinesisRecordMetadata!.sequenceNumber));
    for (let i = 1; i < sequences.length; i++) expect(sequences[i]! > sequences[i - 1]!).toBe(true);
  }
}

runEventContract<AnyFirehoseEvent>({
  id: 'kinesis-firehose',
  build: kinesisFirehoseEvent as never,
  arbitrary: kinesisFirehoseArbitrary as never,
  override: {
    value: { records: [{ data: { level: 'INFO' } }] },
    check: (event) => expect(decode(event.records[0]!.data!)).toBe('{"level":"INFO"}'),
  },
  derived,
  breaks: {
    'record-ids-unique': (event) => {
      event.records.push({ ...structuredClone(event.records[0]!) });
    },
    'arn-region': (event) => {
      event.region = event.region === 'eu-west-3' ? 'eu-west-1' : 'eu-west-3';
    },
    'source-records': (event) => {
      const record = event.records[0]!;
      record.kafkaRecordValue = record.data ?? record.kafkaRecordValue;
    },
  },
  requiredPath: ['records', 0, 'recordId'],
});

describe('kinesisFirehoseEvent', () => {
  it('keeps derived fields consistent for edge-mode events too (property)', () => {
    fc.assert(
      fc.property(kinesisFirehoseArbitrary({ edge: true }), (event) => {
        derived(event);
      }),
      { numRuns: 40, seed: 6 },
    );
  });

  it('encodes data given as text, bytes or JSON into base64', () => {
    const event = kinesisFirehoseEvent({ records: [{ data: 'line\n' }, { data: Buffer.from([0xff]) }, { data: 1 }] });
    expect(event.records.map((r) => r.data)).toStrictEqual(['bGluZQo=', '/w==', 'MQ==']);
  });

  it('gives each record a unique recordId and millisecond arrival time', () => {
    const event = kinesisFirehoseEvent(undefined, { records: 50, now: '2026-02-01T00:00:00Z' });
    expect(new Set(event.records.map((r) => r.recordId)).size).toBe(50);
    for (const record of event.records) {
      expect(record.approximateArrivalTimestamp).toBeLessThanOrEqual(Date.parse('2026-02-01T00:00:00Z') + 50 * 30);
      expect(Number.isInteger(record.approximateArrivalTimestamp)).toBe(true);
    }
  });

  it('adds the source stream and per-record Kinesis metadata for kinesis-source only', () => {
    const event = kinesisFirehoseEvent(undefined, { variant: 'kinesis-source', records: 3 });
    expect(event.sourceKinesisStreamArn).toMatch(/^arn:aws:kinesis:[a-z0-9-]+:\d{12}:stream\//);
    expect(event.records[0]?.kinesisRecordMetadata).toMatchObject({
      shardId: expect.stringMatching(/^shardId-\d{12}$/),
    });
    expect(event.records[0]?.recordId.startsWith(event.records[0]!.kinesisRecordMetadata!.sequenceNumber)).toBe(true);
    expect(kinesisFirehoseEvent()).not.toHaveProperty('sourceKinesisStreamArn');
    expect(kinesisFirehoseEvent().records[0]).not.toHaveProperty('kinesisRecordMetadata');
  });

  it('adds the MSK cluster and per-record offsets for msk-source', () => {
    const event = kinesisFirehoseEvent(undefined, { variant: 'msk-source', records: 3 });
    expect(event.sourceMSKArn).toMatch(/^arn:aws:kafka:[a-z0-9-]+:\d{12}:cluster\//);
    const offsets = event.records.map((r) => Number(r.mskRecordMetadata?.offset));
    expect(offsets[1]! - offsets[0]!).toBe(1);
  });

  it('moves the delivery stream ARN with an overridden region, unless the ARN is overridden too', () => {
    expect(kinesisFirehoseEvent({ region: 'eu-west-3' }).deliveryStreamArn).toMatch(/^arn:aws:firehose:eu-west-3:/);
    const arn = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x';
    const kept = kinesisFirehoseEvent({ region: 'eu-west-3', deliveryStreamArn: arn }, { validate: 'shape' });
    expect(kept.deliveryStreamArn).toBe(arn);
  });

  it('rejects an arrival timestamp given as a string, naming the path', () => {
    const build = () => kinesisFirehoseEvent({ records: [{ approximateArrivalTimestamp: '1' as never }] }, { seed: 9 });
    expect(build).toThrow(ContractViolationError);
    expect(build).toThrow(/records\[0\]\.approximateArrivalTimestamp: expected number/);
  });

  it('lets the arbitrary draw the data the transformation parses', () => {
    const arbitrary = kinesisFirehoseArbitrary({ data: fc.record({ id: fc.uuid() }), records: 3 });
    for (const event of fc.sample(arbitrary, { numRuns: 5, seed: 1 })) {
      for (const record of event.records)
        expect(JSON.parse(decode((record.data ?? record.kafkaRecordValue)!))).toHaveProperty('id');
    }
  });
});

describe('kinesis-firehose edge batches', () => {
  it('keep within the 3 MiB processing buffer, with 1000 KiB records when few', () => {
    expect(largestEdgeData(1)).toBe(1000 * 1024);
    expect(largestEdgeData(3)).toBe(1000 * 1024);
    expect(largestEdgeData(5) * 5).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(largestEdgeData(5) * 5).toBeGreaterThan(3 * 1024 * 1024 - 5);
  });
});

describe('kinesis-firehose variants and response contract', () => {
  it('maps the variants seen in AWS samples and builds an MSK source with kafkaRecordValue', () => {
    const msk = kinesisFirehoseEvent({ records: [{ data: 'x' }] }, { variant: 'msk-source' });
    expect(msk.records[0]).not.toHaveProperty('data');
    expect(decode(msk.records[0]!.kafkaRecordValue)).toBe('x');
    expect(kinesisFirehoseEvent(undefined, { variant: 'no-delivery-stream-arn' })).not.toHaveProperty(
      'deliveryStreamArn',
    );
  });

  it('accepts Ok with data or kafkaRecordValue, and rejects Ok without either', () => {
    const ok = (extra: object) => ({ records: [{ recordId: '1', result: 'Ok', ...extra }] });
    expect(validate('kinesis-firehose', ok({ data: 'eA==' }), { response: true }).errors).toStrictEqual([]);
    expect(validate('kinesis-firehose', ok({ kafkaRecordValue: 'eA==' }), { response: true }).errors).toStrictEqual([]);
    expect(validate('kinesis-firehose', ok({}), { response: true }).valid).toBe(false);
    expect(validate('kinesis-firehose', ok({ data: 'not base64!' }), { response: true }).valid).toBe(false);
  });

  it('rejects records of a source they do not belong to, and duplicate recordIds, in strict only', () => {
    const event = structuredClone(kinesisFirehoseEvent(undefined, { variant: 'kinesis-source', records: 2 }));
    expect(validate('kinesis-firehose', event, { strict: true }).errors).toStrictEqual([]);
    delete (event.records[0] as { kinesisRecordMetadata?: unknown }).kinesisRecordMetadata;
    expect(validate('kinesis-firehose', event, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'source-records',
    ]);
    expect(validate('kinesis-firehose', event).valid).toBe(true);
  });
});

describe('validateKinesisFirehoseResponse', () => {
  const event = kinesisFirehoseEvent(undefined, { records: 3 });
  const [a, b, c] = event.records.map((r) => r.recordId) as [string, string, string];

  it('accepts one result per recordId, with data on Ok records', () => {
    const response = {
      records: [
        { recordId: a, result: 'Ok', data: 'eyJ9', metadata: { partitionKeys: { customerId: '42' } } },
        { recordId: b, result: 'Dropped' },
        { recordId: c, result: 'ProcessingFailed', data: '' },
      ],
    };
    expect(validateKinesisFirehoseResponse(event, response)).toStrictEqual({ valid: true, errors: [] });
  });

  it('rejects an unknown result, and an Ok record without data', () => {
    const unknown = validateKinesisFirehoseResponse(event, { records: [{ recordId: a, result: 'Failed' }] });
    expect(unknown.errors.map((e) => e.path)).toContain('records[0].result');
    const noData = validateKinesisFirehoseResponse(event, { records: [{ recordId: a, result: 'Ok' }] });
    expect(noData.errors.map((e) => e.path)).toContain('records[0].data');
  });

  it('rejects a missing, repeated or foreign recordId', () => {
    const result = validateKinesisFirehoseResponse(event, {
      records: [
        { recordId: a, result: 'Dropped' },
        { recordId: a, result: 'Dropped' },
        { recordId: 'other', result: 'Dropped' },
      ],
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => `${e.path}: ${e.message}`)).toStrictEqual([
      `records[1].recordId: expected each recordId once, received "${a}" again`,
      'records[2].recordId: expected a recordId of the event, received "other"',
      `records: expected a result for recordId "${b}", received nothing`,
      `records: expected a result for recordId "${c}", received nothing`,
    ]);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqsArbitrary } from '../../src/arbitraries.ts';
import { ContractViolationError, type SqsEvent, sqsEvent } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

function derived(event: SqsEvent): void {
  for (const record of event.Records) {
    expect(record.md5OfBody).toBe(md5(record.body));
    const [, , service, region, account] = record.eventSourceARN.split(':');
    expect(service).toBe('sqs');
    expect(region).toBe(record.awsRegion);
    expect(account).toMatch(/^\d{12}$/);
    expect(Number(record.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(record.attributes.SentTimestamp),
    );
    const fifo = record.eventSourceARN.endsWith('.fifo');
    expect(record.attributes.MessageGroupId !== undefined).toBe(fifo);
    expect(record.attributes.SequenceNumber !== undefined).toBe(fifo);
  }
  const arns = new Set(event.Records.map((r) => r.eventSourceARN));
  expect(arns.size).toBe(1);
}

runEventContract<SqsEvent>({
  id: 'sqs',
  build: sqsEvent as never,
  arbitrary: sqsArbitrary as never,
  override: {
    value: { Records: [{ body: { orderId: 'o-1' } }] },
    check: (event) => {
      expect(event.Records[0]?.body).toBe('{"orderId":"o-1"}');
      expect(event.Records[0]?.md5OfBody).toBe(md5('{"orderId":"o-1"}'));
    },
  },
  derived,
  requiredPath: ['Records', 0, 'md5OfBody'],
});

describe('sqsEvent', () => {
  it('completes every overridden record with realistic defaults', () => {
    const event = sqsEvent({ Records: [{ body: 'a' }, { body: 'b' }, {}] });
    expect(event.Records).toHaveLength(3);
    expect(event.Records.map((r) => r.body).slice(0, 2)).toStrictEqual(['a', 'b']);
    expect(new Set(event.Records.map((r) => r.messageId)).size).toBe(3);
  });

  it('builds the number of records asked for, overriding the first ones', () => {
    const event = sqsEvent({ Records: [{ body: 'first' }] }, { records: 10 });
    expect(event.Records).toHaveLength(10);
    expect(event.Records[0]?.body).toBe('first');
  });

  it('rejects a record count outside 1–10000', () => {
    expect(() => sqsEvent(undefined, { records: 0 })).toThrow(/records must be an integer from 1 to 10000/);
  });

  it('keeps an explicitly overridden md5OfBody even when it does not match', () => {
    const event = sqsEvent({ Records: [{ body: 'x', md5OfBody: '0'.repeat(32) }] });
    expect(event.Records[0]?.md5OfBody).toBe('0'.repeat(32));
  });

  it('moves the queue ARN with an overridden region', () => {
    const event = sqsEvent({ Records: [{ awsRegion: 'eu-west-3' }] });
    expect(event.Records[0]?.eventSourceARN).toMatch(/^arn:aws:sqs:eu-west-3:/);
  });

  it('computes md5OfMessageAttributes as SQS does', () => {
    // Value from the AWS SQS documentation example for MessageAttributes (String attribute).
    const event = sqsEvent({
      Records: [{ messageAttributes: { myAttribute: { dataType: 'String', stringValue: 'myValue' } } }],
    });
    const record = event.Records[0];
    expect(record?.messageAttributes.myAttribute).toStrictEqual({
      dataType: 'String',
      stringValue: 'myValue',
      stringListValues: [],
      binaryListValues: [],
    });
    expect(record?.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(sqsEvent().Records[0]).not.toHaveProperty('md5OfMessageAttributes');
  });

  it('builds FIFO records with increasing sequence numbers and a .fifo queue', () => {
    const event = sqsEvent(undefined, { variant: 'fifo', records: 5 });
    const sequence = event.Records.map((r) => BigInt(r.attributes.SequenceNumber ?? '0'));
    for (let i = 1; i < sequence.length; i++) expect(sequence[i]! > sequence[i - 1]!).toBe(true);
    expect(event.Records[0]?.eventSourceARN.endsWith('.fifo')).toBe(true);
  });

  it('throws a contract violation naming id, path, expected, received and seed', () => {
    expect(() => sqsEvent({ Records: [{ awsRegion: 5 as never }] }, { seed: 9 })).toThrow(ContractViolationError);
    expect(() => sqsEvent({ Records: [{ awsRegion: 5 as never }] }, { seed: 9 })).toThrowErrorMatchingInlineSnapshot(
      `[ContractViolationError: [lambda-harness] sqs: Records[0].awsRegion: expected string, received number (seed 9)]`,
    );
  });

  it('builds malformed events on purpose with validate: false', () => {
    const event = sqsEvent({ Records: [{ eventSource: 'aws:sns' as never }] }, { validate: false });
    expect(event.Records[0]?.eventSource).toBe('aws:sns');
  });

  it('keeps attribute names such as __proto__ and constructor as data without touching prototypes', () => {
    const attributes = JSON.parse(
      '{"__proto__": {"dataType": "String", "stringValue": "a"}, "constructor": {"dataType": "Number", "stringValue": "1"}}',
    );
    const event = sqsEvent({ Records: [{ messageAttributes: attributes }] });
    const record = event.Records[0]!;
    expect(Object.keys(record.messageAttributes).sort()).toStrictEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(record.messageAttributes)).toBe(Object.prototype);
    const reparsed = JSON.parse(JSON.stringify(event)).Records[0].messageAttributes;
    expect(Object.getOwnPropertyDescriptor(reparsed, '__proto__')?.value.stringValue).toBe('a');
    expect(({} as Record<string, unknown>).stringValue).toBeUndefined();
  });

  it('removes an optional field when overridden with undefined', () => {
    const event = sqsEvent({ Records: [{ md5OfMessageAttributes: undefined, messageAttributes: {} }] });
    expect(event.Records[0]).not.toHaveProperty('md5OfMessageAttributes');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sqsArbitrary } from '../../src/arbitraries.ts';
import { sqsMessageAttributesMd5 } from '../../src/core/encoders.ts';
import { ContractViolationError, type SqsEvent, type SqsRecord, sqsEvent, validate } from '../../src/index.ts';
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
  breaks: {
    'md5-of-body': (event) => {
      event.Records[0]!.md5OfBody = '0'.repeat(32);
    },
    'md5-of-message-attributes': (event) => {
      event.Records[0]!.md5OfMessageAttributes = '0'.repeat(32);
    },
    'arn-region': (event) => {
      event.Records[0]!.awsRegion = 'af-south-1';
    },
    'one-queue': (event) => {
      const other = structuredClone(event.Records[0]!);
      other.eventSourceARN = `${other.eventSourceARN}-other`;
      event.Records.push(other);
    },
    'fifo-attributes': (event) => {
      event.Records[0]!.attributes.SequenceNumber = '18849496460467696128';
    },
    'fifo-batch-size': (event) => {
      const record = asFifo(event.Records[0]!);
      event.Records = Array.from({ length: 11 }, () => structuredClone(record));
    },
    'receive-after-send': (event) => {
      const attributes = event.Records[0]!.attributes;
      attributes.ApproximateFirstReceiveTimestamp = String(Number(attributes.SentTimestamp) - 1);
    },
    'message-attribute-value': (event) => {
      const record = event.Records[0]!;
      record.messageAttributes = { retries: { dataType: 'Number', stringValue: 'three' } };
      record.md5OfMessageAttributes = sqsMessageAttributesMd5(record.messageAttributes);
    },
    'message-size': (event) => {
      const record = event.Records[0]!;
      record.body = 'x'.repeat(1024 * 1024 + 1);
      record.md5OfBody = md5(record.body);
    },
    'dead-letter-source': (event) => {
      const record = event.Records[0]!;
      record.attributes.DeadLetterQueueSourceArn = record.eventSourceARN;
    },
  },
});

/** The record moved to a FIFO queue, with the attributes FIFO queues send. */
function asFifo(record: SqsRecord): SqsRecord {
  const fifo = structuredClone(record);
  fifo.eventSourceARN = `${fifo.eventSourceARN}.fifo`;
  Object.assign(fifo.attributes, {
    SequenceNumber: '18849496460467696128',
    MessageGroupId: 'group-1',
    MessageDeduplicationId: 'dedup-1',
  });
  return fifo;
}

const strictRules = (event: unknown) => validate('sqs', event, { strict: true }).errors.map((e) => e.rule ?? e.path);

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

  it('keeps an explicitly overridden md5OfBody even when it does not match, which strict rejects', () => {
    const overrides = { Records: [{ body: 'x', md5OfBody: '0'.repeat(32) }] };
    const event = sqsEvent(overrides, { validate: 'shape' });
    expect(event.Records[0]?.md5OfBody).toBe('0'.repeat(32));
    expect(() => sqsEvent(overrides)).toThrow(
      /Records\[0\]\.md5OfBody: expected md5 of Records\[0\]\.body \(9dd4e461268c8034f5c8564e155c67a6\), received "0{32}"/,
    );
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
    expect(() =>
      sqsEvent({ Records: [{ awsRegion: 5 as never }] }, { seed: 9, validate: 'shape' }),
    ).toThrowErrorMatchingInlineSnapshot(
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

describe('sqs variants', () => {
  it('sends message attributes with the md5 SQS computes, and sometimes an X-Ray trace header', () => {
    const events = [1, 2, 3, 4, 5, 6].map((seed) =>
      sqsEvent(undefined, { variant: 'with-attributes', seed, records: 3 }),
    );
    for (const record of events.flatMap((e) => e.Records)) {
      expect(Object.keys(record.messageAttributes).length).toBeGreaterThanOrEqual(2);
      expect(record.md5OfMessageAttributes).toBe(sqsMessageAttributesMd5(record.messageAttributes));
    }
    const traces = events.flatMap((e) => e.Records.map((r) => r.attributes.AWSTraceHeader)).filter(Boolean);
    expect(traces.length).toBeGreaterThan(0);
    for (const trace of traces)
      expect(trace).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=[01]$/);
  });

  it('reads a dead-letter queue: DeadLetterQueueSourceArn names the source queue beside it', () => {
    const record = sqsEvent(undefined, { variant: 'dead-letter' }).Records[0]!;
    const source = record.attributes.DeadLetterQueueSourceArn!;
    expect(record.eventSourceARN).toBe(`${source}-dlq`);
    const moved = sqsEvent({ Records: [{ awsRegion: 'eu-west-3' }] }, { variant: 'dead-letter' }).Records[0]!;
    expect(moved.attributes.DeadLetterQueueSourceArn?.split(':')[3]).toBe('eu-west-3');
  });

  it('carries the SNS JSON envelope in the body of a queue subscribed to a topic', () => {
    const record = sqsEvent(undefined, { variant: 'sns-in-body' }).Records[0]!;
    const body = JSON.parse(record.body);
    expect(body.Type).toBe('Notification');
    expect(body.TopicArn.split(':').slice(3, 5)).toStrictEqual(record.eventSourceARN.split(':').slice(3, 5));
    expect(body.SigningCertURL).toMatch(/^https:\/\/sns\./);
    expect(record.md5OfBody).toBe(md5(record.body));
  });

  it('carries a FIFO topic envelope with its sequence number in the body of a FIFO queue', () => {
    const record = sqsEvent(undefined, { variant: 'fifo-sns-in-body' }).Records[0]!;
    const body = JSON.parse(record.body);
    expect(body.TopicArn).toMatch(/\.fifo$/);
    expect(body.SequenceNumber).toBe(record.attributes.SequenceNumber);
    expect(body).not.toHaveProperty('Signature');
    expect(record.eventSourceARN).toMatch(/\.fifo$/);
  });

  it('carries an S3 notification in the body of a queue a bucket notifies', () => {
    const record = sqsEvent(undefined, { variant: 's3-in-body' }).Records[0]!;
    const body = JSON.parse(record.body);
    expect(body.Records).toHaveLength(1);
    expect(body.Records[0].eventSource).toBe('aws:s3');
    expect(body.Records[0].awsRegion).toBe(record.awsRegion);
  });
});

describe('sqs strict rules', () => {
  it('checks md5OfMessageAttributes against the SQS algorithm, and admits the docs placeholder in shape only', () => {
    const record = sqsEvent(undefined, { variant: 'with-attributes' }).Records[0]!;
    // Independent computation of SQS's digest: names sorted, 4-byte big-endian length prefixes, transport byte.
    const hash = createHash('md5');
    const field = (bytes: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      hash.update(length).update(bytes);
    };
    for (const name of Object.keys(record.messageAttributes).sort()) {
      const attribute = record.messageAttributes[name]!;
      field(Buffer.from(name));
      field(Buffer.from(attribute.dataType));
      const binary = attribute.dataType.startsWith('Binary');
      hash.update(Buffer.from([binary ? 2 : 1]));
      field(binary ? Buffer.from(attribute.binaryValue!, 'base64') : Buffer.from(attribute.stringValue!));
    }
    expect(record.md5OfMessageAttributes).toBe(hash.digest('hex'));
    const placeholder = { Records: [{ ...record, md5OfMessageAttributes: '00484c68...59e48fb7' }] };
    expect(validate('sqs', placeholder).valid).toBe(true);
    expect(validate('sqs', placeholder, { strict: true }).valid).toBe(false);
  });

  it('requires md5OfMessageAttributes when attributes are sent', () => {
    const record = sqsEvent(undefined, { variant: 'with-attributes' }).Records[0]!;
    const { md5OfMessageAttributes: _, ...without } = record;
    expect(strictRules({ Records: [without] })).toStrictEqual(['md5-of-message-attributes']);
  });

  it('requires the three FIFO attributes on a FIFO queue', () => {
    const record = sqsEvent(undefined, { variant: 'fifo' }).Records[0]!;
    expect(strictRules({ Records: [record] })).toStrictEqual([]);
    delete record.attributes.MessageGroupId;
    expect(strictRules({ Records: [record] })).toStrictEqual(['fifo-attributes']);
  });

  it('admits a MessageGroupId on a standard (fair) queue, but no sequence number', () => {
    const record = sqsEvent().Records[0]!;
    record.attributes.MessageGroupId = 'tenant-1';
    expect(strictRules({ Records: [record] })).toStrictEqual([]);
  });

  it('delivers at most 10 records from a FIFO queue, and more from a standard one', () => {
    expect(sqsEvent(undefined, { variant: 'fifo', records: 10 }).Records).toHaveLength(10);
    expect(() => sqsEvent(undefined, { variant: 'fifo', records: 11 })).toThrow(/at most 10 records/);
    expect(sqsEvent(undefined, { records: 11 }).Records).toHaveLength(11);
  });

  it('wants a stringValue for String and Number attributes and a binaryValue for Binary ones', () => {
    const check = (attribute: Record<string, unknown>) => {
      const record = sqsEvent().Records[0]!;
      record.messageAttributes = { a: attribute as never };
      record.md5OfMessageAttributes = sqsMessageAttributesMd5(record.messageAttributes);
      return strictRules({ Records: [record] });
    };
    expect(check({ dataType: 'Number.int', stringValue: '-1.5e3' })).toStrictEqual([]);
    expect(check({ dataType: 'Binary', binaryValue: 'AAEC' })).toStrictEqual([]);
    expect(check({ dataType: 'Binary', stringValue: 'AAEC' })).toStrictEqual([
      'message-attribute-value',
      'message-attribute-value',
    ]);
  });

  it('keeps a dead-letter source queue in the same region and account', () => {
    const record = sqsEvent(undefined, { variant: 'dead-letter' }).Records[0]!;
    expect(strictRules({ Records: [record] })).toStrictEqual([]);
    record.attributes.DeadLetterQueueSourceArn = record.attributes.DeadLetterQueueSourceArn!.replace(
      /:\d{12}:/,
      ':111122223333:',
    );
    expect(strictRules({ Records: [record] })).toStrictEqual(['dead-letter-source']);
  });
});

describe('sqs response contract', () => {
  const response = (value: unknown) => validate('sqs', value, { response: true });

  it('accepts every success form the poller reads, and a list of failed message ids', () => {
    for (const value of [null, '', [], {}, { batchItemFailures: [] }, { batchItemFailures: null }])
      expect({ value, valid: response(value).valid }).toStrictEqual({ value, valid: true });
    expect(response({ batchItemFailures: [{ itemIdentifier: '059f36b4-87a3-44ab-83d2-661975830a7d' }] }).valid).toBe(
      true,
    );
  });

  it('rejects answers that fail the whole batch: no or empty itemIdentifier, a string, a non-empty array', () => {
    for (const value of [
      { batchItemFailures: [{ itemIdentifier: '' }] },
      { batchItemFailures: [{ id: 'x' }] },
      { batchItemFailures: 'x' },
      'ok',
      [{ itemIdentifier: 'x' }],
      5,
    ])
      expect({ value, valid: response(value).valid }).toStrictEqual({ value, valid: false });
  });
});

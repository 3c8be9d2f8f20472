import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sqsEventFromEventBridge, sqsEventFromS3ViaSns, sqsEventFromSns } from '../../src/envelopes/sqs.ts';
import { eventbridgeEvent, OverrideError, s3Event, type SnsEvent, snsEvent, validate } from '../../src/index.ts';

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const queueScope = (arn: string) => arn.split(':').slice(3, 5);

describe('sqsEventFromSns', () => {
  it('wraps each notification in the SNS JSON envelope, as SNS writes it to a queue', () => {
    const sns = snsEvent(
      { Records: [{ Sns: { Subject: 'Order', Message: { id: 1 } } }] },
      { variant: 'with-attributes' },
    );
    const message = sns.Records[0]!.Sns;
    const event = sqsEventFromSns(sns);
    expect(event.Records).toHaveLength(1);
    const record = event.Records[0]!;
    expect(validate('sqs', event).errors).toStrictEqual([]);
    expect(record.md5OfBody).toBe(md5(record.body));
    expect(record.body.startsWith('{\n  "Type" : "Notification",\n  "MessageId" : ')).toBe(true);
    const { UnsubscribeURL, ...body } = JSON.parse(record.body);
    expect(body).toStrictEqual({
      Type: 'Notification',
      MessageId: message.MessageId,
      TopicArn: message.TopicArn,
      Subject: 'Order',
      Message: '{"id":1}',
      Timestamp: message.Timestamp,
      SignatureVersion: '1',
      Signature: message.Signature,
      SigningCertURL: message.SigningCertUrl,
      MessageAttributes: message.MessageAttributes,
    });
    expect(UnsubscribeURL).toMatch(
      new RegExp(
        `^https://sns\\.[a-z0-9-]+\\.amazonaws\\.com/\\?Action=Unsubscribe&SubscriptionArn=${message.TopicArn}:[0-9a-f-]{36}$`,
      ),
    );
    expect(record.messageAttributes).toStrictEqual({});
  });

  it('leaves Subject and MessageAttributes out of the envelope when the notification has none', () => {
    const sns = snsEvent({ Records: [{ Sns: { Subject: null, MessageAttributes: {} } }] });
    const body = JSON.parse(sqsEventFromSns(sns).Records[0]!.body);
    expect(body).not.toHaveProperty('Subject');
    expect(body).not.toHaveProperty('MessageAttributes');
    expect(body).not.toHaveProperty('SigningCertUrl');
  });

  it('delivers the message itself with SNS attributes as SQS attributes under raw delivery', () => {
    const sns = snsEvent({ Records: [{ Sns: { Message: 'plain' } }] }, { variant: 'with-attributes' });
    const attributes = sns.Records[0]!.Sns.MessageAttributes;
    const record = sqsEventFromSns(sns, { rawMessageDelivery: true }).Records[0]!;
    expect(record.body).toBe('plain');
    expect(record.md5OfBody).toBe(md5('plain'));
    for (const [name, { Type, Value }] of Object.entries(attributes)) {
      const sqs = record.messageAttributes[name];
      expect(sqs?.dataType).toBe(Type);
      expect(Type === 'Binary' ? sqs?.binaryValue : sqs?.stringValue).toBe(Value);
    }
    expect(record.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it('puts the queue in the topic region and account, sent after the notification', () => {
    const sns = snsEvent({ Records: [{ Sns: { TopicArn: 'arn:aws:sns:eu-west-3:111122223333:orders' } }] });
    const record = sqsEventFromSns(sns, { queue: 'orders-queue' }).Records[0]!;
    expect(record.eventSourceARN).toBe('arn:aws:sqs:eu-west-3:111122223333:orders-queue');
    expect(record.awsRegion).toBe('eu-west-3');
    expect(Number(record.attributes.SentTimestamp)).toBeGreaterThan(Date.parse(sns.Records[0]!.Sns.Timestamp));
  });

  it('builds one record per notification, the same for the same seed', () => {
    const events = [snsEvent(undefined, { seed: 1 }), snsEvent(undefined, { seed: 2 })];
    expect(sqsEventFromSns(events).Records).toHaveLength(2);
    expect(sqsEventFromSns(events, { seed: 5 })).toStrictEqual(sqsEventFromSns(events, { seed: 5 }));
    expect(sqsEventFromSns(events, { seed: 5 })).not.toStrictEqual(sqsEventFromSns(events, { seed: 6 }));
  });

  it('rejects an SNS event without records and a FIFO queue', () => {
    expect(() => sqsEventFromSns({ Records: [] })).toThrow(OverrideError);
    expect(() => sqsEventFromSns(snsEvent(), { queue: 'q.fifo' })).toThrow(/FIFO queues are not supported/);
  });
});

describe('sqsEventFromEventBridge', () => {
  it('carries the EventBridge event as JSON in the body, in the event region and account', () => {
    const inner = eventbridgeEvent(undefined, { variant: 'aws-service' });
    const record = sqsEventFromEventBridge(inner).Records[0]!;
    expect(JSON.parse(record.body)).toStrictEqual(inner);
    expect(queueScope(record.eventSourceARN)).toStrictEqual([inner.region, inner.account]);
    expect(Number(record.attributes.SentTimestamp)).toBeGreaterThanOrEqual(Date.parse(inner.time));
  });

  it('rejects an empty list of events', () => {
    expect(() => sqsEventFromEventBridge([])).toThrow(/no EventBridge event to deliver/);
  });
});

describe('sqsEventFromS3ViaSns', () => {
  it('nests each S3 record in an SNS notification inside an SQS body', () => {
    // S3 sends one record per notification; an event with two (as a test may assemble) gives two messages.
    const first = s3Event({ Records: [{ awsRegion: 'eu-west-1', s3: { object: { key: 'a b.txt' } } }] });
    const s3 = {
      Records: [...first.Records, ...s3Event({ Records: [{ awsRegion: 'eu-west-1' }] }, { seed: 2 }).Records],
    };
    const event = sqsEventFromS3ViaSns(s3);
    expect(event.Records).toHaveLength(2);
    event.Records.forEach((record, i) => {
      const notification = JSON.parse(record.body);
      expect(notification.Subject).toBe('Amazon S3 Notification');
      expect(JSON.parse(notification.Message)).toStrictEqual({ Records: [s3.Records[i]] });
      expect(notification.TopicArn.split(':')[3]).toBe(s3.Records[i]!.awsRegion);
      expect(record.awsRegion).toBe(s3.Records[i]!.awsRegion);
    });
    expect(JSON.parse(JSON.parse(event.Records[0]!.body).Message).Records[0].s3.object.key).toBe('a+b.txt');
  });

  it('delivers the S3 notification JSON itself under raw delivery', () => {
    const s3 = s3Event();
    const record = sqsEventFromS3ViaSns(s3, { rawMessageDelivery: true }).Records[0]!;
    expect(JSON.parse(record.body)).toStrictEqual(s3);
  });

  it('rejects an S3 event without records', () => {
    expect(() => sqsEventFromS3ViaSns({ Records: [] })).toThrow(/the S3 event has no record/);
  });
});

describe('sqsEventFromSns with a documentation-style message', () => {
  it('reads the …URL spelling of the AWS documentation sample', () => {
    const sample = JSON.parse(
      readFileSync(new URL('../fixtures/aws/sns/with-sns-docs.json', import.meta.url), 'utf8'),
    ) as SnsEvent;
    const body = JSON.parse(sqsEventFromSns(sample).Records[0]!.body);
    expect(body.SigningCertURL).toBe(
      'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-ac565b8b1a6c5d002d285f9598aa1d9b.pem',
    );
    expect(body.UnsubscribeURL).toMatch(/SubscriptionArn=arn:aws:sns:us-east-1:123456789012:sns-lambda:[0-9a-f-]{36}$/);
    expect(body.MessageAttributes.Test).toStrictEqual({ Type: 'String', Value: 'TestString' });
  });
});

describe('SQS envelopes given something else', () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  it.each([
    ['a number to sqsEventFromSns', () => sqsEventFromSns(5 as never), /sqs: sns: expected an SNS event, received 5/],
    [
      'null in a list to sqsEventFromSns',
      () => sqsEventFromSns([snsEvent(), null] as never),
      /sqs: sns\[1\]: expected an SNS event/,
    ],
    [
      'a string to sqsEventFromEventBridge',
      () => sqsEventFromEventBridge('x' as never),
      /sqs: eventbridge: expected an EventBridge event/,
    ],
    [
      'a BigInt in an EventBridge detail',
      () => sqsEventFromEventBridge({ ...eventbridgeEvent(), detail: { n: 5n } } as never),
      /sqs: eventbridge\.detail\.n: expected JSON data, received bigint/,
    ],
    [
      'a circular EventBridge event',
      () => sqsEventFromEventBridge({ ...eventbridgeEvent(), detail: circular } as never),
      /eventbridge\.detail\.self: circular reference/,
    ],
    [
      'an object without records to sqsEventFromS3ViaSns',
      () => sqsEventFromS3ViaSns({} as never),
      /sqs: s3: expected an S3 event, received object/,
    ],
  ])('rejects %s with an OverrideError naming the argument', (_, build, message) => {
    expect(build).toThrow(OverrideError);
    expect(build).toThrow(message);
  });
});

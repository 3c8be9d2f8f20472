import type { EventbridgeEvent } from '../../generators/eventbridge/index.ts';
import type { S3Event } from '../../generators/s3/index.ts';
import { snsEvent, type SnsEvent, type SnsMessage } from '../../generators/sns/index.ts';
import { snsSqsBody } from '../../generators/sns/sqs-body.ts';
import {
  type SqsEvent,
  type SqsMessageAttribute,
  type SqsRecordOverrides,
  sqsEvent,
} from '../../generators/sqs/index.ts';
import { accountId, DEFAULT_NOW } from '../core/aws-values.ts';
import { DEFAULT_SEED } from '../core/define-event.ts';
import { Random } from '../core/random.ts';
import { formatPath } from '../contracts/schema.ts';
import { describeReceived, findNonJson, kindOf, nonJsonText } from '../core/overrides.ts';
import { OverrideError } from '../errors.ts';
import { setOwn } from '../core/own.ts';

/** Options of every SQS envelope. */
export interface SqsEnvelopeOptions {
  /** Seed of the values the envelope adds (message ids, receipt handles, delays). Default 42. */
  seed?: number;
  /** Name of the subscribed queue, in the inner event's region and account. Default `subscriber-queue`. */
  queue?: string;
  /** Validate the SQS event (and the intermediate SNS one) against their schemas. Default true. */
  validate?: boolean;
}

/** Options of `sqsEventFromSns` and `sqsEventFromS3ViaSns`. */
export interface SnsToSqsOptions extends SqsEnvelopeOptions {
  /** Raw message delivery: the body is the message itself and SNS attributes become SQS attributes. Default false. */
  rawMessageDelivery?: boolean;
}

/** When and from where a message was sent: the queue lives in the first message's region and account. */
type Sent = { time: number; region: string; account: string };

/**
 * Wraps SNS notifications into the SQS event a subscribed queue's event source mapping delivers: one record per
 * notification, the body being the SNS JSON envelope (or, with raw delivery, the message itself).
 * @example
 * const event = sqsEventFromSns(snsEvent({ Records: [{ Sns: { Message: { id: 1 } } }] }), { rawMessageDelivery: true });
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html
 */
export function sqsEventFromSns(sns: SnsEvent | readonly SnsEvent[], options: SnsToSqsOptions = {}): SqsEvent {
  const events = ([] as SnsEvent[]).concat(sns);
  events.forEach((event, i) => {
    checkEvent(event, Array.isArray(sns) ? `sns[${i}]` : 'sns', 'an SNS event', (e) => recordsOf(e, 'Sns'));
  });
  const messages = events.flatMap((event) => event.Records.map((r) => r.Sns));
  if (messages.length === 0) throw new OverrideError('sqs', 'sns.Records', 'the SNS event has no record to deliver');
  const random = new Random(options.seed ?? DEFAULT_SEED);
  return envelope(
    messages.map((message) => {
      const [, , , region = '', account = ''] = message.TopicArn.split(':');
      const sent = { time: Date.parse(message.Timestamp), region, account };
      if (!options.rawMessageDelivery) return { body: snsSqsBody(message, random), sent };
      return { body: message.Message, sent, messageAttributes: sqsAttributes(message) };
    }),
    random,
    options,
  );
}

/**
 * Wraps EventBridge events into the SQS event a target queue's event source mapping delivers: the body is the
 * event's JSON, the queue in the event's account and region.
 * @example
 * const event = sqsEventFromEventBridge(eventbridgeEvent({ detail: { orderId: '42' } }));
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-targets.html
 */
export function sqsEventFromEventBridge(
  event: EventbridgeEvent | readonly EventbridgeEvent[],
  options: SqsEnvelopeOptions = {},
): SqsEvent {
  const events = ([] as EventbridgeEvent[]).concat(event);
  events.forEach((e, i) => {
    checkEvent(
      e,
      Array.isArray(event) ? `eventbridge[${i}]` : 'eventbridge',
      'an EventBridge event',
      (v) => typeof v['detail-type'] === 'string' && typeof v.time === 'string',
    );
  });
  if (events.length === 0) throw new OverrideError('sqs', 'eventbridge', 'no EventBridge event to deliver');
  const random = new Random(options.seed ?? DEFAULT_SEED);
  return envelope(
    events.map((e) => ({
      body: JSON.stringify(e),
      sent: { time: Date.parse(e.time), region: e.region, account: e.account },
    })),
    random,
    options,
  );
}

/**
 * Delivers an S3 notification through an SNS topic to an SQS queue, as S3 → SNS → SQS nests it: one message per S3
 * record, SNS subject `Amazon S3 Notification`, the S3 event JSON as the SNS message.
 * @example
 * const event = sqsEventFromS3ViaSns(s3Event({ Records: [{ s3: { object: { key: 'a b.txt' } } }] }));
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ways-to-add-notification-config-to-bucket.html
 */
export function sqsEventFromS3ViaSns(s3: S3Event, options: SnsToSqsOptions = {}): SqsEvent {
  checkEvent(s3, 's3', 'an S3 event', (e) => recordsOf(e, 's3'));
  if (s3.Records.length === 0) throw new OverrideError('sqs', 's3.Records', 'the S3 event has no record to deliver');
  const random = new Random(options.seed ?? DEFAULT_SEED);
  const account = accountId(random);
  const notifications = s3.Records.map((record) => {
    const topic = `${record.s3.bucket.name.replace(/\./g, '-')}-events`;
    return snsEvent(
      {
        Records: [
          {
            Sns: {
              TopicArn: `arn:aws:sns:${record.awsRegion}:${account}:${topic}`,
              Subject: 'Amazon S3 Notification',
              Message: { Records: [record] },
              MessageAttributes: {},
              Timestamp: new Date(Date.parse(record.eventTime) + random.int(20, 900)).toISOString(),
            },
          },
        ],
      },
      { seed: random.fork(), validate: options.validate },
    );
  });
  return sqsEventFromSns(notifications, { ...options, seed: random.fork() });
}

/** True when `event.Records` is an array of objects that each have `key`. */
function recordsOf(event: Record<string, unknown>, key: string): boolean {
  return (
    Array.isArray(event.Records) &&
    event.Records.every(
      (r) =>
        r !== null &&
        typeof r === 'object' &&
        (r as Record<string, unknown>)[key] !== null &&
        typeof (r as Record<string, unknown>)[key] === 'object',
    )
  );
}

/** Rejects what is not the event an envelope wraps (a number, a string, a value JSON cannot carry…). */
function checkEvent(
  value: unknown,
  path: string,
  what: string,
  shaped: (event: Record<string, unknown>) => boolean,
): void {
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    !shaped(value as Record<string, unknown>)
  ) {
    throw new OverrideError('sqs', path, `expected ${what}, received ${describeReceived(value)}`, {
      expected: what,
      received: kindOf(value),
    });
  }
  const bad = findNonJson(value);
  if (bad !== undefined) throw new OverrideError('sqs', formatPath([path, ...bad.path]), nonJsonText(bad.received));
}

function envelope(
  messages: readonly { body: string; sent: Sent; messageAttributes?: Record<string, SqsMessageAttribute> }[],
  random: Random,
  options: SqsEnvelopeOptions,
): SqsEvent {
  const queue = options.queue ?? 'subscriber-queue';
  if (queue.endsWith('.fifo'))
    throw new OverrideError('sqs', 'options.queue', `FIFO queues are not supported by envelopes yet: "${queue}"`);
  const { region, account } = messages[0]?.sent ?? { region: '', account: '' };
  const Records = messages.map(({ body, sent, messageAttributes }): SqsRecordOverrides => {
    const sentAt = (Number.isNaN(sent.time) ? DEFAULT_NOW : sent.time) + random.int(5, 200);
    return {
      body,
      messageAttributes: messageAttributes ?? {},
      awsRegion: region,
      eventSourceARN: `arn:aws:sqs:${region}:${account}:${queue}`,
      attributes: {
        SentTimestamp: String(sentAt),
        ApproximateFirstReceiveTimestamp: String(sentAt + random.int(1, 900)),
      },
    };
  });
  return sqsEvent({ Records }, { seed: random.fork(), validate: options.validate });
}

/** Raw delivery: SNS attributes as SQS attributes (Binary values stay base64, as SQS's JSON carries them). */
function sqsAttributes(message: SnsMessage): Record<string, SqsMessageAttribute> {
  const out: Record<string, SqsMessageAttribute> = {};
  for (const [name, { Type, Value }] of Object.entries(message.MessageAttributes)) {
    setOwn(
      out,
      name,
      Type === 'Binary' ? { dataType: 'Binary', binaryValue: Value } : { dataType: Type, stringValue: Value },
    );
  }
  return out;
}

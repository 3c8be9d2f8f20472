import { createRequire } from 'node:module';
import {
  type AwsScope,
  arn,
  arnWithRegion,
  awsScope,
  fakerWords,
  recentEpochMs,
  resourceName,
  userName,
} from '../../src/core/aws-values.ts';
import partialBatchResponse from '../../src/contracts/partial-batch-response.schema.json' with { type: 'json' };
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { asText, type SqsAttributeValue, sqsMessageAttributesMd5 } from '../../src/core/encoders.ts';
import { overridden } from '../../src/core/overrides.ts';
import { definition as s3Definition } from '../s3/definition.ts';
import { definition as snsDefinition } from '../sns/definition.ts';
import type { SnsEvent } from '../sns/index.ts';
import { snsSqsBody } from '../sns/sqs-body.ts';
import type { SqsEvent } from './types.gen.ts';
import type { SqsOverrides, SqsVariant } from './index.ts';
import { rememberMd5OfBody, sqsRules } from './rules.ts';

const require = createRequire(import.meta.url);

/** A realistic order-style JSON body, already encoded as SQS carries it. */
function defaultBody(ctx: GenerateContext, products: readonly string[]): string {
  const { random } = ctx;
  // A template rather than JSON.stringify: every value is known to need no escaping, and this runs per record.
  // Same draws in the same order as ever (fixtures): uuid, alnum, pick, int, pick, pick, int.
  const orderId = random.uuid();
  const customer = random.alnum(14);
  const status = random.pick(ORDER_STATUSES);
  const amount = cents(random.int(100, 99_999));
  const currency = random.pick(CURRENCIES);
  const product = jsonString(products, Math.floor(random.next() * products.length)); // = random.pick(products)
  return `{"orderId":"${orderId}","customerId":"cus_${customer}","status":"${status}","amount":${amount},"currency":"${currency}","product":${product},"quantity":${random.int(1, 5)}}`;
}

/** `String(n / 100)` for an integer n ≥ 0 without a double-to-string conversion (checked for 100..99 999). */
function cents(n: number): string {
  const units = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return String(units);
  if (rest % 10 === 0) return `${units}.${rest / 10}`;
  return `${units}.${rest < 10 ? '0' : ''}${rest}`;
}

/**
 * `String(n)`: epoch milliseconds are not small integers, and V8 formats them as doubles (slow); two small halves
 * format fast. Exact for integers 10^6 ≤ n < 10^15 (n / 10^6 cannot round up to the next integer there).
 */
function integerText(n: number): string {
  if (n >= 1e6 && n < 1e15 && Number.isInteger(n)) {
    const high = Math.floor(n / 1e6);
    const low = n - high * 1e6;
    return `${high}${low < 100_000 ? String(low).padStart(6, '0') : String(low)}`;
  }
  return String(n);
}

/** `JSON.stringify(words[i])`, cached per word list. */
const jsonWords = new WeakMap<readonly string[], string[]>();
function jsonString(words: readonly string[], i: number): string {
  let cache = jsonWords.get(words);
  if (cache === undefined) {
    cache = words.map((w) => JSON.stringify(w));
    jsonWords.set(words, cache);
  }
  return cache[i] as string;
}

const ORDER_STATUSES = ['CREATED', 'PAID', 'SHIPPED', 'CANCELLED'];
const CURRENCIES = ['USD', 'EUR', 'GBP'];

/** IAM user (`AIDA…`) or assumed-role (`AROA…:session`) principal ids, as SQS reports SenderId. */
function senderIds(ctx: GenerateContext): string[] {
  const { random } = ctx;
  const count = random.int(1, 3);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(random.bool(0.6) ? `AIDA${random.upperAlnum(17)}` : `AROA${random.upperAlnum(17)}:${userName(random)}`);
  }
  return ids;
}

/** The queue a variant reads, and what its messages carry. */
interface VariantShape {
  readonly fifo: boolean;
  /** Who sends: an IAM principal of the application, or the AWS service delivering to the queue. */
  readonly body: 'order' | 'sns' | 's3';
  readonly attributes: boolean;
  readonly deadLetter: boolean;
}

const VARIANTS: Record<SqsVariant, VariantShape> = {
  standard: { fifo: false, body: 'order', attributes: false, deadLetter: false },
  fifo: { fifo: true, body: 'order', attributes: false, deadLetter: false },
  'with-attributes': { fifo: false, body: 'order', attributes: true, deadLetter: false },
  'dead-letter': { fifo: false, body: 'order', attributes: true, deadLetter: true },
  'sns-in-body': { fifo: false, body: 'sns', attributes: false, deadLetter: false },
  'fifo-sns-in-body': { fifo: true, body: 'sns', attributes: false, deadLetter: false },
  's3-in-body': { fifo: false, body: 's3', attributes: false, deadLetter: false },
};

const EVENT_TYPES = ['OrderCreated', 'OrderPaid', 'OrderShipped', 'OrderCancelled'];
const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8'];

/** Message attributes as applications send them: string, number and binary types, custom type labels included. */
function messageAttributes(ctx: GenerateContext): Record<string, SqsAttributeValue> {
  const { random } = ctx;
  const attributes: Record<string, SqsAttributeValue> = {
    eventType: { stringValue: random.pick(EVENT_TYPES), dataType: 'String' },
    correlationId: { stringValue: random.uuid(), dataType: 'String' },
  };
  if (random.bool(0.6)) attributes.retryCount = { stringValue: String(random.int(0, 5)), dataType: 'Number' };
  if (random.bool(0.5)) attributes.contentType = { stringValue: random.pick(CONTENT_TYPES), dataType: 'String.MIME' };
  if (random.bool(0.4)) attributes.checksum = { binaryValue: random.bytes(16).toString('base64'), dataType: 'Binary' };
  for (const attribute of Object.values(attributes)) {
    attribute.stringListValues = [];
    attribute.binaryListValues = [];
  }
  return attributes;
}

/** An X-Ray trace header as SQS passes it on (`Root=1-<epoch seconds hex>-<24 hex>;Parent=…;Sampled=…`). */
function traceHeader(ctx: GenerateContext, sent: number): string {
  const { random } = ctx;
  const root = `1-${Math.floor(sent / 1000).toString(16)}-${random.hex(24)}`;
  return `Root=${root};Parent=${random.hex(16)};Sampled=${random.bool(0.2) ? 1 : 0}`;
}

/** The SNS JSON envelope a subscribed queue receives (FIFO topics add a sequence number and drop signatures). */
function snsBody(ctx: GenerateContext, scope: AwsScope, fifo: boolean, sequence: bigint): string {
  const topic = `${resourceName(ctx.random, 'topic')}${fifo ? '.fifo' : ''}`;
  const sns = ctx.nested(
    snsDefinition as never,
    { Records: [{ Sns: { TopicArn: arn(scope, 'sns', topic) } }] },
    // A Lambda function cannot subscribe to a FIFO topic, so the SNS contract has no FIFO topic ARN.
    { validate: fifo ? false : 'strict' },
  ) as SnsEvent;
  const message = sns.Records[0]?.Sns;
  if (message === undefined) throw new Error('[lambda-harness] sqs: the SNS event has no record');
  return snsSqsBody(message, ctx.random, fifo ? { sequenceNumber: sequence.toString() } : {});
}

/** The S3 event a bucket notification sends to a queue: JSON of one record, the bucket in the queue's region. */
function s3Body(ctx: GenerateContext, scope: AwsScope): string {
  return JSON.stringify(ctx.nested(s3Definition as never, { Records: [{ awsRegion: scope.region }] }));
}

export const definition = defineEvent<SqsEvent, SqsOverrides, SqsVariant>({
  id: 'sqs',
  title: 'Amazon SQS',
  invocation: 'poll',
  variants: ['standard', 'fifo', 'with-attributes', 'dead-letter', 'sns-in-body', 'fifo-sns-in-body', 's3-in-body'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html',
  referenceVariants: { 'fifo,sns-in-body': 'fifo-sns-in-body' },
  records: { key: 'Records', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules: sqsRules,
  // The partial batch response SQS, Kinesis and DynamoDB Streams mappings share (imported: the bundle inlines it).
  response: { schema: () => partialBatchResponse },
  generate(ctx) {
    const { random } = ctx;
    const shape = VARIANTS[ctx.variant];
    const scope = awsScope(random);
    const fifo = shape.fifo;
    const name = resourceName(random, 'queue');
    const queue = `${name}${shape.deadLetter ? '-dlq' : ''}${fifo ? '.fifo' : ''}`;
    const queueArn = arn(scope, 'sqs', queue);
    const sourceArn = shape.deadLetter ? arn(scope, 'sqs', `${name}${fifo ? '.fifo' : ''}`) : undefined;
    const senders = senderIds(ctx);
    const products = fakerWords('commerce.product_name.product');
    const groupCount = random.int(1, 3);
    const groups: string[] = [];
    for (let i = 0; i < groupCount; i++) groups.push(`group-${random.alnum(6)}`);
    // Messages on a dead-letter queue keep the time they were first sent, before their failed receives.
    let sent = recentEpochMs(random, ctx.now, shape.deadLetter ? 3_600_000 : 30_000);
    let sequence = fifo ? BigInt(`1${random.digits(19)}`) : 0n;
    // Plain loops instead of Array.from({ length }): same draws in the same order, without the generic iteration.
    const Records: Record<string, unknown>[] = [];
    for (let r = 0; r < ctx.records; r++) {
      sent += random.int(0, 50);
      const attributes: Record<string, string> = {
        ApproximateReceiveCount: shape.deadLetter ? String(random.int(1, 3)) : '1',
        SentTimestamp: integerText(sent),
        SenderId: random.pick(senders),
        ApproximateFirstReceiveTimestamp: integerText(sent + random.int(1, 900)),
      };
      if (fifo) {
        sequence += BigInt(random.int(1, 1_000_000));
        attributes.SequenceNumber = sequence.toString();
        attributes.MessageGroupId = random.pick(groups);
        attributes.MessageDeduplicationId = random.hex(64);
      }
      if (shape.attributes && random.bool(0.7)) attributes.AWSTraceHeader = traceHeader(ctx, sent);
      if (sourceArn !== undefined) attributes.DeadLetterQueueSourceArn = sourceArn;
      // Drawn in this order (message id, receipt handle, body) since the first fixtures.
      const messageId = random.uuid();
      const receiptHandle = `AQEB${random.token(random.int(150, 260))}`;
      const body =
        shape.body === 'sns'
          ? snsBody(ctx, scope, fifo, sequence)
          : shape.body === 's3'
            ? s3Body(ctx, scope)
            : defaultBody(ctx, products);
      Records.push({
        messageId,
        receiptHandle,
        body,
        attributes,
        messageAttributes: shape.attributes ? messageAttributes(ctx) : {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: scope.region,
      });
    }
    return { Records };
  },
  finalize(event, ctx) {
    const records = event.Records as Record<string, unknown>[];
    const set = (i: number, ...path: string[]) => overridden(ctx.overrides, 'Records', i, ...path);
    // One queue per batch: an overridden region moves every record whose region and queue are not given.
    const moved = ctx.overrides === undefined ? undefined : records.find((_, i) => set(i, 'awsRegion'))?.awsRegion;
    records.forEach((record, i) => {
      record.body = asText(record.body);
      if (!set(i, 'md5OfBody')) record.md5OfBody = rememberMd5OfBody(i, record.body as string);
      if (moved !== undefined) {
        if (!set(i, 'awsRegion')) record.awsRegion = moved;
        const region = String(record.awsRegion);
        if (!set(i, 'eventSourceARN')) record.eventSourceARN = arnWithRegion(String(record.eventSourceARN), region);
        const attributes = record.attributes as Record<string, unknown>;
        if (
          typeof attributes.DeadLetterQueueSourceArn === 'string' &&
          !set(i, 'attributes', 'DeadLetterQueueSourceArn')
        )
          attributes.DeadLetterQueueSourceArn = arnWithRegion(attributes.DeadLetterQueueSourceArn, region);
      }
      const attributes = record.messageAttributes as Record<string, SqsAttributeValue> | undefined;
      if (!set(i, 'md5OfMessageAttributes')) {
        if (attributes && Object.keys(attributes).length > 0) {
          for (const attribute of Object.values(attributes)) {
            attribute.stringListValues ??= [];
            attribute.binaryListValues ??= [];
          }
          record.md5OfMessageAttributes = sqsMessageAttributesMd5(attributes);
        } else delete record.md5OfMessageAttributes;
      }
    });
  },
});

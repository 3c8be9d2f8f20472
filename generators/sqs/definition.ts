import { createRequire } from 'node:module';
import {
  arn,
  arnWithRegion,
  awsScope,
  fakerWords,
  recentEpochMs,
  resourceName,
  userName,
} from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { asText, md5Hex, type SqsAttributeValue, sqsMessageAttributesMd5 } from '../../src/core/encoders.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { SqsEvent } from './types.gen.ts';
import type { SqsOverrides, SqsVariant } from './index.ts';

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

export const definition = defineEvent<SqsEvent, SqsOverrides, SqsVariant>({
  id: 'sqs',
  title: 'Amazon SQS',
  invocation: 'poll',
  variants: ['standard', 'fifo'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html',
  records: { key: 'Records', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const fifo = ctx.variant === 'fifo';
    const queue = `${resourceName(random, 'queue')}${fifo ? '.fifo' : ''}`;
    const queueArn = arn(scope, 'sqs', queue);
    const senders = senderIds(ctx);
    const products = fakerWords('commerce.product_name.product');
    const groupCount = random.int(1, 3);
    const groups: string[] = [];
    for (let i = 0; i < groupCount; i++) groups.push(`group-${random.alnum(6)}`);
    let sent = recentEpochMs(random, ctx.now, 30_000);
    let sequence = fifo ? BigInt(`1${random.digits(19)}`) : 0n;
    // Plain loops instead of Array.from({ length }): same draws in the same order, without the generic iteration.
    const Records: Record<string, unknown>[] = [];
    for (let r = 0; r < ctx.records; r++) {
      sent += random.int(0, 50);
      const attributes: Record<string, string> = {
        ApproximateReceiveCount: '1',
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
      Records.push({
        messageId: random.uuid(),
        receiptHandle: `AQEB${random.token(random.int(150, 260))}`,
        body: defaultBody(ctx, products),
        attributes,
        messageAttributes: {},
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
    records.forEach((record, i) => {
      record.body = asText(record.body);
      if (!overridden(ctx.overrides, 'Records', i, 'md5OfBody')) record.md5OfBody = md5Hex(record.body as string);
      if (
        overridden(ctx.overrides, 'Records', i, 'awsRegion') &&
        !overridden(ctx.overrides, 'Records', i, 'eventSourceARN')
      ) {
        record.eventSourceARN = arnWithRegion(String(record.eventSourceARN), String(record.awsRegion));
      }
      const attributes = record.messageAttributes as Record<string, SqsAttributeValue> | undefined;
      if (!overridden(ctx.overrides, 'Records', i, 'md5OfMessageAttributes')) {
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

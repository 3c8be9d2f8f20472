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
  return `{"orderId":"${random.uuid()}","customerId":"cus_${random.alnum(14)}","status":"${random.pick(ORDER_STATUSES)}","amount":${random.int(100, 99_999) / 100},"currency":"${random.pick(CURRENCIES)}","product":${JSON.stringify(random.pick(products))},"quantity":${random.int(1, 5)}}`;
}

const ORDER_STATUSES = ['CREATED', 'PAID', 'SHIPPED', 'CANCELLED'];
const CURRENCIES = ['USD', 'EUR', 'GBP'];

/** IAM user (`AIDA…`) or assumed-role (`AROA…:session`) principal ids, as SQS reports SenderId. */
function senderIds(ctx: GenerateContext): string[] {
  const { random } = ctx;
  return Array.from({ length: random.int(1, 3) }, () =>
    random.bool(0.6) ? `AIDA${random.upperAlnum(17)}` : `AROA${random.upperAlnum(17)}:${userName(random)}`,
  );
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
    const groups = Array.from({ length: random.int(1, 3) }, () => `group-${random.alnum(6)}`);
    let sent = recentEpochMs(random, ctx.now, 30_000);
    let sequence = fifo ? BigInt(`1${random.digits(19)}`) : 0n;
    const Records = Array.from({ length: ctx.records }, () => {
      sent += random.int(0, 50);
      const attributes: Record<string, string> = {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(sent),
        SenderId: random.pick(senders),
        ApproximateFirstReceiveTimestamp: String(sent + random.int(1, 900)),
      };
      if (fifo) {
        sequence += BigInt(random.int(1, 1_000_000));
        attributes.SequenceNumber = sequence.toString();
        attributes.MessageGroupId = random.pick(groups);
        attributes.MessageDeduplicationId = random.hex(64);
      }
      return {
        messageId: random.uuid(),
        receiptHandle: `AQEB${random.token(random.int(150, 260))}`,
        body: defaultBody(ctx, products),
        attributes,
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: scope.region,
      };
    });
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

import { createRequire } from 'node:module';
import { arn, awsScope, fakerWords, isoMillis, recentEpochMs, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { asText } from '../../src/core/encoders.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { SnsEvent, SnsOverrides, SnsVariant } from './index.ts';
import { snsRules } from './rules.ts';

const require = createRequire(import.meta.url);

const EVENTS = ['OrderPlaced', 'OrderShipped', 'PaymentCaptured', 'InventoryLow', 'UserSignedUp'];
const SUBJECTS = ['Order update', 'Payment notification', 'Inventory alert', 'Account notice'];

/** SignatureVersion 1 is SHA1withRSA over a 2048-bit key: 256 bytes, 344 base64 characters. */
const SIGNATURE_BYTES = 256;

function defaultMessage(ctx: GenerateContext, published: number): string {
  const { random } = ctx;
  return JSON.stringify({
    event: random.pick(EVENTS),
    id: random.uuid(),
    product: random.pick(fakerWords('commerce.product_name.product')),
    amount: random.int(100, 99_999) / 100,
    at: isoMillis(published - random.int(0, 5_000)),
  });
}

function defaultAttributes(ctx: GenerateContext): Record<string, { Type: string; Value: string }> {
  const { random } = ctx;
  return {
    eventType: { Type: 'String', Value: random.pick(EVENTS) },
    priority: { Type: 'Number', Value: String(random.int(1, 5)) },
    stores: {
      Type: 'String.Array',
      Value: JSON.stringify([`store-${random.int(1, 99)}`, `store-${random.int(1, 99)}`]),
    },
    traceContext: { Type: 'Binary', Value: random.base64(24) },
  };
}

/** The `https://sns.<region>.amazonaws.com` endpoint of an ARN's region (`.cn` in the China partition). */
export function snsEndpoint(topicArn: string): string {
  const [, partition, , region] = topicArn.split(':');
  return `https://sns.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}`;
}

export function unsubscribeUrl(subscriptionArn: string): string {
  return `${snsEndpoint(subscriptionArn)}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`;
}

export const definition = defineEvent<SnsEvent, SnsOverrides, SnsVariant>({
  id: 'sns',
  title: 'Amazon SNS',
  invocation: 'async',
  variants: ['notification', 'with-attributes'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html',
  records: { key: 'Records', default: 1, max: 1 },
  referenceVariants: { '-': 'notification' },
  schema: () => require('./schema.json'),
  rules: snsRules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const topicArn = arn(scope, 'sns', resourceName(random, 'topic'));
    const Records = Array.from({ length: ctx.records }, () => {
      const subscriptionArn = `${topicArn}:${random.uuid()}`;
      const endpoint = snsEndpoint(topicArn);
      const published = recentEpochMs(random, ctx.now, 5_000);
      return {
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        EventSource: 'aws:sns',
        Sns: {
          Type: 'Notification',
          MessageId: random.uuid(),
          TopicArn: topicArn,
          Subject: random.bool(0.7) ? random.pick(SUBJECTS) : null,
          Message: defaultMessage(ctx, published),
          Timestamp: isoMillis(published),
          SignatureVersion: '1',
          Signature: random.bytes(SIGNATURE_BYTES).toString('base64'),
          SigningCertUrl: `${endpoint}/SimpleNotificationService-${random.hex(32)}.pem`,
          UnsubscribeUrl: unsubscribeUrl(subscriptionArn),
          MessageAttributes: ctx.variant === 'with-attributes' ? defaultAttributes(ctx) : {},
        },
      };
    });
    return { Records };
  },
  finalize(event, ctx) {
    const records = event.Records as { EventSubscriptionArn: string; Sns: Record<string, unknown> }[];
    records.forEach((record, i) => {
      const sns = record.Sns;
      const set = (...path: string[]) => overridden(ctx.overrides, 'Records', i, ...path);
      sns.Message = asText(sns.Message);
      const topicArn = String(sns.TopicArn);
      if (set('Sns', 'TopicArn') && !set('EventSubscriptionArn')) {
        const uuid = record.EventSubscriptionArn.slice(record.EventSubscriptionArn.lastIndexOf(':') + 1);
        record.EventSubscriptionArn = `${topicArn}:${uuid}`;
      }
      if (!set('Sns', 'UnsubscribeUrl')) sns.UnsubscribeUrl = unsubscribeUrl(record.EventSubscriptionArn);
      if (set('Sns', 'TopicArn') && !set('Sns', 'SigningCertUrl')) {
        const file = String(sns.SigningCertUrl).slice(String(sns.SigningCertUrl).lastIndexOf('/'));
        sns.SigningCertUrl = `${snsEndpoint(topicArn)}${file}`;
      }
    });
  },
});

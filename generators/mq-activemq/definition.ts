import { createRequire } from 'node:module';
import { arn, awsScope, fakerWords, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { toBase64 } from '../../src/core/encoders.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { MqActivemqOverrides, MqActivemqVariant } from './index.ts';
import { activemqRules } from './rules.ts';
import type { MqActivemqEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** A message body given decoded: bytes as they are, a string as UTF-8 text, anything else as JSON; then base64. */
export function encodeMqData(value: unknown): string {
  if (value instanceof Uint8Array) return toBase64(value);
  return toBase64(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The broker's id and ARN, shared with the RabbitMQ generator. */
export function brokerArn(ctx: GenerateContext): { arn: string; brokerId: string; region: string } {
  const { random } = ctx;
  const scope = awsScope(random);
  const brokerId = `b-${random.uuid()}`;
  return {
    arn: arn(scope, 'mq', `broker:${resourceName(random, 'broker')}:${brokerId}`),
    brokerId,
    region: scope.region,
  };
}

const QUEUES = ['orders', 'payments', 'notifications', 'invoices', 'shipments'];
const STATUSES = ['CREATED', 'PAID', 'SHIPPED', 'CANCELLED'];

export const definition = defineEvent<MqActivemqEvent, MqActivemqOverrides, MqActivemqVariant>({
  id: 'mq-activemq',
  title: 'Amazon MQ for ActiveMQ',
  invocation: 'poll',
  variants: ['text-message', 'bytes-message'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html',
  records: { key: 'messages', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules: activemqRules,
  generate(ctx) {
    const { random } = ctx;
    const broker = brokerArn(ctx);
    const host = `${broker.brokerId}-1.mq.${broker.region}.amazonaws.com`;
    const started = ctx.now - random.int(3_600_000, 30 * 86_400_000);
    // ActiveMQ ids nest: connection `ID:<host>-<port>-<start>-<n>:<c>`, message `<connection>:<session>:<producer>:<seq>`.
    const connections = Array.from(
      { length: random.int(1, 3) },
      () => `ID:${host}-${random.int(32_768, 60_999)}-${started}-${random.int(0, 9)}:${random.int(1, 40)}`,
    );
    const queue = `${random.pick(QUEUES)}.${random.pick(['queue', 'inbound', 'events'])}`;
    const products = fakerWords('commerce.product_name.product');
    const bytes = ctx.variant === 'bytes-message';
    let sequence = random.int(1, 5_000);
    let sent = ctx.now - random.int(1_000, 60_000);
    const messages = Array.from({ length: ctx.records }, () => {
      sent += random.int(0, 40);
      const brokerIn = sent + random.int(0, 5);
      const connectionId = random.pick(connections);
      const data = bytes
        ? random.bytes(random.int(8, 64)).toString('base64')
        : toBase64(
            `{"orderId":"${random.uuid()}","status":"${random.pick(STATUSES)}","amount":${random.int(100, 99_999) / 100},"product":${JSON.stringify(random.pick(products))}}`,
          );
      return {
        messageID: `${connectionId}:1:1:${sequence++}`,
        messageType: bytes ? 'jms/bytes-message' : 'jms/text-message',
        deliveryMode: random.bool(0.7) ? 2 : 1,
        replyTo: null,
        type: null,
        expiration: '0',
        priority: 4,
        correlationId: random.bool(0.3) ? random.uuid() : null,
        connectionId,
        redelivered: false,
        destination: { physicalName: queue },
        data,
        timestamp: sent,
        brokerInTime: brokerIn,
        brokerOutTime: brokerIn + random.int(1, 200),
        properties: random.bool(0.5) ? { source: 'checkout-service', schemaVersion: '1' } : {},
      };
    });
    return { eventSource: 'aws:mq', eventSourceArn: broker.arn, messages };
  },
  finalize(event, ctx) {
    const messages = event.messages as Record<string, unknown>[];
    messages.forEach((message, i) => {
      if (overridden(ctx.overrides, 'messages', i, 'data')) message.data = encodeMqData(message.data);
      // `persistent` and `deliveryMode` are one JMS header: a given one sets the other.
      const persistent = overridden(ctx.overrides, 'messages', i, 'persistent');
      if (persistent && !overridden(ctx.overrides, 'messages', i, 'deliveryMode') && message.deliveryMode !== undefined)
        message.deliveryMode = message.persistent === true ? 2 : 1;
    });
  },
});

import { createRequire } from 'node:module';
import { fakerWords } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { toBase64 } from '../../src/core/encoders.ts';
import { isPlainObject, overridden } from '../../src/core/overrides.ts';
import { brokerArn, encodeMqData } from '../mq-activemq/definition.ts';
import type { MqRabbitmqOverrides, MqRabbitmqVariant } from './index.ts';
import { rabbitmqRules } from './rules.ts';
import type { MqRabbitmqEvent } from './types.gen.ts';
import { setOwn } from '../../src/core/own.ts';

const require = createRequire(import.meta.url);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An AMQP timestamp as Lambda prints it (Gson's default `java.util.Date` form, UTC): `Jan 1, 1970, 12:33:41 AM`. */
export function gsonDate(epochMs: number): string {
  const d = new Date(epochMs);
  const hours = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${hours % 12 === 0 ? 12 : hours % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** An AMQP long-string header value as the event carries it. */
export function headerText(text: string): { bytes: number[] } {
  return { bytes: [...Buffer.from(text, 'utf8')] };
}

/** Every basic property AWS sends, unset ones null (the RabbitMQ event in https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html). */
function emptyProperties(): Record<string, unknown> {
  return {
    contentType: null,
    contentEncoding: null,
    headers: null,
    deliveryMode: null,
    priority: null,
    correlationId: null,
    replyTo: null,
    expiration: null,
    messageId: null,
    timestamp: null,
    type: null,
    userId: null,
    appId: null,
    clusterId: null,
    bodySize: 0,
  };
}

const QUEUES = ['orders', 'payments', 'notifications', 'invoices', 'shipments'];
const STATUSES = ['CREATED', 'PAID', 'SHIPPED', 'CANCELLED'];

function body(ctx: GenerateContext, products: readonly string[]): string {
  const { random } = ctx;
  if (ctx.variant === 'text')
    return `${random.pick(STATUSES)} ${random.uuid()} ${JSON.stringify(random.pick(products)).slice(1, -1)}`;
  return `{"orderId":"${random.uuid()}","status":"${random.pick(STATUSES)}","amount":${random.int(100, 99_999) / 100},"product":${JSON.stringify(random.pick(products))}}`;
}

export const definition = defineEvent<MqRabbitmqEvent, MqRabbitmqOverrides, MqRabbitmqVariant>({
  id: 'mq-rabbitmq',
  title: 'Amazon MQ for RabbitMQ',
  invocation: 'poll',
  variants: ['json', 'text'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html',
  records: { key: 'rmqMessagesByQueue', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules: rabbitmqRules,
  generate(ctx) {
    const { random } = ctx;
    const broker = brokerArn(ctx);
    const byQueue: Record<string, unknown[]> = {};
    const event = { eventSource: 'aws:rmq', eventSourceArn: broker.arn, rmqMessagesByQueue: byQueue };
    if (isPlainObject(ctx.overrides) && isPlainObject(ctx.overrides.rmqMessagesByQueue)) return event;
    const vhost = random.bool(0.7) ? '/' : `/${random.pick(['prod', 'staging', 'orders'])}`;
    const queue = `${random.pick(QUEUES)}-queue`;
    const list: unknown[] = [];
    byQueue[`${queue}::${vhost}`] = list;
    const products = fakerWords('commerce.product_name.product');
    const appId = random.bool(0.5) ? `${random.pick(QUEUES)}-service` : null;
    let sent = ctx.now - random.int(1_000, 60_000);
    for (let i = 0; i < ctx.records; i++) {
      sent += random.int(0, 1_500);
      const text = body(ctx, products);
      list.push({
        basicProperties: {
          ...emptyProperties(),
          contentType: ctx.variant === 'text' ? 'text/plain' : 'application/json',
          headers: random.bool(0.5) ? { 'x-source': headerText(appId ?? 'producer'), 'x-retry-count': 0 } : null,
          deliveryMode: random.bool(0.7) ? 2 : 1,
          messageId: random.bool(0.6) ? random.uuid() : null,
          timestamp: random.bool(0.6) ? gsonDate(sent) : null,
          appId,
        },
        redelivered: false,
        data: toBase64(text),
      });
    }
    return event;
  },
  finalize(event, ctx) {
    const byQueue = event.rmqMessagesByQueue;
    if (!isPlainObject(byQueue)) return;
    for (const [key, list] of Object.entries(byQueue)) {
      if (!Array.isArray(list)) continue;
      list.forEach((raw, i) => {
        if (!isPlainObject(raw)) return;
        const given = (...path: string[]) => overridden(ctx.overrides, 'rmqMessagesByQueue', key, i, ...path);
        raw.redelivered ??= false;
        if (raw.data === undefined) raw.data = toBase64('');
        else if (given('data')) raw.data = encodeMqData(raw.data);
        const properties = isPlainObject(raw.basicProperties) ? raw.basicProperties : {};
        const completed: Record<string, unknown> = { ...emptyProperties(), ...properties };
        if (isPlainObject(completed.headers)) {
          for (const [name, value] of Object.entries(completed.headers)) {
            if (typeof value === 'string') setOwn(completed.headers, name, headerText(value));
          }
        }
        if (!given('basicProperties', 'bodySize')) {
          completed.bodySize = Buffer.byteLength(String(raw.data), 'base64');
        }
        raw.basicProperties = completed;
      });
    }
  },
});

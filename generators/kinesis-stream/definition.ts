import { createRequire } from 'node:module';
import { arn, arnWithRegion, awsScope, fakerWords, isoSeconds, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { blobToBase64, toBase64 } from '../../src/core/encoders.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { KinesisStreamVariant, KinesisStreamOverrides } from './index.ts';
import { rules } from './rules.ts';
import type { KinesisStreamEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** `shardId-000000000003`: Lambda reads each shard separately, so a batch holds one shard. */
export function shardIdFor(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/** A 56-digit sequence number and a generator of the following ones on the same shard. */
export function sequenceNumbers(ctx: GenerateContext): () => string {
  const { random } = ctx;
  let sequence = BigInt(`4959${random.digits(52)}`);
  return () => {
    sequence += BigInt(random.int(1, 999_999)) * 10n ** 21n + BigInt(random.digits(21));
    return sequence.toString();
  };
}

const EVENT_TYPES = ['page_view', 'add_to_cart', 'checkout', 'search', 'sign_in'];
const DEVICES = ['web', 'ios', 'android'];

const WINDOW_SECONDS = [60, 120, 300, 900];

export const definition = defineEvent<KinesisStreamEvent, KinesisStreamOverrides, KinesisStreamVariant>({
  id: 'kinesis-stream',
  title: 'Amazon Kinesis Data Streams',
  invocation: 'poll',
  variants: ['plain', 'tumbling-window'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html',
  records: { key: 'Records', default: 1, max: 10_000 },
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const stream = resourceName(random, 'stream');
    const streamArn = arn(scope, 'kinesis', `stream/${stream}`);
    const roleArn = arn(scope, 'iam', `role/${stream}-lambda-role`, { region: false });
    const shardId = shardIdFor(random.int(0, 15));
    const products = fakerWords('commerce.product_name.product');
    const users = Array.from({ length: random.int(1, 4) }, () => `user-${random.alnum(8)}`);
    const next = sequenceNumbers(ctx);
    const tumbling = ctx.variant === 'tumbling-window';
    const windowMs = random.pick(WINDOW_SECONDS) * 1000;
    const windowStart = Math.floor((ctx.now - 1) / windowMs) * windowMs;
    let arrival = tumbling ? windowStart + random.int(0, windowMs / 4) : ctx.now - random.int(1_000, 60_000);
    // Records of a window arrived within it: steps shrink so that every arrival stays inside.
    const step = tumbling ? Math.min(40, Math.floor((windowStart + windowMs - 1 - arrival) / ctx.records)) : 40;
    // Server-side encryption: absent in older events, else one setting for the stream's records.
    const encryption = random.bool(0.3) ? undefined : random.bool(0.5) ? 'KMS' : 'NONE';
    const Records = Array.from({ length: ctx.records }, () => {
      arrival += random.int(0, step);
      const sequenceNumber = next();
      const user = random.pick(users);
      const payload = {
        eventId: random.uuid(),
        type: random.pick(EVENT_TYPES),
        userId: user,
        device: random.pick(DEVICES),
        product: random.pick(products),
        timestamp: new Date(arrival - random.int(5, 500)).toISOString(),
      };
      const kinesis: Record<string, unknown> = {
        kinesisSchemaVersion: '1.0',
        partitionKey: user,
        sequenceNumber,
        data: toBase64(JSON.stringify(payload)),
        approximateArrivalTimestamp: arrival / 1000,
      };
      if (encryption !== undefined) kinesis.encryptionType = encryption;
      return {
        kinesis,
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${shardId}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: roleArn,
        awsRegion: scope.region,
        eventSourceARN: streamArn,
      };
    });
    if (!tumbling) return { Records };
    const counts: Record<string, number> = {};
    if (random.bool(0.5)) for (const user of users) counts[user] = random.int(1, 500);
    return {
      Records,
      window: { start: isoSeconds(windowStart), end: isoSeconds(windowStart + windowMs) },
      state: counts,
      shardId,
      eventSourceARN: streamArn,
      isFinalInvokeForWindow: random.bool(0.2),
      isWindowTerminatedEarly: false,
    };
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    const records = event.Records as Record<string, unknown>[];
    records.forEach((record, i) => {
      const kinesis = record.kinesis as Record<string, unknown>;
      if (overridden(overrides, 'Records', i, 'kinesis', 'data')) kinesis.data = blobToBase64(kinesis.data);
      if (overridden(overrides, 'Records', i, 'awsRegion') && !overridden(overrides, 'Records', i, 'eventSourceARN')) {
        record.eventSourceARN = arnWithRegion(String(record.eventSourceARN), String(record.awsRegion));
      }
      if (!overridden(overrides, 'Records', i, 'eventID')) {
        const shard = typeof event.shardId === 'string' ? event.shardId : String(record.eventID).split(':')[0];
        record.eventID = `${shard}:${String(kinesis.sequenceNumber)}`;
      }
    });
    if ('eventSourceARN' in event && !overridden(overrides, 'eventSourceARN') && records[0] !== undefined) {
      event.eventSourceARN = records[0].eventSourceARN;
    }
  },
});

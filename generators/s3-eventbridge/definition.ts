import { createRequire } from 'node:module';
import { awsScope, ipv4, isoSeconds, recentEpochMs, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { S3EventbridgeOverrides, S3EventbridgeVariant } from './index.ts';
import { rules } from './rules.ts';
import type { S3EventbridgeEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const DETAIL_TYPES: Readonly<Record<S3EventbridgeVariant, string>> = {
  'object-created': 'Object Created',
  'object-deleted': 'Object Deleted',
  'object-restore-completed': 'Object Restore Completed',
};
const DAY_MS = 86_400_000;

/** A raw object key as a user writes it: EventBridge passes it as is (spaces and all), not URL-encoded. */
function objectKey(ctx: GenerateContext): string {
  const { random } = ctx;
  const folder = random.pick(['uploads', 'images', 'reports/2026', 'archive']);
  const name = random.pick(['IMG_', 'invoice ', 'report-', 'photo ']) + random.alnum(6).toLowerCase();
  return `${folder}/${name}.${random.pick(['jpg', 'csv', 'json', 'pdf'])}`;
}

/** S3's sequencer: a hexadecimal value that grows with the time of the change. */
function sequencer(ctx: GenerateContext, time: number): string {
  return (BigInt(time) * 1_000n + BigInt(ctx.random.int(0, 999))).toString(16).toUpperCase().padStart(18, '0');
}

export const definition = defineEvent<S3EventbridgeEvent, S3EventbridgeOverrides, S3EventbridgeVariant>({
  id: 's3-eventbridge',
  title: 'Amazon S3 via Amazon EventBridge',
  invocation: 'async',
  variants: ['object-created', 'object-deleted', 'object-restore-completed'],
  docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html',
  referenceVariants: {
    'Object Created': 'object-created',
    'Object Deleted': 'object-deleted',
    'Object Restore Completed': 'object-restore-completed',
  },
  schema: () => require('./schema.json'),
  rules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const time = recentEpochMs(random, ctx.now, 60_000);
    const bucket = `${resourceName(random, 'bucket')}-${random.digits(6)}`;
    const versioned = random.bool(0.5);
    const object: Record<string, unknown> = { key: objectKey(ctx) };
    const detail: Record<string, unknown> = { version: '0', bucket: { name: bucket }, object };
    const versionId = () => random.base64(32).replace(/[+/=]/g, '_');
    if (ctx.variant === 'object-created') {
      object.size = random.int(1, 50 * 1024 * 1024);
      object.etag = random.hex(32);
      if (versioned) object['version-id'] = versionId();
      object.sequencer = sequencer(ctx, time);
      Object.assign(detail, {
        'request-id': random.upperAlnum(16),
        requester: scope.accountId,
        'source-ip-address': ipv4(random),
        reason: random.pick(['PutObject', 'POST Object', 'CopyObject', 'CompleteMultipartUpload']),
      });
    } else if (ctx.variant === 'object-deleted') {
      const lifecycle = random.bool(0.3);
      if (versioned) object['version-id'] = versionId();
      object.sequencer = sequencer(ctx, time);
      detail['request-id'] = random.upperAlnum(16);
      // Lifecycle expirations are S3's own action: no caller IP.
      detail.requester = lifecycle ? 's3.amazonaws.com' : scope.accountId;
      if (!lifecycle) detail['source-ip-address'] = ipv4(random);
      detail.reason = lifecycle ? 'Lifecycle Expiration' : 'DeleteObject';
      detail['deletion-type'] = versioned ? 'Delete Marker Created' : 'Permanently Deleted';
    } else {
      object.size = random.int(1, 50 * 1024 * 1024);
      object.etag = random.hex(32);
      if (versioned) object['version-id'] = versionId();
      object.sequencer = sequencer(ctx, time);
      Object.assign(detail, {
        'request-id': random.upperAlnum(16),
        requester: 's3.amazonaws.com',
        // Restored copies expire at midnight UTC, the chosen number of days later.
        'restore-expiry-time': isoSeconds(Math.ceil(time / DAY_MS) * DAY_MS + random.int(1, 30) * DAY_MS),
        'source-storage-class': random.pick(['GLACIER', 'DEEP_ARCHIVE']),
      });
    }
    return {
      version: '0',
      id: random.uuid(),
      'detail-type': DETAIL_TYPES[ctx.variant],
      source: 'aws.s3',
      account: scope.accountId,
      time: isoSeconds(time),
      region: scope.region,
      resources: [`arn:${scope.partition}:s3:::${bucket}`],
      detail,
    };
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    // The bucket's ARN follows an overridden bucket name unless resources are given themselves.
    if (overridden(overrides, 'detail', 'bucket', 'name') && !overridden(overrides, 'resources')) {
      const name = String((event.detail as { bucket: { name: unknown } }).bucket.name);
      event.resources = (event.resources as string[]).map((r) => r.replace(/:::.*$/, `:::${name}`));
    }
    // A requester given as an account follows the overridden account.
    const detail = event.detail as Record<string, unknown>;
    if (
      overridden(overrides, 'account') &&
      !overridden(overrides, 'detail', 'requester') &&
      /^\d{12}$/.test(String(detail.requester))
    )
      detail.requester = event.account;
  },
});

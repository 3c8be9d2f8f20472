import { createRequire } from 'node:module';
import { awsScope, fakerWords, ipv4, isoMillis, recentEpochMs, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { s3EncodeKey } from '../../src/core/encoders.ts';
import { overrideAt, overridden } from '../../src/core/overrides.ts';
import type { S3Overrides, S3Variant } from './index.ts';
import { eventKind, eventVersionOf, s3Rules } from './rules.ts';
import type { S3Event } from './types.gen.ts';

const require = createRequire(import.meta.url);

const DAY = 86_400_000;
/** Events S3 itself originates (lifecycle, restore completion, replication) name S3 as principal and source. */
const S3_SERVICE = 's3.amazonaws.com';

interface VariantShape {
  readonly eventNames: readonly string[];
  readonly eventVersion: string;
  /** The object exists afterwards: `size` and `eTag` are sent. */
  readonly content: boolean;
  readonly byService: boolean;
}

const VARIANTS: Record<S3Variant, VariantShape> = {
  put: { eventNames: ['ObjectCreated:Put'], eventVersion: '2.1', content: true, byService: false },
  copy: { eventNames: ['ObjectCreated:Copy'], eventVersion: '2.1', content: true, byService: false },
  delete: {
    eventNames: ['ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated'],
    eventVersion: '2.1',
    content: false,
    byService: false,
  },
  multipart: {
    eventNames: ['ObjectCreated:CompleteMultipartUpload'],
    eventVersion: '2.1',
    content: true,
    byService: false,
  },
  lifecycle: {
    eventNames: ['LifecycleExpiration:Delete', 'LifecycleExpiration:DeleteMarkerCreated'],
    eventVersion: '2.3',
    content: false,
    byService: true,
  },
  restore: { eventNames: ['ObjectRestore:Completed'], eventVersion: '2.1', content: true, byService: true },
  replication: {
    eventNames: [
      'Replication:OperationFailedReplication',
      'Replication:OperationMissedThreshold',
      'Replication:OperationReplicatedAfterThreshold',
    ],
    eventVersion: '2.2',
    content: true,
    byService: true,
  },
  post: { eventNames: ['ObjectCreated:Post'], eventVersion: '2.1', content: true, byService: false },
  'restore-post': { eventNames: ['ObjectRestore:Post'], eventVersion: '2.1', content: true, byService: false },
  'restore-delete': { eventNames: ['ObjectRestore:Delete'], eventVersion: '2.3', content: true, byService: true },
  'reduced-redundancy-lost': {
    eventNames: ['ReducedRedundancyLostObject'],
    eventVersion: '2.1',
    content: true,
    byService: true,
  },
  'lifecycle-transition': { eventNames: ['LifecycleTransition'], eventVersion: '2.3', content: true, byService: true },
  'intelligent-tiering': { eventNames: ['IntelligentTiering'], eventVersion: '2.3', content: true, byService: true },
  tagging: {
    eventNames: ['ObjectTagging:Put', 'ObjectTagging:Delete'],
    eventVersion: '2.3',
    content: true,
    byService: false,
  },
  acl: { eventNames: ['ObjectAcl:Put'], eventVersion: '2.3', content: true, byService: false },
};

const PREFIXES = ['uploads/', 'images/', 'reports/2026/', 'exports/', 'invoices/', ''];
const EXTENSIONS = ['.jpg', '.png', '.pdf', '.csv', '.json', '.parquet', '.txt'];
const TRANSITION_CLASSES = [
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
];
const ACCESS_TIERS = ['ARCHIVE_ACCESS', 'DEEP_ARCHIVE_ACCESS'];
const FAILURES = ['AssumeRoleNotPermitted', 'DstBucketNotFound', 'DstKmsKeyNotFound', 'SrcGetObjectNotPermitted'];

/** A raw key as users name objects: sometimes with spaces or parentheses, so the encoding matters. */
function rawKey(ctx: GenerateContext, words: readonly string[]): string {
  const { random } = ctx;
  const name = random.bool(0.3)
    ? `${random.pick(words)} ${random.pick(words)} (${random.int(1, 9)})`
    : `${random.pick(words).toLowerCase().replace(/\s+/g, '-')}-${random.hex(8)}`;
  return `${random.pick(PREFIXES)}${name}${random.pick(EXTENSIONS)}`;
}

/** The canonical-user-style principal S3 reports for bucket owners and IAM principals for requesters. */
function ownerPrincipal(ctx: GenerateContext): string {
  return `A${ctx.random.upperAlnum(ctx.random.int(12, 13))}`;
}

function requesterPrincipal(ctx: GenerateContext): string {
  const { random } = ctx;
  return random.bool(0.6) ? `AWS:AIDA${random.upperAlnum(17)}` : `AWS:AROA${random.upperAlnum(17)}:${random.alnum(10)}`;
}

/** Extra data fields and the event names they come with. */
const EVENT_DATA: readonly (readonly [field: string, matches: (eventName: string) => boolean])[] = [
  ['glacierEventData', (name) => name === 'ObjectRestore:Completed'],
  ['replicationEventData', (name) => name.startsWith('Replication:')],
  ['lifecycleEventData', (name) => name === 'LifecycleTransition'],
  ['intelligentTieringEventData', (name) => name === 'IntelligentTiering'],
];

export const definition = defineEvent<S3Event, S3Overrides, S3Variant>({
  id: 's3',
  title: 'Amazon S3',
  invocation: 'async',
  variants: [
    'put',
    'copy',
    'delete',
    'multipart',
    'lifecycle',
    'restore',
    'replication',
    'post',
    'restore-post',
    'restore-delete',
    'reduced-redundancy-lost',
    'lifecycle-transition',
    'intelligent-tiering',
    'tagging',
    'acl',
  ],
  docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html',
  // S3 sends one record per notification.
  records: { key: 'Records', default: 1, max: 1 },
  referenceVariants: {
    'ObjectCreated:Put': 'put',
    'ObjectRemoved:Delete': 'delete',
    'LifecycleExpiration:Delete': 'lifecycle',
  },
  schema: () => require('./schema.json'),
  rules: s3Rules,
  generate(ctx) {
    const { random } = ctx;
    const shape = VARIANTS[ctx.variant];
    const scope = awsScope(random);
    const bucket = `${resourceName(random, 'bucket')}-${random.digits(6)}`;
    const owner = ownerPrincipal(ctx);
    const requester = shape.byService ? S3_SERVICE : requesterPrincipal(ctx);
    const sourceIp = shape.byService ? S3_SERVICE : ipv4(random);
    const configurationId = random.bool(0.5) ? `${bucket}-notification` : random.base64(48).replace(/[+/]/g, 'A');
    const versioned = ctx.variant === 'replication' || random.bool(0.5);
    const words = fakerWords('word.noun');
    let time = recentEpochMs(random, ctx.now, 60_000);
    let sequencer = BigInt(time) * 1_000_000n + BigInt(random.int(0, 999_999));
    const Records = Array.from({ length: ctx.records }, () => {
      time += random.int(0, 200);
      sequencer += BigInt(random.int(1, 1_000_000));
      const eventName = random.pick(shape.eventNames);
      const object: Record<string, unknown> = { key: s3EncodeKey(rawKey(ctx, words)) };
      if (shape.content) {
        const multipart = ctx.variant === 'multipart';
        object.size = multipart ? random.int(5 * 1024 * 1024, 2 ** 34) : random.int(0, 50 * 1024 * 1024);
        object.eTag = multipart ? `${random.hex(32)}-${random.int(2, 400)}` : random.hex(32);
      }
      if (versioned || eventName.endsWith('DeleteMarkerCreated'))
        object.versionId = random.base64(32).replace(/[+/]/g, '_');
      object.sequencer = sequencer.toString(16).toUpperCase().padStart(18, '0');
      const record: Record<string, unknown> = {
        eventVersion: shape.eventVersion,
        eventSource: 'aws:s3',
        awsRegion: scope.region,
        eventTime: isoMillis(time),
        eventName,
        userIdentity: { principalId: requester },
        requestParameters: { sourceIPAddress: sourceIp },
        responseElements: {
          'x-amz-request-id': random.hex(16).toUpperCase(),
          'x-amz-id-2': random.base64(76),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId,
          bucket: { name: bucket, ownerIdentity: { principalId: owner }, arn: `arn:${scope.partition}:s3:::${bucket}` },
          object,
        },
      };
      if (ctx.variant === 'restore') {
        const expiry = Math.floor(time / DAY + random.int(1, 30)) * DAY;
        record.glacierEventData = {
          restoreEventData: {
            lifecycleRestorationExpiryTime: isoMillis(expiry),
            lifecycleRestoreStorageClass: random.pick(['GLACIER', 'DEEP_ARCHIVE']),
          },
        };
      }
      if (ctx.variant === 'lifecycle-transition')
        record.lifecycleEventData = {
          transitionEventData: { destinationStorageClass: random.pick(TRANSITION_CLASSES) },
        };
      if (ctx.variant === 'intelligent-tiering')
        record.intelligentTieringEventData = { destinationAccessTier: random.pick(ACCESS_TIERS) };
      if (ctx.variant === 'replication') {
        const data: Record<string, string> = {
          replicationRuleId: `${bucket}-replication`,
          destinationBucket: `arn:${scope.partition}:s3:::${bucket}-replica`,
          s3Operation: 'OBJECT_PUT',
          requestTime: isoMillis(time - random.int(1_000, 900_000)),
        };
        if (eventName.endsWith('FailedReplication')) data.failureReason = random.pick(FAILURES);
        else data.threshold = '15';
        record.replicationEventData = data;
      }
      return record;
    });
    return { Records };
  },
  finalize(event, ctx) {
    const records = event.Records as {
      eventName: string;
      s3: { bucket: Record<string, unknown>; object: Record<string, unknown> };
    }[];
    records.forEach((record, i) => {
      const set = (...path: string[]) => overridden(ctx.overrides, 'Records', i, ...path);
      const { bucket, object } = record.s3;
      if (set('s3', 'object', 'key')) {
        object.key = s3EncodeKey(String(overrideAt(ctx.overrides, 'Records', i, 's3', 'object', 'key')));
      }
      if (set('s3', 'bucket', 'name') && !set('s3', 'bucket', 'arn')) {
        const partition = String(bucket.arn).split(':')[1] ?? 'aws';
        bucket.arn = `arn:${partition}:s3:::${String(bucket.name)}`;
      }
      if (set('eventName')) {
        // Another event type: its version, and no size, eTag or extra data it does not come with.
        const data = record as unknown as Record<string, unknown>;
        if (!set('eventVersion')) data.eventVersion = eventVersionOf(record.eventName)[0];
        if (eventKind(record.eventName) === 'removed') {
          if (!set('s3', 'object', 'size')) delete object.size;
          if (!set('s3', 'object', 'eTag')) delete object.eTag;
        }
        for (const [field, matches] of EVENT_DATA) if (!matches(record.eventName) && !set(field)) delete data[field];
      }
    });
  },
});

import { parseArn } from '../../src/contracts/rule-kit.ts';
import { at, defineRule, show } from '../../src/contracts/rules.ts';
import { s3DecodeKey, s3EncodeKey } from '../../src/core/encoders.ts';
import type { S3Event, S3Record } from './types.gen.ts';

/** What kind of change an event name reports, for the fields S3 sends with it. */
export type S3EventKind = 'created' | 'removed' | 'restore' | 'replication' | 'transition' | 'tiering' | 'other';

export function eventKind(eventName: string): S3EventKind {
  if (eventName.startsWith('ObjectCreated:')) return 'created';
  if (eventName.startsWith('ObjectRemoved:') || eventName.startsWith('LifecycleExpiration:')) return 'removed';
  if (eventName === 'ObjectRestore:Post' || eventName === 'ObjectRestore:Completed') return 'restore';
  if (eventName.startsWith('Replication:')) return 'replication';
  if (eventName === 'LifecycleTransition') return 'transition';
  if (eventName === 'IntelligentTiering') return 'tiering';
  return 'other';
}

/** The notification version S3 writes per event type (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html). */
export function eventVersionOf(eventName: string): readonly string[] {
  if (eventName.startsWith('Replication:')) return ['2.2'];
  if (
    /^(LifecycleExpiration:|LifecycleTransition|IntelligentTiering|ObjectTagging:|ObjectAcl:)/.test(eventName) ||
    eventName === 'ObjectRestore:Delete'
  )
    return ['2.3'];
  // 2.0 is what the first notifications carried; AWS's own samples still show it.
  return ['2.1', '2.0'];
}

const forRecords = (event: S3Event, check: (record: S3Record, i: number) => void) => event.Records.forEach(check);

const objectContent = defineRule<S3Event>({
  id: 'object-content',
  description:
    'Objects that exist after the event (created, restored, replicated, transitioned, tiered) come with size and eTag; removed ones (ObjectRemoved, LifecycleExpiration) without.',
  check(event, report) {
    forRecords(event, (record, i) => {
      const kind = eventKind(record.eventName);
      if (kind === 'other') return;
      const object = record.s3.object as unknown as Record<string, unknown>;
      for (const field of ['size', 'eTag']) {
        const path = ['Records', i, 's3', 'object', field];
        if (kind === 'removed' && object[field] !== undefined)
          report({
            path,
            expected: `nothing (${show(record.eventName)} removes the object)`,
            received: show(object[field]),
          });
        if (kind !== 'removed' && object[field] === undefined)
          report({ path, expected: `the object's ${field} (${show(record.eventName)})`, received: 'nothing' });
      }
    });
  },
});

const EVENT_DATA = [
  ['glacierEventData', 'ObjectRestore:Completed'],
  ['replicationEventData', 'Replication:*'],
  ['lifecycleEventData', 'LifecycleTransition'],
  ['intelligentTieringEventData', 'IntelligentTiering'],
] as const;

const eventData = defineRule<S3Event>({
  id: 'event-data',
  description:
    'The extra data of an event type comes with it only: glacierEventData with ObjectRestore:Completed, replicationEventData with Replication:*, lifecycleEventData with LifecycleTransition, intelligentTieringEventData with IntelligentTiering.',
  check(event, report) {
    forRecords(event, (record, i) => {
      const data = record as unknown as Record<string, unknown>;
      for (const [field, name] of EVENT_DATA) {
        const wanted = name.endsWith('*') ? record.eventName.startsWith(name.slice(0, -1)) : record.eventName === name;
        const present = data[field] !== undefined;
        if (wanted !== present)
          report({
            path: ['Records', i, field],
            expected: wanted ? `${field} (${show(record.eventName)})` : `nothing (${field} comes with ${name} only)`,
            received: present ? show(data[field]) : 'nothing',
          });
      }
    });
  },
});

const eventVersion = defineRule<S3Event>({
  id: 'event-version',
  description:
    'eventVersion is 2.2 for replication events, 2.3 for lifecycle, tiering, tagging, ACL and restore-delete events, 2.1 (or the original 2.0) otherwise.',
  check(event, report) {
    forRecords(event, (record, i) => {
      const versions = eventVersionOf(record.eventName);
      if (!versions.includes(record.eventVersion))
        report({
          path: ['Records', i, 'eventVersion'],
          expected: `${versions.map((v) => show(v)).join(' or ')} (${at('Records', i, 'eventName')} is ${show(record.eventName)})`,
          received: show(record.eventVersion),
        });
    });
  },
});

const keyEncoding = defineRule<S3Event>({
  id: 'key-encoding',
  description:
    "The object key is URL-encoded as a form is: space as '+', '/' kept, other reserved and non-ASCII characters percent-encoded (UTF-8, upper-case hex).",
  check(event, report) {
    forRecords(event, (record, i) => {
      const key = record.s3.object.key;
      let canonical: string;
      try {
        canonical = s3EncodeKey(s3DecodeKey(key));
      } catch {
        canonical = '';
      }
      if (canonical !== key)
        report({
          path: ['Records', i, 's3', 'object', 'key'],
          expected: canonical === '' ? 'a URL-encoded key' : `the key as S3 encodes it (${show(canonical)})`,
          received: show(key),
        });
    });
  },
});

const bucketArn = defineRule<S3Event>({
  id: 'bucket-arn',
  description: "s3.bucket.arn is arn:<partition>:s3:::<bucket name>, in the partition of the event's region.",
  check(event, report) {
    forRecords(event, (record, i) => {
      const { name, arn } = record.s3.bucket;
      const partition = parseArn(arn)?.partition ?? 'aws';
      const regional = record.awsRegion.startsWith('cn-')
        ? 'aws-cn'
        : record.awsRegion.startsWith('us-gov-')
          ? 'aws-us-gov'
          : 'aws';
      const expected = `arn:${regional}:s3:::${name}`;
      if (arn !== expected || partition !== regional)
        report({
          path: ['Records', i, 's3', 'bucket', 'arn'],
          expected: `${show(expected)} (${at('Records', i, 's3', 'bucket', 'name')} in ${show(record.awsRegion)})`,
          received: show(arn),
        });
    });
  },
});

/** The cross-field rules of the strict S3 contract. */
export const s3Rules = [objectContent, eventData, eventVersion, keyEncoding, bucketArn];

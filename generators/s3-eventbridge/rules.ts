import { parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { S3EventbridgeEvent } from './types.gen.ts';

type Event = S3EventbridgeEvent;
type Detail = Event['detail'];

/** The fields S3 sends with each detail-type it documents (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html). */
interface TypeFields {
  readonly object: readonly ('size' | 'etag' | 'sequencer')[];
  readonly detail: readonly (keyof Detail)[];
  readonly reasons?: readonly string[];
}

export const DETAIL_FIELDS: Readonly<Record<string, TypeFields>> = {
  'Object Created': {
    object: ['size', 'etag', 'sequencer'],
    detail: ['source-ip-address', 'reason'],
    reasons: ['PutObject', 'POST Object', 'CopyObject', 'CompleteMultipartUpload'],
  },
  'Object Deleted': {
    object: ['sequencer'],
    detail: ['reason', 'deletion-type'],
    reasons: ['DeleteObject', 'Lifecycle Expiration'],
  },
  'Object Restore Completed': { object: ['size', 'etag'], detail: ['restore-expiry-time', 'source-storage-class'] },
};

const detailByType = defineRule<Event>({
  id: 'detail-by-type',
  description:
    'Object Created carries size, etag, sequencer, source-ip-address and a create reason; Object Deleted a sequencer, a delete reason and deletion-type; Object Restore Completed size, etag, restore-expiry-time and source-storage-class',
  check(event, report) {
    const fields = DETAIL_FIELDS[event['detail-type']];
    if (fields === undefined) return;
    const { detail } = event;
    for (const field of fields.object)
      if (detail.object[field] === undefined)
        report({
          path: ['detail', 'object', field],
          expected: `object.${field} on ${event['detail-type']}`,
          received: 'nothing',
        });
    for (const field of fields.detail)
      if (detail[field] === undefined)
        report({ path: ['detail', field], expected: `${field} on ${event['detail-type']}`, received: 'nothing' });
    if (fields.reasons !== undefined && detail.reason !== undefined && !fields.reasons.includes(detail.reason))
      report({
        path: ['detail', 'reason'],
        expected: `a reason of ${event['detail-type']} (${fields.reasons.join(', ')})`,
        received: show(detail.reason),
      });
  },
});

const bucketResource = defineRule<Event>({
  id: 'bucket-resource',
  description: 'resources is the ARN of detail.bucket.name, the one bucket the event is about',
  check(event, report) {
    const name = event.detail.bucket.name;
    const partition = parseArn(event.resources[0])?.partition ?? 'aws';
    const expected = `arn:${partition}:s3:::${name}`;
    if (event.resources.length === 1 && event.resources[0] === expected) return;
    report({
      path: ['resources'],
      expected: `[${show(expected)}] (detail.bucket.name)`,
      received: show(event.resources),
    });
  },
});

/** A restored copy expires after the restore completed. */
const restoreExpiresLater = defineRule<Event>({
  id: 'restore-expires-later',
  description: 'restore-expiry-time is later than the event time',
  check(event, report) {
    const expiry = event.detail['restore-expiry-time'];
    if (expiry === undefined) return;
    if (Date.parse(expiry) > Date.parse(event.time)) return;
    report({
      path: ['detail', 'restore-expiry-time'],
      expected: `a time after the event's (${show(event.time)}, time)`,
      received: show(expiry),
    });
  },
});

export const rules = [detailByType, bucketResource, restoreExpiresLater];

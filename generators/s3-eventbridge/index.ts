import type { EventBridgeEvent } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { S3EventbridgeDetail, S3EventbridgeEvent } from './types.gen.ts';

export type { S3EventbridgeDetail, S3EventbridgeEvent } from './types.gen.ts';

export type S3EventbridgeVariant = 'object-created' | 'object-deleted' | 'object-restore-completed';

export type S3EventbridgeOverrides = DeepPartial<S3EventbridgeEvent>;

/**
 * The event of one variant as an `@types/aws-lambda` `EventBridgeEvent` with its literal `detail-type`. (The
 * `S3Object…NotificationEvent` types of `@types/aws-lambda` require `object["version-id"]`, which S3 sends only
 * for versioned buckets, so the builder does not claim them.)
 */
export interface S3EventbridgeEvents {
  'object-created': S3EventbridgeEvent & EventBridgeEvent<'Object Created', S3EventbridgeDetail> & { source: 'aws.s3' };
  'object-deleted': S3EventbridgeEvent & EventBridgeEvent<'Object Deleted', S3EventbridgeDetail> & { source: 'aws.s3' };
  'object-restore-completed': S3EventbridgeEvent &
    EventBridgeEvent<'Object Restore Completed', S3EventbridgeDetail> & { source: 'aws.s3' };
}

/**
 * Builds an Amazon S3 event as EventBridge delivers it to a rule's Lambda target: `source` `aws.s3`, the raw
 * (not URL-encoded) object key, size/etag/sequencer as S3 sends them per `detail-type`, `resources` the bucket's ARN.
 * @example
 * const event = s3EventbridgeEvent({ detail: { object: { key: 'photos/my cat.jpg' } } }, { variant: 'object-deleted' });
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 */
export function s3EventbridgeEvent<V extends S3EventbridgeVariant = 'object-created'>(
  overrides?: S3EventbridgeOverrides,
  options?: BuildOptions<V> & { variant?: V },
): S3EventbridgeEvents[V] {
  return definition.build(overrides, options) as S3EventbridgeEvents[V];
}

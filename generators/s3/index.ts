import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { S3Entity, S3Event, S3Object, S3Record } from './types.gen.ts';

export type {
  S3Bucket,
  S3Entity,
  S3Event,
  S3GlacierEventData,
  S3IntelligentTieringEventData,
  S3LifecycleEventData,
  S3Object,
  S3Record,
  S3ReplicationEventData,
  S3RestoreEventData,
  S3UserIdentity,
} from './types.gen.ts';

export type S3Variant =
  | 'put'
  | 'copy'
  | 'delete'
  | 'multipart'
  | 'lifecycle'
  | 'restore'
  | 'replication'
  | 'post'
  | 'restore-post'
  | 'restore-delete'
  | 'reduced-redundancy-lost'
  | 'lifecycle-transition'
  | 'intelligent-tiering'
  | 'tagging'
  | 'acl';

/** Variants whose object exists after the event, so S3 sends its `size` and `eTag`. */
export type S3ContentVariant = Exclude<S3Variant, 'delete' | 'lifecycle'>;

/** An object with `size` and `eTag`, as in every event but deletions. */
export interface S3ContentObject extends S3Object {
  size: number;
  eTag: string;
}

export interface S3ContentRecord extends Omit<S3Record, 's3'> {
  s3: Omit<S3Entity, 'object'> & { object: S3ContentObject };
}

/** An S3 event whose objects carry `size` and `eTag` (assignable to `S3Event` of `@types/aws-lambda`). */
export interface S3ContentEvent {
  Records: S3ContentRecord[];
}

/** The event type a variant builds: deletions have no `size`/`eTag`. */
export type S3EventOf<V extends S3Variant> = [V] extends [S3ContentVariant] ? S3ContentEvent : S3Event;

/** Per-record overrides; `s3.object.key` is given raw (`my file.txt`) and URL-encoded as S3 sends it. */
export type S3RecordOverrides = DeepPartial<S3Record>;

export interface S3Overrides {
  Records?: S3RecordOverrides[];
}

/**
 * Builds an Amazon S3 event notification: key URL-encoded, `size`/`eTag` only for objects that exist, bucket ARN
 * and sequencers consistent.
 * @example
 * const event = s3Event({ Records: [{ s3: { object: { key: 'photos/my cat.jpg' } } }] }, { variant: 'put' });
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
export function s3Event<V extends S3Variant = 'put'>(overrides?: S3Overrides, options?: BuildOptions<V>): S3EventOf<V> {
  return definition.build(overrides, options as BuildOptions<S3Variant>) as S3EventOf<V>;
}

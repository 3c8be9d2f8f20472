import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { DocumentdbChangeEvent, DocumentdbEvent } from './types.gen.ts';

export type {
  DocumentdbChangeEvent,
  DocumentdbClusterTime,
  DocumentdbDocumentKey,
  DocumentdbEvent,
  DocumentdbEventRecord,
  DocumentdbNamespace,
  DocumentdbResumeToken,
  DocumentdbTimestamp,
  DocumentdbUpdateDescription,
} from './types.gen.ts';

/**
 * The change-stream operation of the generated events; `update-lookup` is an update from a mapping with
 * `FullDocument: UpdateLookup`, carrying the current `fullDocument`.
 */
export type DocumentdbVariant = 'insert' | 'update' | 'replace' | 'delete' | 'update-lookup';

/** Per-event overrides; `fullDocument` is any document (its `_id` defaults to `documentKey._id`). */
export interface DocumentdbEventRecordOverrides {
  event?: Omit<DeepPartial<DocumentdbChangeEvent>, 'fullDocument'> & { fullDocument?: Record<string, unknown> | null };
}

export interface DocumentdbOverrides extends Omit<DeepPartial<DocumentdbEvent>, 'events'> {
  events?: DocumentdbEventRecordOverrides[];
}

/**
 * Builds an Amazon DocumentDB change-stream event as the event source mapping delivers it: cluster ARN, events in
 * cluster-time order, resume tokens encoding that time, `documentKey` matching `fullDocument._id`.
 * Modelled from the AWS guide (no public capture exists): see docs/decisions/documentdb-event.md.
 * @example
 * const event = documentdbEvent({ events: [{ event: { fullDocument: { name: 'Ada' } } }] }, { records: 3 });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-documentdb.html
 */
export function documentdbEvent(
  overrides?: DocumentdbOverrides,
  options?: BuildOptions<DocumentdbVariant>,
): DocumentdbEvent {
  return definition.build(overrides, options);
}

import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { SqsEvent, SqsRecord } from './types.gen.ts';

export type { SqsEvent, SqsMessageAttribute, SqsRecord, SqsRecordAttributes } from './types.gen.ts';

export type SqsVariant =
  | 'standard'
  | 'fifo'
  | 'with-attributes'
  | 'dead-letter'
  | 'sns-in-body'
  | 'fifo-sns-in-body'
  | 's3-in-body';

/** Per-record overrides; `body` may be given decoded (any JSON value is JSON-encoded). */
export type SqsRecordOverrides = Omit<DeepPartial<SqsRecord>, 'body'> & { body?: unknown };

export interface SqsOverrides {
  Records?: SqsRecordOverrides[];
}

/**
 * Builds an Amazon SQS event as an event source mapping delivers it: `md5OfBody`, ARNs and FIFO attributes
 * consistent, records completed with realistic defaults.
 * @example
 * const event = sqsEvent({ Records: [{ body: { orderId: '42' } }] }, { variant: 'fifo', records: 3 });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 */
export function sqsEvent(overrides?: SqsOverrides, options?: BuildOptions<SqsVariant>): SqsEvent {
  return definition.build(overrides, options);
}

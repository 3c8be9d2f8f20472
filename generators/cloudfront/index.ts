import type { CloudFrontRequestEvent, CloudFrontResponseEvent } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { CloudFrontEdgeEvent } from './types.gen.ts';

export type {
  CloudFrontEdgeConfig,
  CloudFrontEdgeEvent,
  CloudFrontEdgeGeneratedResponse,
  CloudFrontEdgeHeaders,
  CloudFrontEdgeOrigin,
  CloudFrontEdgeRecord,
  CloudFrontEdgeRequest,
  CloudFrontEdgeRequestResult,
  CloudFrontEdgeResponse,
  CloudFrontEdgeResult,
} from './types.gen.ts';

/** The Lambda@Edge trigger (`config.eventType`). */
export type CloudFrontEdgeVariant = 'viewer-request' | 'origin-request' | 'origin-response' | 'viewer-response';

/** The event of each trigger, as @types names it: request events without a response, response events with one. */
export interface CloudFrontEdgeEvents {
  'viewer-request': CloudFrontEdgeEvent & CloudFrontRequestEvent;
  'origin-request': CloudFrontEdgeEvent & CloudFrontRequestEvent;
  'origin-response': CloudFrontEdgeEvent & CloudFrontResponseEvent;
  'viewer-response': CloudFrontEdgeEvent & CloudFrontResponseEvent;
}

export type CloudFrontEdgeOverrides = DeepPartial<CloudFrontEdgeEvent>;

/**
 * Builds a Lambda@Edge event: one record whose `config.eventType` is the trigger, the viewer's request (with the
 * origin on origin-request) and the response on viewer-response and origin-response. Headers are
 * `{lowercase: [{key, value}]}` maps, the key as sent.
 * @example
 * const event = cloudfrontEvent({ Records: [{ cf: { request: { uri: '/index.html' } } }] }, { variant: 'origin-request' });
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-event-structure.html
 */
export function cloudfrontEvent<V extends CloudFrontEdgeVariant = 'viewer-request'>(
  overrides?: CloudFrontEdgeOverrides,
  options?: BuildOptions<V> & { variant?: V },
): CloudFrontEdgeEvents[V] {
  return definition.build(overrides, options) as CloudFrontEdgeEvents[V];
}

import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { CloudFrontEdgeOverrides, CloudFrontEdgeVariant } from './index.ts';
import type { CloudFrontEdgeEvent } from './types.gen.ts';

/** Options: the builder's, plus the request URI and query string the function routes on. */
export interface CloudFrontEdgeArbitraryOptions
  extends ArbitraryOptions<CloudFrontEdgeVariant, CloudFrontEdgeOverrides> {
  uri?: fc.Arbitrary<string>;
  querystring?: fc.Arbitrary<string>;
}

const segment = fc.stringMatching(/^[A-Za-z0-9._~%-]{1,20}$/);
const edgeUri = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`);
const edgeQuery = fc
  .array(fc.tuple(segment, fc.stringMatching(/^[A-Za-z0-9._~%+-]{0,20}$/)), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

/**
 * fast-check arbitrary of Lambda@Edge events over the four triggers; same builder as `cloudfrontEvent`. Edge mode
 * sends percent-encoded, dotted and empty URIs and query strings.
 * @example
 * fc.assert(fc.property(cloudfrontArbitrary({ variant: 'viewer-request' }), (e) => isRequestOrResponse(rewrite(e))));
 */
export function cloudfrontArbitrary(options: CloudFrontEdgeArbitraryOptions = {}): fc.Arbitrary<CloudFrontEdgeEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const uri = options.uri ?? (ctx.edge ? edgeUri : undefined);
    const querystring = options.querystring ?? (ctx.edge ? edgeQuery : undefined);
    if (uri === undefined && querystring === undefined) return fc.constant(undefined);
    return fc.tuple(uri ?? fc.constant(undefined), querystring ?? fc.constant(undefined)).map(([u, q]) => {
      const request: Record<string, string> = {};
      if (u !== undefined) request.uri = u;
      if (q !== undefined) request.querystring = q;
      return { Records: [{ cf: { request } }] } as CloudFrontEdgeOverrides;
    });
  });
}

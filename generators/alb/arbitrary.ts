import fc from 'fast-check';
import { eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { edgeMultiValueHeaders, type HttpArbitraryOptions, httpParts } from '../../src/arbitraries/http-parts.ts';
import { allValues, encodeQuery, parseQuery, queryPairs } from '../../src/core/http-request.ts';
import { definition } from './definition.ts';
import type { AlbEvent, AlbOverrides, AlbVariant } from './index.ts';

/** ALB arbitrary options: the builder's, plus `body`, `headers`, `query` (decoded; sent URL-encoded) and `path`. */
export type AlbArbitraryOptions = HttpArbitraryOptions<AlbVariant, AlbOverrides>;

/**
 * fast-check arbitrary of Application Load Balancer events; same builder as `albEvent`. The query is encoded as a
 * client sends it and lands in the variant's map; headers are added to the generated ones.
 * @example
 * fc.assert(fc.property(albArbitrary({ variant: 'multi-value', edge: true }), (event) => accepts(event)));
 */
export function albArbitrary(options: AlbArbitraryOptions = {}): fc.Arbitrary<AlbEvent> {
  return eventArbitrary(definition, options, (ctx) =>
    fc
      .tuple(
        httpParts(options, ctx.edge),
        ctx.edge ? fc.option(edgeMultiValueHeaders(), { nil: undefined }) : fc.constant(undefined),
      )
      .map(([parts, multiValueHeaders]) => {
        const overrides: AlbOverrides = {};
        if (multiValueHeaders) overrides.multiValueHeaders = multiValueHeaders;
        if ('body' in parts) overrides.body = parts.body;
        if (parts.headers) overrides.headers = parts.headers;
        if (parts.path) overrides.path = parts.path;
        if (parts.query) {
          overrides.multiValueQueryStringParameters = allValues(
            parseQuery(encodeQuery(queryPairs(parts.query)), false),
          );
        }
        return overrides;
      }),
  );
}

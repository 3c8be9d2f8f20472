import fc from 'fast-check';
import { eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { edgeMultiValueHeaders, type HttpArbitraryOptions, httpParts } from '../../src/arbitraries/http-parts.ts';
import { allValues, lastValues, queryPairs } from '../../src/core/http-request.ts';
import { definition } from './definition.ts';
import type { ApiGatewayRestEvent, ApiGatewayRestOverrides, ApiGatewayRestVariant } from './index.ts';

/** API Gateway REST arbitrary options: the builder's, plus `body`, `headers`, `query` and `path`. */
export type ApiGatewayRestArbitraryOptions = HttpArbitraryOptions<ApiGatewayRestVariant, ApiGatewayRestOverrides>;

/**
 * fast-check arbitrary of API Gateway REST proxy events: body, headers, query and path shrink; same builder as
 * `apiGatewayRestEvent`. Headers are added to the generated ones; an empty query means none (null maps).
 * @example
 * fc.assert(fc.property(apiGatewayRestArbitrary({ body: fc.record({ sku: fc.string() }) }), (event) => accepts(event)));
 */
export function apiGatewayRestArbitrary(
  options: ApiGatewayRestArbitraryOptions = {},
): fc.Arbitrary<ApiGatewayRestEvent> {
  return eventArbitrary(definition, options, (ctx) =>
    fc
      .tuple(
        httpParts(options, ctx.edge),
        ctx.edge ? fc.option(edgeMultiValueHeaders(), { nil: undefined }) : fc.constant(undefined),
      )
      .map(([parts, multiValueHeaders]) => {
        const overrides: ApiGatewayRestOverrides = {};
        if (multiValueHeaders) overrides.multiValueHeaders = multiValueHeaders;
        if ('body' in parts) overrides.body = parts.body;
        if (parts.headers) overrides.headers = parts.headers;
        if (parts.path) overrides.path = parts.path;
        if (parts.query) {
          const pairs = queryPairs(parts.query);
          overrides.queryStringParameters = pairs.length === 0 ? null : lastValues(pairs);
          overrides.multiValueQueryStringParameters = pairs.length === 0 ? null : allValues(pairs);
        }
        return overrides;
      }),
  );
}

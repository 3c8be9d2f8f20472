import type fc from 'fast-check';
import { eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { type HttpArbitraryOptions, httpParts } from '../../src/arbitraries/http-parts.ts';
import { encodeQuery, queryPairs } from '../../src/core/http-request.ts';
import { definition } from './definition.ts';
import type { ApiGatewayHttpEvent, ApiGatewayHttpOverrides, ApiGatewayHttpVariant } from './index.ts';

/** API Gateway HTTP API arbitrary options: the builder's, plus `body`, `headers`, `query` and `path`. */
export type ApiGatewayHttpArbitraryOptions = HttpArbitraryOptions<ApiGatewayHttpVariant, ApiGatewayHttpOverrides>;

/**
 * fast-check arbitrary of API Gateway HTTP API events (payload 2.0); same builder as `apiGatewayHttpEvent`. The
 * query replaces the generated one (rawQueryString and the map agree); headers are added to the generated ones.
 * @example
 * fc.assert(fc.property(apiGatewayHttpArbitrary({ query: fc.record({ q: fc.string() }) }), (event) => accepts(event)));
 */
export function apiGatewayHttpArbitrary(
  options: ApiGatewayHttpArbitraryOptions = {},
): fc.Arbitrary<ApiGatewayHttpEvent> {
  return eventArbitrary(definition, options, (ctx) =>
    httpParts(options, ctx.edge).map((parts) => {
      const overrides: ApiGatewayHttpOverrides = {};
      if ('body' in parts) overrides.body = parts.body;
      if (parts.headers) overrides.headers = parts.headers;
      if (parts.path) overrides.rawPath = parts.path;
      if (parts.query) overrides.rawQueryString = encodeQuery(queryPairs(parts.query));
      return overrides;
    }),
  );
}

import type fc from 'fast-check';
import { eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { type HttpArbitraryOptions, httpParts } from '../../src/arbitraries/http-parts.ts';
import { encodeQuery, queryPairs } from '../../src/core/http-request.ts';
import { definition } from './definition.ts';
import type { FunctionUrlEvent, FunctionUrlOverrides, FunctionUrlVariant } from './index.ts';

/** Function URL arbitrary options: the builder's, plus `body`, `headers`, `query` and `path`. */
export type FunctionUrlArbitraryOptions = HttpArbitraryOptions<FunctionUrlVariant, FunctionUrlOverrides>;

/**
 * fast-check arbitrary of Lambda function URL events; same builder as `functionUrlEvent`. The query replaces the
 * generated one (rawQueryString and the map agree); headers are added to the generated ones.
 * @example
 * fc.assert(fc.property(functionUrlArbitrary({ body: fc.jsonValue() }), (event) => accepts(event)));
 */
export function functionUrlArbitrary(options: FunctionUrlArbitraryOptions = {}): fc.Arbitrary<FunctionUrlEvent> {
  return eventArbitrary(definition, options, (ctx) =>
    httpParts(options, ctx.edge).map((parts) => {
      const overrides: FunctionUrlOverrides = {};
      if ('body' in parts) overrides.body = parts.body;
      if (parts.headers) overrides.headers = parts.headers;
      if (parts.path) overrides.rawPath = parts.path;
      if (parts.query) overrides.rawQueryString = encodeQuery(queryPairs(parts.query));
      return overrides;
    }),
  );
}

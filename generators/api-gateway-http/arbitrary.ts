import fc from 'fast-check';
import { eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { type HttpArbitraryOptions, httpParts } from '../../src/arbitraries/http-parts.ts';
import { allValues, encodeQuery, lastValues, queryPairs } from '../../src/core/http-request.ts';
import { definition } from './definition.ts';
import type {
  ApiGatewayHttpEvent,
  ApiGatewayHttpOverrides,
  ApiGatewayHttpV1Event,
  ApiGatewayHttpVariant,
} from './index.ts';

/** API Gateway HTTP API arbitrary options: the builder's, plus `body`, `headers`, `query` and `path`. */
export type ApiGatewayHttpArbitraryOptions = HttpArbitraryOptions<ApiGatewayHttpVariant, ApiGatewayHttpOverrides>;

type V2Variant = Exclude<ApiGatewayHttpVariant, 'payload-1.0'>;

function lowerKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * fast-check arbitrary of API Gateway HTTP API events, payload 2.0 (and 1.0 for the `payload-1.0` variant); same
 * builder as `apiGatewayHttpEvent`. The query replaces the generated one (rawQueryString and the map agree);
 * headers are added to the generated ones. The element type narrows to payload 2.0 when the variants exclude
 * `payload-1.0`.
 * @example
 * fc.assert(fc.property(apiGatewayHttpArbitrary({ query: fc.record({ q: fc.string() }), variant: 'v2' }), (event) => accepts(event)));
 */
export function apiGatewayHttpArbitrary(
  options: ApiGatewayHttpArbitraryOptions & { variant: V2Variant | readonly V2Variant[] },
): fc.Arbitrary<ApiGatewayHttpEvent>;
export function apiGatewayHttpArbitrary(
  options?: ApiGatewayHttpArbitraryOptions,
): fc.Arbitrary<ApiGatewayHttpEvent | ApiGatewayHttpV1Event>;
export function apiGatewayHttpArbitrary(
  options: ApiGatewayHttpArbitraryOptions = {},
): fc.Arbitrary<ApiGatewayHttpEvent | ApiGatewayHttpV1Event> {
  const chosen =
    options.variant === undefined
      ? definition.definition.variants
      : ([] as ApiGatewayHttpVariant[]).concat(options.variant);
  const v2 = chosen.filter((v): v is V2Variant => v !== 'payload-1.0');
  const arbitraries: fc.Arbitrary<ApiGatewayHttpEvent | ApiGatewayHttpV1Event>[] = [];
  if (v2.length > 0)
    arbitraries.push(
      eventArbitrary(definition, { ...options, variant: v2 }, (ctx) =>
        httpParts(options, ctx.edge).map((parts) => {
          const overrides: ApiGatewayHttpOverrides = {};
          if ('body' in parts) overrides.body = parts.body;
          if (parts.headers) overrides.headers = parts.headers;
          if (parts.path) overrides.rawPath = parts.path;
          if (parts.query) overrides.rawQueryString = encodeQuery(queryPairs(parts.query));
          return overrides;
        }),
      ),
    );
  if (chosen.includes('payload-1.0'))
    arbitraries.push(
      eventArbitrary(definition, { ...options, variant: 'payload-1.0' }, (ctx) =>
        httpParts(options, ctx.edge).map((parts) => {
          const overrides: ApiGatewayHttpOverrides = {};
          if ('body' in parts) overrides.body = parts.body;
          if (parts.headers) overrides.headers = lowerKeys(parts.headers);
          if (parts.path) overrides.path = parts.path;
          if (parts.query) {
            const pairs = queryPairs(parts.query);
            overrides.queryStringParameters = pairs.length === 0 ? null : lastValues(pairs);
            overrides.multiValueQueryStringParameters = pairs.length === 0 ? null : allValues(pairs);
          }
          return overrides;
        }),
      ) as unknown as fc.Arbitrary<ApiGatewayHttpV1Event>,
    );
  return arbitraries.length === 1 ? (arbitraries[0] as fc.Arbitrary<ApiGatewayHttpEvent>) : fc.oneof(...arbitraries);
}

import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary, nastyString } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { ApiGatewayAuthorizerRequestOverrides, ApiGatewayAuthorizerRequestVariant } from './index.ts';
import type { ApiGatewayAuthorizerRequestEvent } from './types.gen.ts';

/** Options: the builder's, plus the identity sources the authorizer reads. */
export interface ApiGatewayAuthorizerRequestArbitraryOptions
  extends ArbitraryOptions<ApiGatewayAuthorizerRequestVariant, ApiGatewayAuthorizerRequestOverrides> {
  /** The `Authorization` header value. */
  authorization?: fc.Arbitrary<string>;
  /** Query parameters (single values), e.g. a `token` identity source. */
  query?: fc.Arbitrary<Record<string, string>>;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const edgeKey = nastyString({ minLength: 1, maxLength: 20 }).filter((k) => !FORBIDDEN.has(k));

/**
 * fast-check arbitrary of REQUEST authorizer events; same builder as `apiGatewayAuthorizerRequestEvent`. Edge mode
 * sends malformed credentials and nasty query parameters.
 * @example
 * fc.assert(fc.property(apiGatewayAuthorizerRequestArbitrary({ edge: true }), (e) => isPolicy(authorize(e))));
 */
export function apiGatewayAuthorizerRequestArbitrary(
  options: ApiGatewayAuthorizerRequestArbitraryOptions = {},
): fc.Arbitrary<ApiGatewayAuthorizerRequestEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const authorization =
      options.authorization ??
      (ctx.edge ? fc.oneof(nastyString({ minLength: 1, maxLength: 100 }), fc.constant('Bearer ')) : undefined);
    const query =
      options.query ?? (ctx.edge ? fc.dictionary(edgeKey, nastyString({ maxLength: 40 }), { maxKeys: 3 }) : undefined);
    return fc.tuple(authorization ?? fc.constant(undefined), query ?? fc.constant(undefined)).map(([auth, q]) => {
      const overrides: ApiGatewayAuthorizerRequestOverrides = {};
      if (auth !== undefined) overrides.headers = { Authorization: auth };
      if (q !== undefined) {
        overrides.queryStringParameters = q;
        overrides.multiValueQueryStringParameters = Object.fromEntries(Object.entries(q).map(([k, v]) => [k, [v]]));
      }
      return overrides;
    });
  });
}

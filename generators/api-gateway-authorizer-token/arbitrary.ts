import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary, nastyString } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { ApiGatewayAuthorizerTokenOverrides, ApiGatewayAuthorizerTokenVariant } from './index.ts';
import type { ApiGatewayAuthorizerTokenEvent } from './types.gen.ts';

/** Options: the builder's, plus the token the authorizer parses. */
export interface ApiGatewayAuthorizerTokenArbitraryOptions
  extends ArbitraryOptions<ApiGatewayAuthorizerTokenVariant, ApiGatewayAuthorizerTokenOverrides> {
  /** The `authorizationToken` (non-empty: API Gateway answers 401 itself when the header is missing or empty). */
  token?: fc.Arbitrary<string>;
}

/** Header values API Gateway passes on: non-empty, up to the 10 KB header limit, malformed bearer forms included. */
const edgeToken: fc.Arbitrary<string> = fc.oneof(
  nastyString({ minLength: 1, maxLength: 200 }),
  fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'Basic dXNlcjpwYXNz', 'Bearer a.b', 'Bearer ...'),
  fc.constant(`Bearer ${'a'.repeat(10_000)}`),
);

/**
 * fast-check arbitrary of TOKEN authorizer events; same builder as `apiGatewayAuthorizerTokenEvent`. Edge mode
 * sends malformed and oversized tokens, which the authorizer must deny rather than crash on.
 * @example
 * fc.assert(fc.property(apiGatewayAuthorizerTokenArbitrary({ edge: true }), (e) => isPolicy(authorize(e))));
 */
export function apiGatewayAuthorizerTokenArbitrary(
  options: ApiGatewayAuthorizerTokenArbitraryOptions = {},
): fc.Arbitrary<ApiGatewayAuthorizerTokenEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const token = options.token ?? (ctx.edge ? edgeToken : undefined);
    if (token === undefined) return fc.constant(undefined);
    return token.map((t) => ({ authorizationToken: t }));
  });
}

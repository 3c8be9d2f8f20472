import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary, nastyString } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { ApiGatewayHttpAuthorizerOverrides, ApiGatewayHttpAuthorizerVariant } from './index.ts';
import type { ApiGatewayHttpAuthorizerEvent } from './types.gen.ts';

/** Options: the builder's, plus the `Authorization` header value (the identity source). */
export interface ApiGatewayHttpAuthorizerArbitraryOptions
  extends ArbitraryOptions<ApiGatewayHttpAuthorizerVariant, ApiGatewayHttpAuthorizerOverrides> {
  authorization?: fc.Arbitrary<string>;
}

/** Non-empty values without commas (2.0 joins repeated headers with commas) or surrounding spaces. */
const edgeAuthorization = fc.oneof(
  nastyString({ minLength: 1, maxLength: 100 }).filter((s) => !s.includes(',') && s.trim() === s && s !== ''),
  fc.constantFrom('Bearer', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c'),
);

/**
 * fast-check arbitrary of HTTP API authorizer events (payload 1.0 and 2.0); same builder as
 * `apiGatewayHttpAuthorizerEvent`. Edge mode sends malformed credentials.
 * @example
 * fc.assert(fc.property(apiGatewayHttpAuthorizerArbitrary({ edge: true }), (e) => typeof authorize(e).isAuthorized === 'boolean'));
 */
export function apiGatewayHttpAuthorizerArbitrary(
  options: ApiGatewayHttpAuthorizerArbitraryOptions = {},
): fc.Arbitrary<ApiGatewayHttpAuthorizerEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const authorization = options.authorization ?? (ctx.edge ? edgeAuthorization : undefined);
    if (authorization === undefined) return fc.constant(undefined);
    return authorization.map((a) => ({ headers: { authorization: a } }) as ApiGatewayHttpAuthorizerOverrides);
  });
}

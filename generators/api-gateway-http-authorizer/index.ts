import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { ApiGatewayHttpAuthorizerV1Event, ApiGatewayHttpAuthorizerV2Event } from './types.gen.ts';

export type {
  ApiGatewayHttpAuthorizerClientCert,
  ApiGatewayHttpAuthorizerEvent,
  ApiGatewayHttpAuthorizerIamResult,
  ApiGatewayHttpAuthorizerResult,
  ApiGatewayHttpAuthorizerSimpleResult,
  ApiGatewayHttpAuthorizerV1Context,
  ApiGatewayHttpAuthorizerV1Event,
  ApiGatewayHttpAuthorizerV2Context,
  ApiGatewayHttpAuthorizerV2Event,
} from './types.gen.ts';

/** The authorizer's payload format version. */
export type ApiGatewayHttpAuthorizerVariant = 'v2' | 'v1';

/** The event of each payload format; 2.0 as @types names it (`APIGatewayRequestAuthorizerEventV2`). */
export interface ApiGatewayHttpAuthorizerEvents {
  v2: ApiGatewayHttpAuthorizerV2Event & Omit<APIGatewayRequestAuthorizerEventV2, 'cookies'>;
  v1: ApiGatewayHttpAuthorizerV1Event;
}

export type ApiGatewayHttpAuthorizerOverrides = DeepPartial<
  Omit<ApiGatewayHttpAuthorizerV2Event, 'version'> & Omit<ApiGatewayHttpAuthorizerV1Event, 'version' | 'identitySource'>
> & { identitySource?: string | string[] };

/**
 * Builds the event of an HTTP API Lambda authorizer: payload 2.0 (`routeArn`, `identitySource` list, lower-case
 * headers, raw query) or 1.0 (`methodArn`, `identitySource` and `authorizationToken` strings). The identity
 * source is the `Authorization` header (a Cognito access token). The handler answers `{isAuthorized}` or an IAM
 * policy (`validate(id, answer, { response: true })`).
 * @example
 * const event = apiGatewayHttpAuthorizerEvent({ headers: { authorization: 'Bearer abc' } });
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html
 */
export function apiGatewayHttpAuthorizerEvent<V extends ApiGatewayHttpAuthorizerVariant = 'v2'>(
  overrides?: ApiGatewayHttpAuthorizerOverrides,
  options?: BuildOptions<V> & { variant?: V },
): ApiGatewayHttpAuthorizerEvents[V] {
  return definition.build(overrides, options) as ApiGatewayHttpAuthorizerEvents[V];
}

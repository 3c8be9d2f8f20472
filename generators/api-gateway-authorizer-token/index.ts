import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { ApiGatewayAuthorizerTokenEvent } from './types.gen.ts';

export type {
  ApiGatewayAuthorizerContext,
  ApiGatewayAuthorizerResult,
  ApiGatewayAuthorizerTokenEvent,
  ApiGatewayMethodArn,
  ApiGatewayPolicyAction,
  ApiGatewayPolicyDocument,
  ApiGatewayPolicyResource,
  ApiGatewayPolicyStatement,
} from './types.gen.ts';

/** The token: `Bearer <Cognito access token JWT>` or an opaque key. */
export type ApiGatewayAuthorizerTokenVariant = 'bearer-jwt' | 'opaque-token';

export type ApiGatewayAuthorizerTokenOverrides = DeepPartial<ApiGatewayAuthorizerTokenEvent>;

/**
 * Builds the event of a REST API TOKEN authorizer: `authorizationToken` from the identity source header and the
 * `methodArn` of the request (`arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}`). The
 * handler answers with an IAM policy (`validate(id, answer, { response: true })`).
 * @example
 * const event = apiGatewayAuthorizerTokenEvent({ authorizationToken: 'Bearer abc' });
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 */
export function apiGatewayAuthorizerTokenEvent(
  overrides?: ApiGatewayAuthorizerTokenOverrides,
  options?: BuildOptions<ApiGatewayAuthorizerTokenVariant>,
): ApiGatewayAuthorizerTokenEvent & APIGatewayTokenAuthorizerEvent {
  return definition.build(overrides, options) as ApiGatewayAuthorizerTokenEvent & APIGatewayTokenAuthorizerEvent;
}

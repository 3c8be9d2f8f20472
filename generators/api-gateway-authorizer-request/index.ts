import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { ApiGatewayAuthorizerRequestRestEvent, ApiGatewayAuthorizerRequestWebsocketEvent } from './types.gen.ts';

export type {
  ApiGatewayAuthorizerRequestClientCert,
  ApiGatewayAuthorizerRequestEvent,
  ApiGatewayAuthorizerRequestIdentity,
  ApiGatewayAuthorizerRequestRestContext,
  ApiGatewayAuthorizerRequestRestEvent,
  ApiGatewayAuthorizerRequestWebsocketContext,
  ApiGatewayAuthorizerRequestWebsocketEvent,
} from './types.gen.ts';

/** Where the authorizer runs: a REST API method, or a WebSocket API's `$connect` route. */
export type ApiGatewayAuthorizerRequestVariant = 'rest' | 'websocket';

/** The event of each variant; the REST one as @types names it (`APIGatewayRequestAuthorizerEvent`). */
export interface ApiGatewayAuthorizerRequestEvents {
  rest: ApiGatewayAuthorizerRequestRestEvent & APIGatewayRequestAuthorizerEvent;
  websocket: ApiGatewayAuthorizerRequestWebsocketEvent;
}

export type ApiGatewayAuthorizerRequestOverrides = DeepPartial<
  ApiGatewayAuthorizerRequestRestEvent & ApiGatewayAuthorizerRequestWebsocketEvent
>;

/**
 * Builds the event of a REQUEST authorizer: the request's headers (with the `Authorization` identity source),
 * query, path parameters and stage variables, each map mirrored by its multi-value map, and the `methodArn` of
 * the request (`…:{apiId}/{stage}/{METHOD}/{path}` on REST, `…:{apiId}/{stage}/$connect` on WebSocket). The
 * handler answers with an IAM policy (`validate(id, answer, { response: true })`).
 * @example
 * const event = apiGatewayAuthorizerRequestEvent({ headers: { Authorization: 'Bearer abc' } });
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 */
export function apiGatewayAuthorizerRequestEvent<V extends ApiGatewayAuthorizerRequestVariant = 'rest'>(
  overrides?: ApiGatewayAuthorizerRequestOverrides,
  options?: BuildOptions<V> & { variant?: V },
): ApiGatewayAuthorizerRequestEvents[V] {
  return definition.build(overrides, options) as ApiGatewayAuthorizerRequestEvents[V];
}

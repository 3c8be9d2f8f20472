import type { APIGatewayEventWebsocketRequestContextV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { ApiGatewayWebsocketEvent, ApiGatewayWebsocketRequestContext } from './types.gen.ts';

export type {
  ApiGatewayWebsocketEvent,
  ApiGatewayWebsocketEventType,
  ApiGatewayWebsocketIdentity,
  ApiGatewayWebsocketRequestContext,
  ApiGatewayWebsocketResult,
} from './types.gen.ts';

/** The route: a custom route (`sendmessage`…), `$default`, `$connect` or `$disconnect`. */
export type ApiGatewayWebsocketVariant = 'custom-route' | 'default-route' | 'connect' | 'disconnect';

/** A message frame on a route: body and messageId, no headers; `APIGatewayProxyWebsocketEventV2` as @types names it. */
export type ApiGatewayWebsocketMessageEvent = Omit<ApiGatewayWebsocketEvent, 'body' | 'requestContext'> & {
  body: string;
  requestContext: ApiGatewayWebsocketRequestContext & { messageId: string; eventType: 'MESSAGE' };
} & APIGatewayProxyWebsocketEventV2;

type Lifecycle<T extends 'CONNECT' | 'DISCONNECT'> = Omit<ApiGatewayWebsocketEvent, 'requestContext' | 'body'> & {
  body?: undefined;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  requestContext: ApiGatewayWebsocketRequestContext &
    Omit<APIGatewayEventWebsocketRequestContextV2, 'messageId' | 'eventType'> & { messageId?: undefined; eventType: T };
};

/** The event of one route, narrowed (the lifecycle routes carry no messageId, unlike @types' message event). */
export interface ApiGatewayWebsocketEvents {
  'custom-route': ApiGatewayWebsocketMessageEvent;
  'default-route': ApiGatewayWebsocketMessageEvent;
  connect: Lifecycle<'CONNECT'>;
  disconnect: Lifecycle<'DISCONNECT'> & {
    requestContext: { disconnectStatusCode: number; disconnectReason: string };
  };
}

/** Overrides in AWS's shape; `body` may also be given decoded (JSON value → JSON string, bytes → base64). */
export type ApiGatewayWebsocketOverrides = Omit<DeepPartial<ApiGatewayWebsocketEvent>, 'body'> & { body?: unknown };

/**
 * Builds an API Gateway WebSocket API event: `routeKey` and `eventType` agree ($connect → CONNECT, $disconnect →
 * DISCONNECT, other routes → MESSAGE), handshake headers on $connect, a frame body and messageId on messages,
 * the close code on $disconnect. `https://{domainName}/{stage}` is the endpoint for `PostToConnection`.
 * @example
 * const event = apiGatewayWebsocketEvent({ body: { action: 'sendmessage', message: 'hi' } });
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html
 */
export function apiGatewayWebsocketEvent<V extends ApiGatewayWebsocketVariant = 'custom-route'>(
  overrides?: ApiGatewayWebsocketOverrides,
  options?: BuildOptions<V> & { variant?: V },
): ApiGatewayWebsocketEvents[V] {
  return definition.build(overrides, options) as ApiGatewayWebsocketEvents[V];
}

import type { APIGatewayEventWebsocketRequestContextV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { apiGatewayWebsocketEvent } from '../../src/index.ts';

expectTypeOf(apiGatewayWebsocketEvent()).toExtend<APIGatewayProxyWebsocketEventV2>();
expectTypeOf(
  apiGatewayWebsocketEvent(undefined, { variant: 'default-route' }),
).toExtend<APIGatewayProxyWebsocketEventV2>();
expectTypeOf(apiGatewayWebsocketEvent().body).toBeString();
// $connect and $disconnect have no messageId: every other field of @types' request context is there.
expectTypeOf(apiGatewayWebsocketEvent(undefined, { variant: 'connect' }).requestContext).toExtend<
  Omit<APIGatewayEventWebsocketRequestContextV2, 'messageId' | 'eventType'>
>();
expectTypeOf(
  apiGatewayWebsocketEvent(undefined, { variant: 'connect' }).requestContext.eventType,
).toEqualTypeOf<'CONNECT'>();
expectTypeOf(apiGatewayWebsocketEvent(undefined, { variant: 'connect' }).headers).toEqualTypeOf<
  Record<string, string>
>();
expectTypeOf(
  apiGatewayWebsocketEvent(undefined, { variant: 'disconnect' }).requestContext.disconnectStatusCode,
).toEqualTypeOf<number>();
// A lifecycle route is not a message event (no messageId).
expectTypeOf(
  apiGatewayWebsocketEvent(undefined, { variant: 'connect' }),
).not.toExtend<APIGatewayProxyWebsocketEventV2>();
// @ts-expect-error an unknown route variant is a type error
apiGatewayWebsocketEvent(undefined, { variant: '$connect' });

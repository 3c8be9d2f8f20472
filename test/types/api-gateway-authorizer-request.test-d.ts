import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { apiGatewayAuthorizerRequestEvent } from '../../src/index.ts';

expectTypeOf(apiGatewayAuthorizerRequestEvent()).toExtend<APIGatewayRequestAuthorizerEvent>();
expectTypeOf(apiGatewayAuthorizerRequestEvent().httpMethod).toBeString();
expectTypeOf(
  apiGatewayAuthorizerRequestEvent(undefined, { variant: 'websocket' }).requestContext.connectionId,
).toBeString();
expectTypeOf(
  apiGatewayAuthorizerRequestEvent(undefined, { variant: 'websocket' }).requestContext.routeKey,
).toEqualTypeOf<'$connect'>();
// The WebSocket form has no httpMethod, resource or path, unlike @types' REST event.
expectTypeOf(
  apiGatewayAuthorizerRequestEvent(undefined, { variant: 'websocket' }),
).not.toExtend<APIGatewayRequestAuthorizerEvent>();
// @ts-expect-error an unknown variant is a type error
apiGatewayAuthorizerRequestEvent(undefined, { variant: 'http' });

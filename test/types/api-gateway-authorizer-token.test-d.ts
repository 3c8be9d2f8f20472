import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type ApiGatewayAuthorizerResult, apiGatewayAuthorizerTokenEvent } from '../../src/index.ts';

expectTypeOf(apiGatewayAuthorizerTokenEvent()).toExtend<APIGatewayTokenAuthorizerEvent>();
expectTypeOf(
  apiGatewayAuthorizerTokenEvent(undefined, { variant: 'opaque-token' }),
).toExtend<APIGatewayTokenAuthorizerEvent>();
expectTypeOf(apiGatewayAuthorizerTokenEvent().type).toEqualTypeOf<'TOKEN'>();
// The response contract's type is an answer @types accepts.
expectTypeOf<ApiGatewayAuthorizerResult>().toExtend<APIGatewayAuthorizerResult>();
// @ts-expect-error an unknown variant is a type error
apiGatewayAuthorizerTokenEvent(undefined, { variant: 'jwt' });

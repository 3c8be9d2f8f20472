import type {
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  APIGatewayProxyWithCognitoAuthorizerEvent,
  APIGatewayProxyWithLambdaAuthorizerEvent,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type ApiGatewayRestEvent, type ApiGatewayRestResult, apiGatewayRestEvent } from '../../src/index.ts';

expectTypeOf(apiGatewayRestEvent()).toEqualTypeOf<ApiGatewayRestEvent>();
expectTypeOf(apiGatewayRestEvent()).toExtend<APIGatewayProxyEvent>();
expectTypeOf<APIGatewayProxyResult>().toExtend<ApiGatewayRestResult>();
// The return type narrows by variant.
expectTypeOf(
  apiGatewayRestEvent({}, { variant: 'cognito-authorizer' }),
).toExtend<APIGatewayProxyWithCognitoAuthorizerEvent>();
expectTypeOf(apiGatewayRestEvent<{ tenantId: string }>({}, { variant: 'lambda-token-authorizer' })).toExtend<
  APIGatewayProxyWithLambdaAuthorizerEvent<{ tenantId: string }>
>();
expectTypeOf(
  apiGatewayRestEvent({}, { variant: 'lambda-request-authorizer' }).requestContext.authorizer.principalId,
).toEqualTypeOf<string>();
expectTypeOf(apiGatewayRestEvent({}, { variant: 'console-test-invoke' }).headers).toEqualTypeOf<Record<
  string,
  string
> | null>();
// Without a variant with an authorizer, the authorizer is not known to be there.
expectTypeOf(apiGatewayRestEvent()).not.toExtend<APIGatewayProxyWithCognitoAuthorizerEvent>();
// Bodies may be given decoded; header maps take partial overrides.
expectTypeOf(apiGatewayRestEvent).toBeCallableWith({ body: { orderId: 1 }, headers: { 'X-Tenant': 'acme' } });
expectTypeOf(apiGatewayRestEvent).toBeCallableWith({ pathParameters: { id: '42' } }, { variant: 'multi-value' });
// @ts-expect-error an unknown variant is a type error
apiGatewayRestEvent(undefined, { variant: 'v2' });
// @ts-expect-error header values are strings, as AWS sends them
apiGatewayRestEvent({ headers: { 'X-Count': 2 } });

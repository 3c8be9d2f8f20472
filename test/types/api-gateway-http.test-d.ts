import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithIAMAuthorizer,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import {
  type ApiGatewayHttpEvent,
  type ApiGatewayHttpResult,
  type ApiGatewayHttpV1Event,
  apiGatewayHttpEvent,
} from '../../src/index.ts';

expectTypeOf(apiGatewayHttpEvent()).toEqualTypeOf<ApiGatewayHttpEvent>();
expectTypeOf(apiGatewayHttpEvent()).toExtend<APIGatewayProxyEventV2>();
// A structured result with a status code is one the response contract types.
expectTypeOf<APIGatewayProxyStructuredResultV2 & { statusCode: number }>().toExtend<ApiGatewayHttpResult>();
// The return type narrows by variant.
expectTypeOf(
  apiGatewayHttpEvent({}, { variant: 'jwt-authorizer' }),
).toExtend<APIGatewayProxyEventV2WithJWTAuthorizer>();
expectTypeOf(apiGatewayHttpEvent({}, { variant: 'iam' })).toExtend<APIGatewayProxyEventV2WithIAMAuthorizer>();
expectTypeOf(apiGatewayHttpEvent<{ userId: string }>({}, { variant: 'lambda-authorizer' })).toExtend<
  APIGatewayProxyEventV2WithLambdaAuthorizer<{ userId: string }>
>();
expectTypeOf(
  apiGatewayHttpEvent({}, { variant: 'mtls' }).requestContext.authentication.clientCert.subjectDN,
).toBeString();
expectTypeOf(apiGatewayHttpEvent({}, { variant: 'payload-1.0' })).toEqualTypeOf<ApiGatewayHttpV1Event>();
expectTypeOf(apiGatewayHttpEvent({}, { variant: 'payload-1.0' }).version).toEqualTypeOf<'1.0'>();
// Without an authorizer variant, no authorizer is known to be there.
expectTypeOf(apiGatewayHttpEvent()).not.toExtend<APIGatewayProxyEventV2WithJWTAuthorizer>();
expectTypeOf(apiGatewayHttpEvent({}, { variant: 'payload-1.0' })).not.toExtend<APIGatewayProxyEventV2>();
expectTypeOf<ApiGatewayHttpV1Event['requestContext']['requestTimeEpoch']>().toEqualTypeOf<
  APIGatewayProxyEvent['requestContext']['requestTimeEpoch']
>();
// Bodies may be given decoded and headers as lists of values.
expectTypeOf(apiGatewayHttpEvent).toBeCallableWith({ body: { orderId: 1 }, headers: { accept: ['a', 'b'] } });
expectTypeOf(apiGatewayHttpEvent).toBeCallableWith({ rawQueryString: 'a=1' }, { variant: 'jwt-authorizer' });
// @ts-expect-error an unknown variant is a type error
apiGatewayHttpEvent(undefined, { variant: 'multi-value' });
// @ts-expect-error timeEpoch is a number, as AWS sends it
apiGatewayHttpEvent({ requestContext: { timeEpoch: '1' } });

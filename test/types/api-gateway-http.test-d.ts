import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type ApiGatewayHttpEvent, type ApiGatewayHttpResult, apiGatewayHttpEvent } from '../../src/index.ts';

expectTypeOf(apiGatewayHttpEvent()).toEqualTypeOf<ApiGatewayHttpEvent>();
expectTypeOf(apiGatewayHttpEvent()).toExtend<APIGatewayProxyEventV2>();
expectTypeOf<ApiGatewayHttpResult>().toExtend<APIGatewayProxyStructuredResultV2>();
// Bodies may be given decoded and headers as lists of values.
expectTypeOf(apiGatewayHttpEvent).toBeCallableWith({ body: { orderId: 1 }, headers: { accept: ['a', 'b'] } });
expectTypeOf(apiGatewayHttpEvent).toBeCallableWith({ rawQueryString: 'a=1' }, { variant: 'jwt-authorizer' });
// @ts-expect-error an unknown variant is a type error
apiGatewayHttpEvent(undefined, { variant: 'multi-value' });
// @ts-expect-error timeEpoch is a number, as AWS sends it
apiGatewayHttpEvent({ requestContext: { timeEpoch: '1' } });

import type {
  APIGatewayProxyEventV2WithIAMAuthorizer,
  LambdaFunctionURLEvent,
  LambdaFunctionURLEventWithIAMAuthorizer,
  LambdaFunctionURLResult,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import {
  type FunctionUrlEvent,
  type FunctionUrlResponse,
  type FunctionUrlResult,
  functionUrlEvent,
} from '../../src/index.ts';

expectTypeOf(functionUrlEvent()).toEqualTypeOf<FunctionUrlEvent>();
expectTypeOf(functionUrlEvent()).toExtend<LambdaFunctionURLEvent>();
// A structured result with a status code is one the response contract types.
expectTypeOf<Exclude<LambdaFunctionURLResult, string> & { statusCode: number }>().toExtend<FunctionUrlResult>();
expectTypeOf<FunctionUrlResult>().toExtend<FunctionUrlResponse>();
// The IAM variant narrows to the IAM authorizer event.
expectTypeOf(functionUrlEvent({}, { variant: 'iam-auth' })).toExtend<LambdaFunctionURLEventWithIAMAuthorizer>();
expectTypeOf(functionUrlEvent({}, { variant: 'iam-auth' })).toExtend<APIGatewayProxyEventV2WithIAMAuthorizer>();
expectTypeOf(functionUrlEvent()).not.toExtend<LambdaFunctionURLEventWithIAMAuthorizer>();
// Bodies may be given decoded.
expectTypeOf(functionUrlEvent).toBeCallableWith({ body: { id: 1 }, rawPath: '/x' }, { variant: 'iam-auth' });
// @ts-expect-error an unknown variant is a type error
functionUrlEvent(undefined, { variant: 'streaming' });
// @ts-expect-error function URLs only have the $default route
functionUrlEvent({ routeKey: 'GET /orders' });

import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type FunctionUrlEvent, type FunctionUrlResult, functionUrlEvent } from '../../src/index.ts';

expectTypeOf(functionUrlEvent()).toEqualTypeOf<FunctionUrlEvent>();
expectTypeOf(functionUrlEvent()).toExtend<LambdaFunctionURLEvent>();
expectTypeOf<FunctionUrlResult>().toExtend<LambdaFunctionURLResult>();
// Bodies may be given decoded.
expectTypeOf(functionUrlEvent).toBeCallableWith({ body: { id: 1 }, rawPath: '/x' }, { variant: 'iam-auth' });
// @ts-expect-error an unknown variant is a type error
functionUrlEvent(undefined, { variant: 'streaming' });
// @ts-expect-error function URLs only have the $default route
functionUrlEvent({ routeKey: 'GET /orders' });

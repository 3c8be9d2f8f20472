import { expectTypeOf } from 'vitest';
import { type LambdaDestinationError, lambdaDestinationEvent } from '../../src/index.ts';

expectTypeOf(lambdaDestinationEvent().requestContext.condition).toEqualTypeOf<'Success'>();
expectTypeOf(lambdaDestinationEvent().responseContext.executedVersion).toBeString();
expectTypeOf(
  lambdaDestinationEvent(undefined, { variant: 'retries-exhausted' }).requestContext.condition,
).toEqualTypeOf<'RetriesExhausted'>();
expectTypeOf(
  lambdaDestinationEvent(undefined, { variant: 'event-age-exceeded' }).responsePayload,
).toExtend<LambdaDestinationError>();
expectTypeOf(
  lambdaDestinationEvent(undefined, { variant: 'retries-exhausted' }).responseContext.functionError,
).toEqualTypeOf<'Unhandled' | 'Handled'>();
// @ts-expect-error a success record has no functionError
lambdaDestinationEvent().responseContext.functionError = 'Unhandled';
// @ts-expect-error an unknown outcome is a type error
lambdaDestinationEvent(undefined, { variant: 'throttled' });

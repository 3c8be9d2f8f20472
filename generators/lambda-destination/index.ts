import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type {
  LambdaDestinationEvent,
  LambdaDestinationRequestContext,
  LambdaDestinationResponseContext,
} from './types.gen.ts';

export type {
  LambdaDestinationEvent,
  LambdaDestinationRequestContext,
  LambdaDestinationResponseContext,
} from './types.gen.ts';

export type LambdaDestinationVariant = 'success' | 'retries-exhausted' | 'event-age-exceeded';

export type LambdaDestinationOverrides = DeepPartial<LambdaDestinationEvent>;

/** The error object a failed attempt returns (`responsePayload` of a failure record). */
export interface LambdaDestinationError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** The record of one outcome. `@types/aws-lambda` has no type for it; these narrow the generated one. */
export interface LambdaDestinationEvents {
  success: LambdaDestinationEvent & {
    requestContext: LambdaDestinationRequestContext & { condition: 'Success' };
    responseContext: LambdaDestinationResponseContext & { functionError?: never };
  };
  'retries-exhausted': LambdaDestinationEvent & {
    requestContext: LambdaDestinationRequestContext & { condition: 'RetriesExhausted' };
    responseContext: LambdaDestinationResponseContext & { functionError: 'Unhandled' | 'Handled' };
    responsePayload: LambdaDestinationError;
  };
  'event-age-exceeded': LambdaDestinationEvent & {
    requestContext: LambdaDestinationRequestContext & { condition: 'EventAgeExceeded' };
    responseContext: LambdaDestinationResponseContext & { functionError: 'Unhandled' | 'Handled' };
    responsePayload: LambdaDestinationError;
  };
}

/**
 * Builds the invocation record Lambda sends to a Lambda-function destination after an asynchronous invocation:
 * `requestPayload` is the original event; on success `responsePayload` is the returned value and there is no
 * `functionError`; on failure (`RetriesExhausted`, `EventAgeExceeded`) it is the last attempt's error with
 * `functionError: "Unhandled"`. `functionArn` carries the qualifier, `executedVersion` the version that ran.
 * @example
 * const event = lambdaDestinationEvent({ requestPayload: { orderId: 'o-1' } }, { variant: 'retries-exhausted' });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
export function lambdaDestinationEvent<V extends LambdaDestinationVariant = 'success'>(
  overrides?: LambdaDestinationOverrides,
  options?: BuildOptions<V> & { variant?: V },
): LambdaDestinationEvents[V] {
  return definition.build(overrides, options) as LambdaDestinationEvents[V];
}

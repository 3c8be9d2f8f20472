import { expect } from 'vitest';
import type { DestinationRecordExpectation, EventSelector } from './matchers.ts';
import { matchers } from './matchers.ts';

export { fc, test } from '@fast-check/vitest';
export {
  type DestinationRecordExpectation,
  destinationCondition,
  type EventSelector,
  type InvocationLike,
  matchers,
} from './matchers.ts';

/**
 * Registers the lambda-harness matchers on vitest's `expect` (or list `lambda-harness/vitest/setup` in `setupFiles`).
 * @example
 * import { setup } from 'lambda-harness/vitest';
 * setup();
 */
export function setup(): void {
  expect.extend(matchers);
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must match vitest's declaration to merge.
  interface Matchers<T = any> {
    /** Every event of a ledger (or `{ event }`) succeeded; an invocation result has status `success`. */
    toHaveSucceeded(options?: EventSelector): T;
    /** The event (default 0) had `times + 1` attempts. */
    toHaveBeenRetried(times: number, options?: EventSelector): T;
    /** The event (default 0) reached the dead-letter queue. */
    toHaveBeenDeadLettered(options?: EventSelector): T;
    /** A destination record matches `condition` (its `requestContext.condition`), `on` and `target`. */
    toHaveDestinationRecord(expected?: DestinationRecordExpectation): T;
    /** The HTTP status the client saw (`client.statusCode`), else the handler's `response.statusCode`. */
    toHaveRespondedWith(statusCode: number, options?: EventSelector): T;
  }
}

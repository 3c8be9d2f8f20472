import { expect } from 'vitest';
import { matchers } from './matchers.ts';

export { fc, test } from '@fast-check/vitest';
export {
  type DestinationRecordExpectation,
  destinationCondition,
  type EventSelector,
  type InvocationLike,
  matchers,
} from './matchers.ts';

// Importing this entry registers the matchers, as its types declare them (see matchers.ts).
expect.extend(matchers);

/**
 * Registers the lambda-harness matchers on vitest's `expect`. Importing `lambda-harness/vitest` or
 * `lambda-harness/vitest/setup` already does; call it again after replacing `expect`'s matchers.
 * @example
 * import { setup } from 'lambda-harness/vitest';
 * setup();
 */
export function setup(): void {
  expect.extend(matchers);
}

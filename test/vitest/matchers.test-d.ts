import { expect, expectTypeOf, test } from 'vitest';
import type { Ledger } from '../../src/harness/ledger.ts';
import '../../src/vitest/index.ts';

declare const ledger: Ledger;

test('the matchers are typed on expect', () => {
  expect(ledger).toHaveBeenRetried(2, { event: 1 });
  expect(ledger).toHaveDestinationRecord({ condition: 'RetriesExhausted', on: 'failure', target: 'sqs' });
  expectTypeOf(expect(ledger).toHaveRespondedWith).parameter(0).toBeNumber();
  // @ts-expect-error the retry count is a number
  expect(ledger).toHaveBeenRetried('2');
  // @ts-expect-error on is 'success' or 'failure'
  expect(ledger).toHaveDestinationRecord({ on: 'always' });
});

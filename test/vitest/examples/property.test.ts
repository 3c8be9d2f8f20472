import { expect } from 'vitest';
import { fc, test } from '../../../src/vitest/index.ts';

test.prop([fc.integer({ min: 0, max: 2 })])('counts retries', (retries) => {
  const ledger = {
    events: [{ index: 0, outcome: 'dead-lettered' as const, attempts: retries + 1 }],
    invocations: [],
    deadLetters: [],
    destinations: [],
    end: 0,
  };
  expect(ledger).toHaveBeenRetried(retries);
});

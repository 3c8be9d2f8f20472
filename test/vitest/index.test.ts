import { expect as vitestExpect, describe, expect, it } from 'vitest';
import { fc, matchers, setup, test } from '../../src/vitest/index.ts';

describe('lambda-harness/vitest', () => {
  it('registers every matcher on expect when imported, without setup()', () => {
    for (const name of Object.keys(matchers)) {
      expect(typeof (vitestExpect({}) as unknown as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('registers them again with setup()', () => {
    setup();
    expect({ status: 'success' }).toHaveSucceeded();
  });

  test.prop([fc.nat({ max: 2 })])('re-exports fast-check property tests', (retries) => {
    const ledger = {
      events: [{ index: 0, outcome: 'dead-lettered' as const, attempts: retries + 1 }],
      invocations: [],
      deadLetters: [],
      destinations: [],
      end: 0,
    };
    expect(ledger).toHaveBeenRetried(retries);
    expect(ledger).not.toHaveBeenRetried(retries + 1);
  });
});

import { describe, expect, it } from 'vitest';
import { fc, sqsArbitrary } from '../src/arbitraries.ts';
import { validate } from '../src/index.ts';

describe('lambda-harness/arbitraries', () => {
  it('re-exports fast-check so one import is enough for a property test', () => {
    let runs = 0;
    fc.assert(
      fc.property(sqsArbitrary({ records: 2 }), (event) => {
        runs++;
        expect(event.Records).toHaveLength(2);
        expect(validate('sqs', event).valid).toBe(true);
      }),
      { numRuns: 10, seed: 1 },
    );
    expect(runs).toBe(10);
  });

  it('reports a failing property with its seed and a shrunk event', () => {
    const result = fc.check(
      fc.property(sqsArbitrary({ records: { min: 1, max: 4 } }), (event) => event.Records.length < 3),
      { numRuns: 50, seed: 9 },
    );
    expect(result.failed).toBe(true);
    expect(result.seed).toBe(9);
    expect(result.counterexample?.[0].Records).toHaveLength(3);
  });
});

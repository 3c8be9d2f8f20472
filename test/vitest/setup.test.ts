import { expect as vitestExpect, describe, expect, it } from 'vitest';
import '../../src/vitest/setup.ts';
import { matchers } from '../../src/vitest/matchers.ts';

describe('lambda-harness/vitest/setup', () => {
  it('registers every matcher on expect when imported', () => {
    for (const name of Object.keys(matchers)) {
      expect(typeof (vitestExpect({}) as unknown as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('registers matchers that fail with the lambda-harness message', () => {
    expect(() => expect({ status: 'error' }).toHaveSucceeded()).toThrow(
      '[lambda-harness] expected the invocation to have succeeded, but its status is error',
    );
  });
});

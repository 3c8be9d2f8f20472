import { expect, it } from 'vitest';

// The other files of test/vitest/ import lambda-harness/vitest or its setup; each test file runs isolated.
it('has no lambda-harness matchers in a file that imports neither entry', () => {
  expect(() => (expect({}) as unknown as { toHaveSucceeded(): void }).toHaveSucceeded()).toThrow(/toHaveSucceeded/);
});

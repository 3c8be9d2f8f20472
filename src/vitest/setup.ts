// `import 'lambda-harness/vitest/setup'` (or listing it in vitest's `setupFiles`) registers the matchers. It loads
// only vitest and the matchers: no fast-check, no @fast-check/vitest.
import { expect } from 'vitest';
import { matchers } from './matchers.ts';

// Re-exporting from matchers.ts keeps it in setup.d.ts, and with it the matchers' `declare module 'vitest'` types.
export type { DestinationRecordExpectation, EventSelector } from './matchers.ts';

expect.extend(matchers);

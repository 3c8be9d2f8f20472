// For vitest's `setupFiles`: registers the lambda-harness matchers once per test file.
import { setup } from './index.ts';

setup();

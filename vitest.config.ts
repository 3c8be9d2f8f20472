import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests and documentation examples import the package by name; resolve it to the sources, not a stale dist.
    alias: [
      { find: /^lambda-harness$/, replacement: src('index.ts') },
      { find: /^lambda-harness\/arbitraries$/, replacement: src('arbitraries.ts') },
      { find: /^lambda-harness\/vitest$/, replacement: src('vitest/index.ts') },
      { find: /^lambda-harness\/vitest\/setup$/, replacement: src('vitest/setup.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'threads',
  },
});

// docs/event-source-mappings.md: every example runs as written, with `lambda-harness` resolved to the ESM exports
// (fenced `ts skip-run` until src/index.ts re-exports them; then test/docs.test.ts runs them too).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as powertools from '@aws-lambda-powertools/batch';
import { describe, expect, it } from 'vitest';
import * as esm from '../../../src/harness/esm/index.ts';

const page = readFileSync(new URL('../../../docs/event-source-mappings.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/^```ts(?: skip-run)?\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

// Imports become destructuring of the modules handed in; `import type` lines and type annotations are dropped.
function runnable(block: string): string {
  return block
    .replace(/^import type .*$/gm, '')
    .replace(/^import assert from 'node:assert\/strict';$/m, '')
    .replace(/import \{([^}]*)\} from 'lambda-harness';/g, 'const {$1} = lib;')
    .replace(/import \{([^}]*)\} from '@aws-lambda-powertools\/batch';/g, 'const {$1} = powertools;')
    .replace(/: (?:string\[\]|SQSRecord\b|SQSEvent\b|Context\b)/g, '');
}

describe('docs/event-source-mappings.md', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it.each(blocks.map((block, i) => [i + 1, block] as const))('runs example %i as written', async (_, block) => {
    await new AsyncFunction('lib', 'powertools', 'assert', runnable(block))(esm, powertools, assert);
  });
});

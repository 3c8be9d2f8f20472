import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as frontEnds from '../../../src/harness/front-ends/index.ts';

const page = readFileSync(new URL('../../../docs/front-ends.md', import.meta.url), 'utf8');
// Fenced `ts skip-run` so test/docs.test.ts leaves them to this file, which also checks the values they show.
const blocks = [...page.matchAll(/^```ts skip-run\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

// `import {…} from 'lambda-harness'` reads the front-end exports; a line `expression; // value` becomes an assertion.
function runnable(block: string): string {
  return block
    .replace(/import \{([^}]*)\} from 'lambda-harness';/g, 'const {$1} = lib;')
    .split('\n')
    .map((line) => {
      const check = /^([^/\s].*?);\s*\/\/\s*(.+)$/.exec(line);
      return check ? `check(${check[1]}, ${check[2]}, ${JSON.stringify(line)});` : line;
    })
    .join('\n');
}

describe('docs/front-ends.md', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(3);
  });

  it.each(blocks.map((block, i) => [i, block] as const))('runs example %i as written', async (_, block) => {
    const check = (actual: unknown, expected: unknown, line: string) => expect(actual, line).toEqual(expected);
    await new AsyncFunction('lib', 'check', runnable(block))(frontEnds, check);
  });
});

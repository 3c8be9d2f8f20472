// Documentation runs: every ```ts block in README.md and docs/*.md is executed as a module. A page whose examples
// need a shared prelude names the test that runs them instead: <!-- examples run by test/harness/docs.test.ts -->.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const out = join(import.meta.dirname, '.docs');
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
}

mkdirSync(out, { recursive: true });
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('documentation examples', () => {
  it('finds runnable examples in the README', () => {
    expect(blocks(readFileSync(join(root, 'README.md'), 'utf8')).length).toBeGreaterThan(0);
  });

  for (const page of pages) {
    const markdown = readFileSync(join(root, page), 'utf8');
    const runner = /<!--\s*examples run by (\S+)\s*-->/.exec(markdown)?.[1];
    if (runner !== undefined) {
      it(`${page} examples run in ${runner}`, () => {
        expect(existsSync(join(root, runner))).toBe(true);
      });
      continue;
    }
    blocks(markdown).forEach((code, index) => {
      it(`${page} example ${index + 1} runs`, async () => {
        const file = join(out, `${page.replace(/[/.]/g, '-')}-${index + 1}.ts`);
        writeFileSync(file, code);
        await import(file);
      });
    });
  }
});

// The package metadata and the links a user follows from the README and docs/ (npm renders relative links against
// `repository`, so every one must name a file of the repository).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Relative link targets of a markdown page that do not exist, resolved from the page's folder. */
function brokenLinks(page: string, markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
  return targets
    .filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#'))
    .map((t) => t.split('#')[0] as string)
    .filter((t) => !existsSync(join(root, dirname(page), t)));
}

describe('package metadata', () => {
  it('names an MIT licence that the LICENSE file carries', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('points users to the repository, its homepage and its issues', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/lambda-harness/lambda-harness.git' });
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/lambda-harness\/lambda-harness/);
    expect(pkg.bugs.url).toBe('https://github.com/lambda-harness/lambda-harness/issues');
  });

  it('declares vitest and @fast-check/vitest only as optional peers', () => {
    for (const name of ['vitest', '@fast-check/vitest']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
    }
    expect(pkg.peerDependencies.vitest).toBe('^4.1.0 || ^5.0.0');
  });
});

describe('documentation links', () => {
  const pages = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];

  it.each(pages)('%s links only to files that exist', (page) => {
    expect(brokenLinks(page, readFileSync(join(root, page), 'utf8'))).toEqual([]);
  });

  it('reports a link to a missing file, and not an external or anchor link', () => {
    const markdown = '[a](docs/vitest.md) [b](docs/missing.md#x) [c](https://aws.amazon.com/) [d](#install)';
    expect(brokenLinks('README.md', markdown)).toEqual(['docs/missing.md']);
  });
});

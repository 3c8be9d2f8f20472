import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const page = readFileSync(new URL('../../docs/vitest.md', import.meta.url), 'utf8');
const examples = new URL('./examples/', import.meta.url);

// Each file under examples/ runs as a test; the page shows it verbatim (fenced `ts skip-run`: test/docs.test.ts
// cannot run a file that declares tests from inside a test).
describe('docs/vitest.md', () => {
  it.each(readdirSync(examples))('shows examples/%s as written', (file) => {
    const source = readFileSync(new URL(file, examples), 'utf8');
    const shown = source
      .replace("from '../../../src/vitest/index.ts'", "from 'lambda-harness/vitest'")
      .replace("import '../../../src/vitest/setup.ts'", "import 'lambda-harness/vitest/setup'");
    expect(page).toContain(`\`\`\`ts skip-run\n${shown}\`\`\``);
  });
});

// After the bundle: copies the JSON schemas next to the generator declarations (for users who read them) and marks the bin executable.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
for (const id of readdirSync(join(root, 'generators'))) {
  const from = join(root, 'generators', id);
  if (!existsSync(join(from, 'schema.json'))) continue;
  const to = join(root, 'dist', 'generators', id);
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from))
    if (file.endsWith('.json') || file.endsWith('.gen.cjs')) cpSync(join(from, file), join(to, file));
}

// npx runs the bin directly: it must be executable.
const bin = join(root, 'dist', 'src', 'cli', 'main.js');
if (existsSync(bin)) chmodSync(bin, 0o755);

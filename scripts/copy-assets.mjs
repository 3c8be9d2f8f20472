// After the bundle: copies the JSON schemas next to the generator declarations (for users who read them), the licence
// of the bundled @aws-sdk/util-dynamodb, and marks the bin executable.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

// scripts/bundle.mjs inlines @aws-sdk/util-dynamodb (Apache-2.0): its licence travels with it.
const dynamodbUtil = dirname(createRequire(import.meta.url).resolve('@aws-sdk/util-dynamodb/package.json'));
mkdirSync(join(root, 'dist', 'licenses'), { recursive: true });
cpSync(join(dynamodbUtil, 'LICENSE'), join(root, 'dist', 'licenses', 'aws-sdk-util-dynamodb.LICENSE.txt'));

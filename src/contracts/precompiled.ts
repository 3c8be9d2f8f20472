import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './schema.ts';
import type { FastCheck } from './validate.ts';

/** The fast checks `npm run gen` compiles ahead of time into `generators/<id>/contract.gen.cjs`. */
export interface PrecompiledChecks {
  readonly schemaHash: string;
  readonly shape: FastCheck;
  readonly strict: FastCheck;
  readonly response?: FastCheck;
}

/** Identifies the schemas a precompiled module was made from; a mismatch means it is stale. */
export function schemaHash(schema: JsonSchema, response: JsonSchema | undefined): string {
  return createHash('md5')
    .update(JSON.stringify([schema, response ?? null]))
    .digest('hex');
}

const require = createRequire(import.meta.url);
let generatorsDir: string | null | undefined;

/** generators/ next to the sources (src/contracts → ../../) or to the bundle (dist/src[/chunks] → dist/). */
function findGeneratorsDir(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    dir = dirname(dir);
    if (existsSync(join(dir, 'generators'))) return join(dir, 'generators');
  }
  return null;
}

/** The up-to-date precompiled checks of an event type, or undefined (the contract then compiles at first use). */
export function loadPrecompiled(
  id: string,
  schema: () => JsonSchema,
  response: (() => JsonSchema) | undefined,
): PrecompiledChecks | undefined {
  generatorsDir ??= findGeneratorsDir();
  if (generatorsDir === null) return undefined;
  const file = join(generatorsDir, id, 'contract.gen.cjs');
  if (!existsSync(file)) return undefined;
  const checks = require(file) as PrecompiledChecks;
  return checks.schemaHash === schemaHash(schema(), response?.()) ? checks : undefined;
}

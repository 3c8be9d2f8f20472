import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { verify } from '../verify/index.ts';
import type { VerifyOptions } from '../verify/types.ts';
import { integerFlag, lastFlag, parseArgs, UsageError } from './args.ts';
import type { CliIo } from './run.ts';

const TS = /\.[cm]?tsx?$/;

/** `--shard 2/4` → `{ index: 1, count: 4 }` (shards are numbered from 1, as vitest's are). */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count)
    throw new UsageError(`--shard expects i/n with 1 ≤ i ≤ n, received "${text}"`);
  return { index: index - 1, count };
}

async function loadSpec(file: string): Promise<VerifyOptions> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`cannot read ${file}: ENOENT`);
  const url = pathToFileURL(path).href;
  const mod = (
    TS.test(path) ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url) : await import(url)
  ) as { default?: unknown };
  const spec = mod.default;
  if (typeof spec !== 'object' || spec === null)
    throw new UsageError(`${file} must default-export the verify options ({ handler, source, … })`);
  return { baseDir: dirname(path), ...(spec as VerifyOptions) };
}

/**
 * `lambda-harness verify <spec.mjs|spec.ts> [--runs N] [--seed S] [--shard i/n] [--json]`: 0 when every property
 * held, 1 on a counterexample, 2 on a usage error. `--json` prints `{"ok","runs","seed","failure"?}`.
 */
export async function verifyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { values: ['runs', 'seed', 'shard'], booleans: ['json'] });
  const [file, extra] = parsed.positionals;
  if (file === undefined) throw new UsageError('verify needs a spec module (it default-exports the verify options)');
  if (extra !== undefined) throw new UsageError(`verify takes one spec module, received also "${extra}"`);
  const runs = integerFlag(parsed, 'runs', { min: 1, max: 10_000_000 });
  const seed = integerFlag(parsed, 'seed', { min: 0, max: 2 ** 32 - 1 });
  const shardText = lastFlag(parsed, 'shard');
  const shard = shardText === undefined ? undefined : parseShard(shardText);
  const json = parsed.flags.has('json');
  const spec = await loadSpec(file);
  const progress = !json && process.stderr.isTTY === true;
  const report = await verify({
    ...spec,
    ...(runs === undefined ? {} : { runs }),
    ...(seed === undefined ? {} : { seed }),
    ...(shard === undefined ? {} : { shard }),
    throwOnFailure: false,
    ...(progress
      ? { onProgress: (p: { runs: number; total: number }) => io.stderr(`\rverify: ${p.runs}/${p.total} runs`) }
      : {}),
  });
  if (progress) io.stderr('\n');
  if (json) {
    const { ok, runs: done, seed: used, failure } = report;
    io.stdout(
      `${JSON.stringify(failure === undefined ? { ok, runs: done, seed: used } : { ok, runs: done, seed: used, failure })}\n`,
    );
  } else if (report.ok) io.stdout(`${file}: ${report.runs} runs, every property held (seed ${report.seed})\n`);
  else {
    const f = report.failure;
    io.stdout(
      [
        `${file}: property "${f?.property}" failed after ${report.runs} runs: ${f?.message}`,
        `  events (shrunk): ${JSON.stringify(f?.events)}`,
        `  schedule: ${JSON.stringify(f?.schedule)}`,
        `  replay: lambda-harness verify ${file} --seed ${f?.replay.seed}  (path ${f?.replay.path})`,
        '',
      ].join('\n'),
    );
  }
  return report.ok ? 0 : 1;
}

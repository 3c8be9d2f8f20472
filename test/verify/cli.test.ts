import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliIo, run } from '../../src/cli/run.ts';

const specs = join(import.meta.dirname, 'specs');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
      return true;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdin: async () => '',
  };
  return { code: await run(args, io), stdout, stderr };
}

describe('lambda-harness verify', () => {
  it('exits 1 on a counterexample and prints exactly ok, runs, seed and failure with --json', async () => {
    const { code, stdout } = await cli(['verify', join(specs, 'orders.mjs'), '--json', '--seed', '3']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toStrictEqual(['ok', 'runs', 'seed', 'failure']);
    expect(Object.keys(report.failure)).toStrictEqual(['property', 'message', 'events', 'schedule', 'replay']);
    expect(Object.keys(report.failure.replay)).toStrictEqual(['seed', 'path']);
    expect(report).toMatchObject({ ok: false, seed: 3, failure: { property: 'idempotent', replay: { seed: 3 } } });
  });

  it('exits 0 when every property held, loading the handler relative to the spec', async () => {
    const { code, stdout } = await cli(['verify', join(specs, 'fine.mjs'), '--runs', '7', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toStrictEqual({ ok: true, runs: 7, seed: 42 });
  });

  it('partitions runs across shards with distinct seeds', async () => {
    const seeds = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const { stdout } = await cli(['verify', join(specs, 'fine.mjs'), '--runs', '2', '--shard', shard, '--json']);
      seeds.push(JSON.parse(stdout).seed);
    }
    expect(new Set(seeds).size).toBe(3);
  });

  it('prints the failure for people without --json, with the replay command', async () => {
    const { stdout } = await cli(['verify', join(specs, 'orders.mjs')]);
    expect(stdout).toMatch(/property "idempotent" failed/);
    expect(stdout).toMatch(/replay: lambda-harness verify .*orders\.mjs --seed 42/);
  });

  it.each([
    [['verify'], /verify needs a spec module/],
    [['verify', 'nope.mjs'], /cannot read nope\.mjs: ENOENT/],
    [['verify', join(specs, 'fine.mjs'), '--shard', '4/3'], /--shard expects i\/n/],
    [['verify', join(specs, 'fine.mjs'), '--runs', '0'], /--runs must be an integer/],
    [['verify', join(specs, 'fine-handler.mjs')], /must default-export the verify options/],
  ])('exits 2 with one line for a usage error (%#)', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

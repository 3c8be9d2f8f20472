import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulateCommand } from '../../src/cli/simulate.ts';
import { ScenarioError, simulate } from '../../src/index.ts';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-harness-load-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await simulateCommand(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

describe('loading a handler', () => {
  it('keeps the file:line:column and reason of a .ts syntax error, on one line', async () => {
    const dir = project({
      'bad.ts': 'export const handler = async (e: unknown) => {\n  return {\n    ok: true,,\n  };\n};\n',
      'scenario.json': JSON.stringify({ handler: './bad.ts#handler', events: [{}] }),
    });
    const { code, stderr } = await cli([join(dir, 'scenario.json')]);
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`cannot load ./bad.ts: ${join(dir, 'bad.ts')}:3:14: `);
    expect(stderr).toMatch(/Expected identifier but found ","/);
  });

  it('keeps the location of a JavaScript syntax error', async () => {
    const dir = project({ 'bad.mjs': 'export const handler = async () => {\n  return 1 +;\n};\n' });
    const error = await simulate({ handler: './bad.mjs', events: [{}] }, { baseDir: dir }).catch((e) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.message).toContain(`${join(dir, 'bad.mjs')}:2`);
    expect(error.message).toContain('Unexpected token');
  });

  it('fails clearly when a top-level await never settles', async () => {
    const dir = project({ 'tla.mjs': 'await new Promise(() => {});\nexport const handler = async () => 1;\n' });
    const error = await simulate({ handler: './tla.mjs', events: [{}] }, { baseDir: dir, loadTimeoutMs: 200 }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.message).toBe(
      '[lambda-harness] handler: ./tla.mjs did not finish loading within 200 ms: does a top-level await never settle?',
    );
  });

  it('loads a module whose top-level await settles', async () => {
    const dir = project({
      'slow.mjs': 'await new Promise((r) => setTimeout(r, 20));\nexport const handler = async () => 7;\n',
    });
    const ledger = await simulate({ handler: './slow.mjs', events: [{}] }, { baseDir: dir, loadTimeoutMs: 2000 });
    expect(ledger.invocations[0]?.response).toBe(7);
  });
});

describe('lambda-harness simulate input', () => {
  it('reports a non-JSON scenario in one line without echoing its content', async () => {
    const dir = project({ 'scenario.json': 'hello\nworld {\nsecret: 1\n' });
    const file = join(dir, 'scenario.json');
    const { code, stderr } = await cli([file]);
    expect(code).toBe(2);
    expect(stderr).toBe(`[lambda-harness] ${file}: not JSON: Unexpected token 'h'\n`);
  });

  it('prints the handler console output with --logs, and not without it', async () => {
    const dir = project({
      'loud.mjs': "export const handler = async () => { console.log('hello from the handler'); return 1; };\n",
      'scenario.json': JSON.stringify({ handler: './loud.mjs', events: [{}] }),
    });
    const { execFileSync } = await import('node:child_process');
    const main = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');
    const run = (extra: string[]) =>
      execFileSync(process.execPath, ['--import', 'tsx', main, 'simulate', join(dir, 'scenario.json'), ...extra], {
        encoding: 'utf8',
      });
    const withLogs = run(['--logs']);
    expect(withLogs).toContain('hello from the handler');
    expect(withLogs).toContain('1 event(s) — 1 succeeded');
    expect(run([])).not.toContain('hello from the handler');
  });
});

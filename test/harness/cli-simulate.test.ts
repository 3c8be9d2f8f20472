import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulateCommand } from '../../src/cli/simulate.ts';

const scenarios = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');

async function run(args: string[]) {
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

describe('lambda-harness simulate', () => {
  it('prints the ledger as JSON with --json and exits 0 even though the handler failed', async () => {
    const { code, stdout, stderr } = await run([join(scenarios, 'retry-to-dlq.json'), '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const ledger = JSON.parse(stdout);
    expect(Object.keys(ledger)).toEqual(['events', 'invocations', 'deadLetters', 'destinations', 'end']);
    expect(ledger.events).toEqual([
      { index: 0, outcome: 'dead-lettered', attempts: 3, reason: 'RetriesExhausted' },
      { index: 1, outcome: 'dead-lettered', attempts: 3, reason: 'RetriesExhausted' },
    ]);
    expect(ledger.deadLetters).toHaveLength(2);
    expect(ledger.destinations[0]).toMatchObject({ on: 'failure', target: 'eventbridge' });
    expect(ledger.end).toBe(181_000);
  });

  it('prints a human summary by default', async () => {
    const { code, stdout } = await run([join(scenarios, 'retry-to-dlq.json')]);
    expect(code).toBe(0);
    expect(stdout).toContain('2 event(s) — 2 dead-lettered; 7 invocation(s); ended at 181000 ms (virtual)');
    expect(stdout).toMatch(/#0 {2}dead-lettered +attempts 3 {2}RetriesExhausted/);
    expect(stdout).toContain('+60000 ms');
    expect(stdout).toContain('dead letters: event 0 → sqs, event 1 → sqs');
  });

  it('runs a .ts handler and a front-end scenario', async () => {
    const typed = await run([join(scenarios, 'typed-sync.json'), '--json']);
    expect(typed.code).toBe(0);
    expect(JSON.parse(typed.stdout).invocations[0].response).toEqual({ records: 1, function: 'summary' });
    const http = await run([join(scenarios, 'http-front-end.json'), '--json']);
    expect(
      JSON.parse(http.stdout).invocations.map((i: { client: { statusCode: number } }) => i.client.statusCode),
    ).toEqual([200, 502]);
  });

  it('exits 2 with one line naming the field for a bad scenario', async () => {
    const file = join(scenarios, 'bad-retries.json');
    const { code, stdout, stderr } = await run([file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`[lambda-harness] ${file}: function.maximumRetryAttempts: expected integer 0–2, received 5\n`);
  });

  it('exits 2 for a file that is not JSON or cannot be read, without a stack trace', async () => {
    const notJson = await run([join(scenarios, 'not-json.json')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^\[lambda-harness\] .*not-json\.json: not JSON: Unexpected end of JSON input\n$/);
    const missing = await run([join(scenarios, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^\[lambda-harness\] .*nope\.json: cannot read the scenario \(ENOENT\)\n$/);
    expect(missing.stderr).not.toContain('    at ');
  });

  it('exits 2 for usage errors', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['a.json', 'b.json'])).code).toBe(2);
    const unknown = await run(['a.json', '--yaml']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown option --yaml');
  });
});

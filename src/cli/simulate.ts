import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatMessage, isLambdaHarnessError } from '../errors.ts';
import type { Ledger } from '../harness/ledger.ts';
import { simulate } from '../harness/simulate.ts';

const USAGE = 'usage: lambda-harness simulate <scenario.json> [--json] [--logs]';

/** Prints the ledger for people: one line per event, then the invocation timeline. */
export function formatLedger(ledger: Ledger, file: string): string {
  const lines: string[] = [];
  const counts = new Map<string, number>();
  for (const e of ledger.events) counts.set(e.outcome, (counts.get(e.outcome) ?? 0) + 1);
  const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  lines.push(
    `${file}: ${ledger.events.length} event(s) — ${summary}; ${ledger.invocations.length} invocation(s); ended at ${ledger.end} ms (virtual)`,
  );
  lines.push('events:');
  for (const e of ledger.events) {
    lines.push(`  #${e.index}  ${e.outcome.padEnd(13)} attempts ${e.attempts}${e.reason ? `  ${e.reason}` : ''}`);
  }
  lines.push('invocations:');
  const shown = ledger.invocations.slice(0, 200);
  for (const inv of shown) {
    const what = inv.error ? `  ${inv.error.errorType ?? 'Error'}: ${inv.error.errorMessage}` : '';
    const client = inv.client ? `  → HTTP ${inv.client.statusCode}` : '';
    lines.push(`  +${inv.at} ms  ${inv.requestId}  event ${inv.events.join(',')}  ${inv.status}${what}${client}`);
  }
  if (ledger.invocations.length > shown.length) lines.push(`  … ${ledger.invocations.length - shown.length} more`);
  if (ledger.deadLetters.length > 0) {
    lines.push(`dead letters: ${ledger.deadLetters.map((d) => `event ${d.event} → ${d.target}`).join(', ')}`);
  }
  if (ledger.destinations.length > 0) {
    lines.push(`destinations: ${ledger.destinations.map((d) => `on ${d.on} → ${d.target}`).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** JSON.parse's reason without the text it quotes (which can be long and span lines). */
function jsonReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/,? "[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * `lambda-harness simulate <scenario.json> [--json] [--logs]`: 0 when the simulation ran, 2 for a bad scenario file.
 * @example
 * await simulateCommand(['scenario.json', '--json'], { stdout: process.stdout.write.bind(process.stdout), stderr: console.error });
 */
export async function simulateCommand(
  args: string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
): Promise<number> {
  const json = args.includes('--json');
  const logs = args.includes('--logs');
  const rest = args.filter((a) => a !== '--json' && a !== '--logs');
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown !== undefined) {
    io.stderr(`${formatMessage({ text: `simulate: unknown option ${unknown}; ${USAGE}` })}\n`);
    return 2;
  }
  if (rest.length !== 1) {
    io.stderr(`${formatMessage({ text: `simulate: expected one scenario file; ${USAGE}` })}\n`);
    return 2;
  }
  const file = rest[0] as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    io.stderr(
      `${formatMessage({ text: `${file}: cannot read the scenario (${(error as NodeJS.ErrnoException).code ?? 'error'})` })}\n`,
    );
    return 2;
  }
  let scenario: unknown;
  try {
    scenario = JSON.parse(text);
  } catch (error) {
    io.stderr(`${formatMessage({ text: `${file}: not JSON: ${jsonReason(error)}` })}\n`);
    return 2;
  }
  if (logs && scenario !== null && typeof scenario === 'object' && !Array.isArray(scenario)) {
    // The handler's console output is printed as it runs (and still captured), ahead of the ledger.
    const fn = (scenario as { function?: unknown }).function;
    (scenario as Record<string, unknown>).function = {
      ...(fn !== null && typeof fn === 'object' ? fn : {}),
      logs: 'passthrough',
    };
  }
  try {
    const ledger = await simulate(scenario, { baseDir: dirname(resolve(file)) });
    io.stdout(json ? `${JSON.stringify(ledger, null, 2)}\n` : formatLedger(ledger, file));
    return 0;
  } catch (error) {
    if (isLambdaHarnessError(error)) {
      const first = error.message.split('\n')[0] ?? '';
      io.stderr(
        `${first.startsWith('[lambda-harness]') ? first.replace('[lambda-harness] ', `[lambda-harness] ${file}: `) : formatMessage({ text: `${file}: ${first}` })}\n`,
      );
      return 2;
    }
    io.stderr(
      `${formatMessage({ text: `${file}: simulation failed: ${(error as Error)?.message ?? String(error)}` })}\n`,
    );
    return 1;
  }
}

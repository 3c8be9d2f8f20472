import { readFileSync } from 'node:fs';
import { type PathSegment, parsePath } from '../contracts/schema.ts';
import { formatMessage, isLambdaHarnessError } from '../errors.ts';
import { writeFixtures } from '../fixtures.ts';
import { eventTypes, getEventType } from '../registry.ts';
import { integerFlag, lastFlag, parseArgs, UsageError } from './args.ts';

/** Where the CLI writes and reads; `stdout` may return false to ask the caller to wait for drain. */
export interface CliIo {
  stdout: (text: string) => boolean | undefined;
  stderr: (text: string) => unknown;
  stdin: () => Promise<string>;
  /** Resolves once stdout can take more (backpressure for `generate --count`). */
  drain?: () => Promise<void>;
}

const HELP = `lambda-harness — realistic AWS Lambda events and the harness that invokes handlers like AWS

Usage:
  lambda-harness types [--json]
  lambda-harness generate <id> [--variant V] [--seed N] [--count N] [--records N] [--set path=value]…
  lambda-harness validate <id> <file…|-> [--json]
  lambda-harness fixtures [--check] [--dir D]
  lambda-harness simulate <scenario.json> [--json]

Exit codes: 0 ok, 1 invalid event or failed check, 2 usage error.
`;

/** Runs one CLI command and returns its exit code; never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'types':
        return types(rest, io);
      case 'generate':
        return await generate(rest, io);
      case 'validate':
        return await validateCommand(rest, io);
      case 'fixtures':
        return fixtures(rest, io);
      case 'simulate': {
        const { simulateCommand } = await import('./simulate.ts');
        return await simulateCommand(rest, { stdout: (s) => io.stdout(s), stderr: (s) => io.stderr(s) });
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; commands: types, generate, validate, fixtures, simulate`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${formatMessage({ text: error.message })}\n`);
      return 2;
    }
    if (isLambdaHarnessError(error)) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    io.stderr(
      `${formatMessage({ text: `unexpected error: ${error instanceof Error ? error.message : String(error)}` })}\n`,
    );
    return 2;
  }
}

function types(args: readonly string[], io: CliIo): number {
  const parsed = parseArgs(args, { values: [], booleans: ['json'] });
  if (parsed.positionals.length > 0)
    throw new UsageError(`types takes no arguments, received "${parsed.positionals[0]}"`);
  const list = eventTypes().map((t) => ({ id: t.id, invocation: t.invocation, variants: [...t.variants] }));
  if (parsed.flags.has('json')) io.stdout(`${JSON.stringify(list)}\n`);
  else io.stdout(list.map((t) => `${t.id}\t${t.invocation}\t${t.variants.join(',')}\n`).join(''));
  return 0;
}

/** `Records[0].body=hello` → overrides `{Records: [{body: "hello"}]}`; values are JSON when they parse. */
export function setOverride(target: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set expects path=value, received "${assignment}"`);
  let path: PathSegment[];
  try {
    path = parsePath(assignment.slice(0, eq));
  } catch (error) {
    throw new UsageError(`--set ${(error as Error).message}`);
  }
  const raw = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  // Own data properties only: a `__proto__` segment stays a key (and is then reported as an unknown path).
  const setOwn = (on: object, key: PathSegment, v: unknown) =>
    Object.defineProperty(on, key, { value: v, enumerable: true, writable: true, configurable: true });
  let node: Record<string | number, unknown> = target;
  path.forEach((segment, i) => {
    if (i === path.length - 1) {
      setOwn(node, segment, value);
      return;
    }
    let next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') {
      next = typeof path[i + 1] === 'number' ? [] : {};
      setOwn(node, segment, next);
    }
    node = next as Record<string | number, unknown>;
  });
}

async function generate(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { values: ['variant', 'seed', 'count', 'records', 'set'], booleans: [] });
  const [id, extra] = parsed.positionals;
  if (id === undefined) throw new UsageError('generate needs an event id (see lambda-harness types)');
  if (extra !== undefined) throw new UsageError(`generate takes one event id, received also "${extra}"`);
  const type = getEventType(id);
  const variant = lastFlag(parsed, 'variant');
  if (variant !== undefined && !type.definition.variants.includes(variant)) {
    throw new UsageError(`${id}: unknown variant "${variant}"; known: ${type.definition.variants.join(', ')}`);
  }
  const seed = integerFlag(parsed, 'seed', { min: 0, max: 2 ** 32 - 1 }) ?? 42;
  const count = integerFlag(parsed, 'count', { min: 1, max: 100_000_000 }) ?? 1;
  const records = integerFlag(parsed, 'records', { min: 1, max: type.definition.records?.max ?? 1 });
  const overrides: Record<string, unknown> = {};
  for (const assignment of parsed.flags.get('set') ?? []) setOverride(overrides, assignment);
  const hasOverrides = Object.keys(overrides).length > 0;
  const options = { variant, records };
  if (count === 1) {
    io.stdout(`${JSON.stringify(type.build(hasOverrides ? overrides : undefined, { ...options, seed }), null, 2)}\n`);
    return 0;
  }
  for (let i = 0; i < count; i++) {
    const line = `${JSON.stringify(type.build(hasOverrides ? overrides : undefined, { ...options, seed: seed + i }))}\n`;
    if (io.stdout(line) === false && io.drain) await io.drain();
  }
  return 0;
}

async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { values: [], booleans: ['json'] });
  const [id, ...files] = parsed.positionals;
  if (id === undefined || files.length === 0)
    throw new UsageError('validate needs an event id and at least one file (or - for stdin)');
  const type = getEventType(id);
  const results: { file: string; valid: boolean; errors: { path: string; message: string }[] }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = file === '-' ? await io.stdin() : readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${file} is not JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`);
    }
    const result = type.validate(value);
    results.push({
      file,
      valid: result.valid,
      errors: result.errors.map((e) => ({ path: e.path, message: e.message })),
    });
  }
  if (parsed.flags.has('json')) {
    io.stdout(`${JSON.stringify(results)}\n`);
  } else {
    for (const result of results) {
      if (result.valid) io.stdout(`${result.file}: valid ${id} event\n`);
      else
        for (const e of result.errors)
          io.stdout(`${formatMessage({ id, path: e.path, text: `${e.message} in ${result.file}` })}\n`);
    }
  }
  return results.every((r) => r.valid) ? 0 : 1;
}

function fixtures(args: readonly string[], io: CliIo): number {
  const parsed = parseArgs(args, { values: ['dir'], booleans: ['check'] });
  if (parsed.positionals.length > 0)
    throw new UsageError(`fixtures takes no arguments, received "${parsed.positionals[0]}"`);
  const check = parsed.flags.has('check');
  const reports = writeFixtures({ dir: lastFlag(parsed, 'dir') ?? 'fixtures', check });
  let failed = 0;
  for (const report of reports) {
    if (report.status === 'unchanged') continue;
    if (check) {
      failed++;
      io.stderr(
        `${formatMessage({ text: `${report.file}: ${report.status === 'missing' ? 'missing' : 'differs from what seed 42 generates'}; run lambda-harness fixtures` })}\n`,
      );
    } else io.stdout(`wrote ${report.file}\n`);
  }
  const total = reports.length;
  if (check)
    io.stdout(failed === 0 ? `${total} fixtures up to date\n` : `${failed} of ${total} fixtures out of date\n`);
  else io.stdout(`${total} fixtures, ${reports.filter((r) => r.status === 'written').length} written\n`);
  return failed === 0 ? 0 : 1;
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PathSegment, parsePath } from '../contracts/schema.ts';
import { formatMessage, isLambdaHarnessError } from '../errors.ts';
import { writeFixtures } from '../fixtures.ts';
import { eventTypes, getEventType } from '../registry.ts';
import { integerFlag, lastFlag, parseArgs, UsageError } from './args.ts';
import { validateCommand } from './validate.ts';

/** Where the CLI writes and reads; `stdout` may return false to ask the caller to wait for drain. */
export interface CliIo {
  stdout: (text: string) => boolean | undefined;
  stderr: (text: string) => unknown;
  stdin: () => Promise<string>;
  /** Resolves once stdout can take more (backpressure for `generate --count`). */
  drain?: () => Promise<void>;
}

const SET_HELP = `--set path=value sets one field of the event (repeatable). The path uses dots and brackets:
  Records[0].body, Records.0.body, headers["x.y"]. The value is parsed as JSON when it parses (5, true, null,
  {"a":1}, ["x"], "quoted") and taken as a plain string otherwise (hello, eu-west-1). Quote the whole argument
  for your shell: --set 'Records[0].body={"orderId":1}'. Keys such as __proto__ are ordinary keys.`;

const COMMANDS: Record<string, string> = {
  types: `Usage: lambda-harness types [--json]

Lists every event type: id, how AWS invokes it (sync, async, poll) and its variants.
  --json   one JSON array instead of tab-separated lines
`,
  generate: `Usage: lambda-harness generate <id> [--variant V] [--seed N] [--count N] [--records N] [--set path=value]…

Prints a realistic event of type <id> (see lambda-harness types); same seed, same event.
  --variant V   shape of the source (default: its first variant)
  --seed N      integer from 0 to 4294967295 (default 42)
  --count N     print N events, one JSON document per line, seeds N, N+1…
  --records N   records per event for batching sources
${SET_HELP}
`,
  validate: `Usage: lambda-harness validate <id> <file…|-> [--json]

Checks files (or stdin with -) against the event type's contract. Exit 1 when one is invalid.
`,
  fixtures: `Usage: lambda-harness fixtures [--check] [--dir D] [--ids id1,id2]

Writes <D>/<id>/<variant>.json for every event type from seed 42 (default D: fixtures).
  --check       compare instead of writing; exit 1 on drift, missing files or leftover temporary files
  --dir D       the fixtures directory
  --ids a,b     only these event types
`,
  simulate: `Usage: lambda-harness simulate <scenario.json> [--json] [--logs]

Runs a scenario (handler, events, invocation type, faults) and prints the ledger.
  --json   the ledger as JSON
  --logs   print the handler's console output as it runs, before the ledger
`,
};

const HELP = `lambda-harness — realistic AWS Lambda events and the harness that invokes handlers like AWS

Usage:
  lambda-harness types [--json]
  lambda-harness generate <id> [--variant V] [--seed N] [--count N] [--records N] [--set path=value]…
  lambda-harness validate <id> <file…|-> [--strict] [--response] [--json]
  lambda-harness fixtures [--check] [--dir D] [--ids id1,id2]
  lambda-harness simulate <scenario.json> [--json] [--logs]
  lambda-harness verify <spec.mjs|spec.ts> [--runs N] [--seed S] [--shard i/n] [--json]
  lambda-harness <command> --help
  lambda-harness --version

${SET_HELP}

Exit codes: 0 ok, 1 invalid event or failed check, 2 usage error.
`;

/** This package's version, read from the nearest package.json named lambda-harness. */
function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'lambda-harness' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not here: look one level up.
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

/** Runs one CLI command and returns its exit code; never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command !== undefined && Object.hasOwn(COMMANDS, command) && (rest.includes('--help') || rest.includes('-h'))) {
      io.stdout(COMMANDS[command] as string);
      return 0;
    }
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
      case 'verify': {
        const { verifyCommand } = await import('./verify.ts');
        return await verifyCommand(rest, io);
      }
      case '--version':
      case '-v':
      case 'version':
        io.stdout(`${version()}\n`);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        if (command === 'help' && rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0])) {
          io.stdout(COMMANDS[rest[0]] as string);
          return 0;
        }
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(
          `unknown command "${command}"; commands: types, generate, validate, fixtures, simulate, verify`,
        );
    }
  } catch (error) {
    if (isLambdaHarnessError(error)) {
      // One line: a contract violation lists every violation, the first is enough to act on.
      io.stderr(`${error.message.split('\n')[0]}\n`);
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

function fixtures(args: readonly string[], io: CliIo): number {
  const parsed = parseArgs(args, { values: ['dir', 'ids'], booleans: ['check'] });
  if (parsed.positionals.length > 0)
    throw new UsageError(`fixtures takes no arguments, received "${parsed.positionals[0]}"`);
  const check = parsed.flags.has('check');
  const dirFlag = lastFlag(parsed, 'dir');
  if (dirFlag === '') throw new UsageError('--dir needs a directory, received an empty value');
  const dir = dirFlag ?? 'fixtures';
  const idsFlag = lastFlag(parsed, 'ids');
  let ids: string[] | undefined;
  if (idsFlag !== undefined) {
    ids = idsFlag
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (ids.length === 0) throw new UsageError('--ids needs one or more event ids, e.g. --ids sqs,s3');
    for (const id of ids) getEventType(id);
  }
  if (check && (!existsSync(dir) || !statSync(dir).isDirectory())) {
    throw new UsageError(
      `--check: ${dir} is not a directory; write the fixtures first: ${fixturesCommand(dirFlag, idsFlag)}`,
    );
  }
  const reports = writeFixtures({ dir, check, ...(ids === undefined ? {} : { ids }) });
  const fix = fixturesCommand(dirFlag, idsFlag);
  let failed = 0;
  for (const report of reports) {
    if (report.status === 'unchanged') continue;
    if (report.status === 'stale') {
      if (check) {
        failed++;
        io.stderr(
          `${formatMessage({ text: `${report.file}: temporary file left by an interrupted write; run ${fix}` })}\n`,
        );
      } else io.stdout(`removed ${report.file}\n`);
      continue;
    }
    if (check) {
      failed++;
      io.stderr(
        `${formatMessage({ text: `${report.file}: ${report.status === 'missing' ? 'missing' : 'differs from what seed 42 generates'}; run ${fix}` })}\n`,
      );
    } else io.stdout(`wrote ${report.file}\n`);
  }
  const files = reports.filter((r) => r.status !== 'stale');
  const total = files.length;
  if (check)
    io.stdout(failed === 0 ? `${total} fixtures up to date\n` : `${failed} of ${total} fixtures out of date\n`);
  else io.stdout(`${total} fixtures, ${files.filter((r) => r.status === 'written').length} written\n`);
  return failed === 0 ? 0 : 1;
}

/** The command that regenerates what `fixtures --check` found, keeping the caller's --dir and --ids. */
function fixturesCommand(dir: string | undefined, ids: string | undefined): string {
  const quote = (s: string) => (/^[\w./,:@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [
    'lambda-harness fixtures',
    dir === undefined ? '' : ` --dir ${quote(dir)}`,
    ids === undefined ? '' : ` --ids ${quote(ids)}`,
  ].join('');
}

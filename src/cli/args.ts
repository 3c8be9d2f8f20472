import { formatMessage, LambdaHarnessError } from '../errors.ts';

/** A command-line usage error: printed as one line, exit code 2. */
export class UsageError extends LambdaHarnessError {
  override name = 'UsageError';
  constructor(text: string, data: { path?: string; expected?: string; received?: string } = {}) {
    super(formatMessage({ text }), { ...data, code: 'USAGE' });
  }
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string[]>;
}

/** Parses `--flag value`, `--flag=value` and boolean `--flag` (for the names in `booleans`). */
export function parseArgs(
  args: readonly string[],
  spec: { values: readonly string[]; booleans: readonly string[] },
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (name: string, value: string) => flags.set(name, [...(flags.get(name) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.booleans.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      add(name, 'true');
    } else if (spec.values.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      add(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, flags };
}

export function lastFlag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

export function integerFlag(args: ParsedArgs, name: string, range: { min: number; max: number }): number | undefined {
  const raw = lastFlag(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || value < range.min || value > range.max) {
    throw new UsageError(`--${name} must be an integer from ${range.min} to ${range.max}, received "${raw}"`);
  }
  return value;
}

import { readFileSync } from 'node:fs';
import { formatMessage, type Violation } from '../errors.ts';
import { getEventType } from '../registry.ts';
import { parseArgs, UsageError } from './args.ts';
import type { CliIo } from './run.ts';

/** One file's result, exactly as `validate --json` prints it. */
export interface FileResult {
  readonly file: string;
  readonly valid: boolean;
  readonly errors: readonly (Pick<Violation, 'path' | 'message'> & Partial<Violation>)[];
}

const BOM = '\uFEFF';

/** The documents in a text: one JSON document, or JSON lines (what `generate --count N` prints). */
function documents(name: string, text: string): { file: string; value?: unknown; error?: string }[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  try {
    return [{ file: name, value: JSON.parse(body) }];
  } catch (error) {
    const lines = body.split('\n');
    const filled = lines.map((line, i) => ({ line, n: i + 1 })).filter(({ line }) => line.trim() !== '');
    // JSON lines: more than one non-empty line, each its own document.
    if (filled.length > 1 && filled.every(({ line }) => /^\s*[[{]/.test(line))) {
      return filled.map(({ line, n }) => {
        try {
          return { file: `${name}:${n}`, value: JSON.parse(line) };
        } catch (lineError) {
          return { file: `${name}:${n}`, error: notJson(lineError) };
        }
      });
    }
    return [{ file: name, error: notJson(error) }];
  }
}

function notJson(error: unknown): string {
  return `not JSON: ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')}`;
}

/** `lambda-harness validate <id> <file…|-> [--strict] [--response] [--json]`. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { values: [], booleans: ['json', 'strict', 'response'] });
  const [id, ...files] = parsed.positionals;
  if (id === undefined || files.length === 0)
    throw new UsageError('validate needs an event id and at least one file (or - for stdin)');
  const type = getEventType(id);
  const options = { strict: parsed.flags.has('strict'), response: parsed.flags.has('response') };
  if (options.response && type.contracts.response === undefined)
    throw new UsageError(`${id} has no response contract: its service does not read the handler's answer`);
  // Every file is read before any result is printed: a missing file is a usage error, and nothing half-printed.
  const texts = files.map((file) => {
    try {
      return { file, text: file === '-' ? undefined : readFileSync(file, 'utf8') };
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  });
  const results: FileResult[] = [];
  for (const { file, text } of texts) {
    for (const doc of documents(file, text ?? (await io.stdin()))) {
      if (doc.error !== undefined) {
        results.push({ file: doc.file, valid: false, errors: [{ path: '', message: doc.error }] });
        continue;
      }
      const result = type.validate(doc.value, options);
      results.push({ file: doc.file, valid: result.valid, errors: result.errors });
    }
  }
  const what = options.response ? 'response' : 'event';
  if (parsed.flags.has('json')) io.stdout(`${JSON.stringify(results)}\n`);
  else {
    for (const result of results) {
      if (result.valid) io.stdout(`${result.file}: valid ${id} ${what}${options.strict ? ' (strict)' : ''}\n`);
      else
        for (const e of result.errors) {
          const rule = e.rule === undefined ? '' : ` [rule ${e.rule}]`;
          io.stdout(`${formatMessage({ id, path: e.path, text: `${e.message}${rule} in ${result.file}` })}\n`);
        }
    }
  }
  return results.every((r) => r.valid) ? 0 : 1;
}

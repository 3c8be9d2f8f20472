import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FixtureError } from './errors.ts';
import { eventTypes, getEventType } from './registry.ts';

/** Seed every committed fixture is built from. */
export const FIXTURE_SEED = 42;

/** What happened to one fixture file. */
export interface FixtureReport {
  readonly id: string;
  readonly variant: string;
  readonly file: string;
  /** `written` / `unchanged` when writing; `unchanged` / `drift` / `missing` when checking. */
  readonly status: 'written' | 'unchanged' | 'drift' | 'missing';
}

export interface FixtureOptions {
  /** Directory holding `<id>/<variant>.json`. Default `fixtures` (relative to the working directory). */
  dir?: string;
  /** Only these event ids. Default: all. */
  ids?: readonly string[];
  /** Compare instead of writing. Default false. */
  check?: boolean;
}

function render(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Writes a file atomically: a temporary sibling renamed over the target, so nothing is ever half-written. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/**
 * Regenerates (or, with `check`, compares) `<dir>/<id>/<variant>.json` for every event type and variant from
 * fixed seeds. Same command for this repository's fixtures and for a user's own directory.
 * @example
 * const drift = writeFixtures({ dir: 'test/events', check: true }).filter((r) => r.status !== 'unchanged');
 */
export function writeFixtures(options: FixtureOptions = {}): FixtureReport[] {
  const dir = options.dir ?? 'fixtures';
  const ids = options.ids ?? eventTypes().map((t) => t.id);
  const reports: FixtureReport[] = [];
  for (const id of ids) {
    const type = getEventType(id);
    for (const variant of type.definition.variants) {
      const file = join(dir, id, `${variant}.json`);
      const content = render(type.build(undefined, { variant, seed: FIXTURE_SEED }));
      let current: string | undefined;
      try {
        current = readFileSync(file, 'utf8');
      } catch {
        current = undefined;
      }
      if (options.check) {
        reports.push({
          id,
          variant,
          file,
          status: current === undefined ? 'missing' : current === content ? 'unchanged' : 'drift',
        });
      } else if (current === content) {
        reports.push({ id, variant, file, status: 'unchanged' });
      } else {
        writeFileAtomic(file, content);
        reports.push({ id, variant, file, status: 'written' });
      }
    }
  }
  return reports;
}

/**
 * Reads a fixture and validates it against its event type; a malformed or invalid file is a FixtureError.
 * @example
 * const event = readFixture('sqs', 'fifo', { dir: 'fixtures' });
 */
export function readFixture(id: string, variant: string, options: { dir?: string } = {}): unknown {
  const file = join(options.dir ?? 'fixtures', id, `${variant}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FixtureError(file, `cannot read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(file, `not JSON: ${(error as Error).message}`);
  }
  const result = getEventType(id).validate(value);
  if (!result.valid) {
    const first = result.errors[0];
    throw new FixtureError(file, `not a valid ${id} event: ${first?.path || '(root)'}: ${first?.message ?? 'invalid'}`);
  }
  return value;
}

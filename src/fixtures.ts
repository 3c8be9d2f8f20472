import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { EventTypesById } from '../generators/registry.gen.ts';
import { FixtureError, UnknownVariantError } from './errors.ts';
import { eventTypes, getEventType } from './registry.ts';

/** Seed every committed fixture is built from. */
export const FIXTURE_SEED = 42;

/** Every registered event id. */
export type EventId = keyof EventTypesById;
/** The variants of event type `I`. */
export type VariantOf<I extends EventId> = EventTypesById[I]['definition']['variants'][number];
/** The event type `I` builds. */
export type EventOf<I extends EventId> = ReturnType<EventTypesById[I]['build']>;

/** What happened to one fixture file. */
export interface FixtureReport {
  readonly id: string;
  readonly variant: string;
  readonly file: string;
  /**
   * `written` / `unchanged` when writing; `unchanged` / `drift` / `missing` when checking. `stale` is a temporary
   * file a killed write left behind: removed when writing, reported (and failing) when checking.
   */
  readonly status: 'written' | 'unchanged' | 'drift' | 'missing' | 'stale';
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

/** Temporary siblings `writeFileAtomic` creates: `<name>.<pid>.<ms>.tmp`. */
const TEMPORARY = /^(.+\.json)\.\d+\.\d+\.tmp$/;

/** Pseudo file systems (`/proc`, `/sys`, `/dev`) never hold fixtures; reading them can block or never end. */
const PSEUDO = ['/proc', '/sys', '/dev'];

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a parent is a file, not a directory',
    EEXIST: 'a parent is a file, not a directory',
    ENOSPC: 'no space left on the device',
    EISDIR: 'is a directory',
  };
  const reason = e?.code === undefined ? undefined : reasons[e.code];
  return reason === undefined ? String(e?.message ?? error).replace(/\s+/g, ' ') : `${reason} (${e.code})`;
}

/** Writes a file atomically: a temporary sibling renamed over the target, so nothing is ever half-written. */
export function writeFileAtomic(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there.
    }
    throw new FixtureError(file, `cannot write: ${describeFsError(error)}`, { cause: error });
  }
}

function checkDir(dir: unknown): string {
  if (typeof dir !== 'string' || dir === '') {
    throw new FixtureError(String(dir), 'the fixtures directory must be a non-empty path', {
      path: 'dir',
      expected: 'a directory path',
      received: typeof dir === 'string' ? '""' : typeof dir,
    });
  }
  let real = resolve(dir);
  try {
    real = realpathSync(real);
  } catch {
    // Does not exist yet: it is created when writing.
  }
  if (PSEUDO.some((root) => real === root || real.startsWith(`${root}${sep}`))) {
    throw new FixtureError(dir, `is on a pseudo file system (${real}); choose a real directory`, { path: 'dir' });
  }
  return dir;
}

/** Temporary files a killed write left in `<dir>/<id>/`. */
function staleTemporaries(dir: string, id: string): { variant: string; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, id));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const match = TEMPORARY.exec(name);
    if (match === null) return [];
    const file = join(dir, id, name);
    try {
      if (!lstatSync(file).isFile()) return [];
    } catch {
      return [];
    }
    return [{ variant: (match[1] as string).slice(0, -'.json'.length), file }];
  });
}

/**
 * Regenerates (or, with `check`, compares) `<dir>/<id>/<variant>.json` for every event type and variant from
 * fixed seeds. Same command for this repository's fixtures and for a user's own directory. A write that fails
 * throws one FixtureError naming the file.
 * @example
 * const drift = writeFixtures({ dir: 'test/events', check: true }).filter((r) => r.status !== 'unchanged');
 */
export function writeFixtures(options: FixtureOptions = {}): FixtureReport[] {
  const dir = checkDir(options.dir ?? 'fixtures');
  const ids = options.ids ?? eventTypes().map((t) => t.id);
  const types = ids.map((id) => getEventType(id));
  const reports: FixtureReport[] = [];
  for (const type of types) {
    const id = type.id;
    for (const stale of staleTemporaries(dir, id)) {
      if (!options.check) rmSync(stale.file, { force: true });
      reports.push({ id, variant: stale.variant, file: stale.file, status: 'stale' });
    }
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
 * Reads a fixture and validates it against its event type. The id and variant are checked before any file is
 * touched; a missing, malformed or invalid file is a FixtureError.
 * @example
 * const event = readFixture('sqs', 'fifo', { dir: 'fixtures' }); // typed SqsEvent
 */
export function readFixture<I extends string>(
  id: I,
  variant: I extends EventId ? VariantOf<I> : string,
  options?: { dir?: string },
): I extends EventId ? EventOf<I> : unknown;
export function readFixture(id: string, variant: string, options: { dir?: string } = {}): unknown {
  const type = getEventType(id);
  if (!type.definition.variants.includes(variant)) throw new UnknownVariantError(id, variant, type.definition.variants);
  const file = join(checkDir(options.dir ?? 'fixtures'), id, `${variant}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FixtureError(file, `cannot read: ${describeFsError(error)}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(file, `not JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`);
  }
  const result = type.validate(value);
  if (!result.valid) {
    const first = result.errors[0];
    throw new FixtureError(
      file,
      `not a valid ${id} event: ${first?.path || '(root)'}: ${first?.message ?? 'invalid'}`,
      first === undefined ? {} : { path: first.path, expected: first.expected, received: first.received },
    );
  }
  return value;
}

import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FixtureError,
  readFixture,
  sqsEvent,
  UnknownEventTypeError,
  UnknownVariantError,
  writeFixtures,
} from '../src/index.ts';
import { getEventType } from '../src/registry.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'lambda-harness-fixtures-'));

describe('fixtures', () => {
  it('the committed fixtures are what the fixed seeds generate', () => {
    const drift = writeFixtures({ dir: join(import.meta.dirname, '..', 'fixtures'), check: true }).filter(
      (r) => r.status !== 'unchanged',
    );
    expect(drift).toStrictEqual([]);
  });

  it('reads and validates a fixture', () => {
    const dir = tmp();
    writeFixtures({ dir, ids: ['sqs'] });
    expect(readFixture('sqs', 'fifo', { dir }) as unknown).toStrictEqual(sqsEvent(undefined, { variant: 'fifo' }));
  });

  it('rejects a malformed fixture with a FixtureError naming the file', () => {
    const dir = tmp();
    writeFixtures({ dir, ids: ['sqs'] });
    writeFileSync(join(dir, 'sqs', 'standard.json'), '{"Records": [');
    expect(() => readFixture('sqs', 'standard', { dir })).toThrow(FixtureError);
    expect(() => readFixture('sqs', 'standard', { dir })).toThrow(/standard\.json: not JSON/);
    writeFileSync(join(dir, 'sqs', 'standard.json'), '{"Records": [{}]}');
    expect(() => readFixture('sqs', 'standard', { dir })).toThrow(/not a valid sqs event: Records\[0\]\.messageId/);
  });

  it('writes atomically: no temporary files are left behind', () => {
    const dir = tmp();
    writeFixtures({ dir, ids: ['scheduled'] });
    expect(readdirSync(join(dir, 'scheduled')).sort()).toStrictEqual(['cron.json', 'rate.json']);
  });

  it('reports unchanged files without rewriting them', () => {
    const dir = tmp();
    writeFixtures({ dir, ids: ['scheduled'] });
    expect(writeFixtures({ dir, ids: ['scheduled'] }).map((r) => r.status)).toStrictEqual(['unchanged', 'unchanged']);
  });
});

describe('readFixture checks the id and variant before touching the file system', () => {
  it.each([
    ['../sqs', 'standard', UnknownEventTypeError, /unknown event type "\.\.\/sqs"/],
    ['sqs', '../../package', UnknownVariantError, /unknown variant "\.\.\/\.\.\/package"; known: standard, fifo/],
    ['sqs', 'lifo', UnknownVariantError, /sqs: unknown variant "lifo"; known: standard, fifo/],
  ])('rejects id %j variant %j', (id, variant, type, message) => {
    const dir = tmp();
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(() => readFixture(id, variant, { dir: join(dir, 'a', 'b') })).toThrow(type);
    expect(() => readFixture(id, variant, { dir: join(dir, 'a', 'b') })).toThrow(message);
  });

  it('reads a known id and variant', () => {
    const dir = tmp();
    writeFixtures({ dir, ids: ['sqs'] });
    expect(readFixture('sqs', 'standard', { dir }).Records).toHaveLength(1);
  });
});

describe('writeFixtures and temporary files', () => {
  it('removes temporary files a killed write left, and reports them', () => {
    const dir = tmp();
    writeFixtures({ dir, ids: ['sqs'] });
    const stale = join(dir, 'sqs', 'fifo.json.12345.1700000000000.tmp');
    writeFileSync(stale, '{"half');
    expect(writeFixtures({ dir, ids: ['sqs'], check: true })).toContainEqual({
      id: 'sqs',
      variant: 'fifo',
      file: stale,
      status: 'stale',
    });
    expect(readdirSync(join(dir, 'sqs'))).toContain('fifo.json.12345.1700000000000.tmp');
    writeFixtures({ dir, ids: ['sqs'] });
    expect(readdirSync(join(dir, 'sqs')).sort()).toStrictEqual(
      getEventType('sqs')
        .definition.variants.map((v) => `${v}.json`)
        .sort(),
    );
  });

  it('leaves files that are not its temporary files alone', () => {
    const dir = tmp();
    writeFixtures({ dir, ids: ['sqs'] });
    writeFileSync(join(dir, 'sqs', 'notes.tmp'), 'mine');
    writeFixtures({ dir, ids: ['sqs'] });
    expect(readdirSync(join(dir, 'sqs'))).toContain('notes.tmp');
  });
});

describe('writeFixtures failures', () => {
  it('names the file when a parent is a file (ENOTDIR)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'sqs'), 'not a directory');
    expect(() => writeFixtures({ dir, ids: ['sqs'] })).toThrow(FixtureError);
    expect(() => writeFixtures({ dir, ids: ['sqs'] })).toThrow(
      `${join(dir, 'sqs', 'standard.json')}: cannot write: a parent is a file, not a directory (`,
    );
  });

  it('names the file when a directory stands where it goes (EISDIR), as root too', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sqs', 'standard.json'), { recursive: true });
    expect(() => writeFixtures({ dir, ids: ['sqs'] })).toThrow(`${join(dir, 'sqs', 'standard.json')}: cannot write: `);
    expect(() => writeFixtures({ dir, ids: ['sqs'] })).toThrow(FixtureError);
  });

  it('refuses an empty directory and pseudo file systems', () => {
    expect(() => writeFixtures({ dir: '' })).toThrow(FixtureError);
    expect(() => writeFixtures({ dir: '/proc/self/fixtures' })).toThrow(/is on a pseudo file system/);
    expect(() => readFixture('sqs', 'standard', { dir: '/proc' })).toThrow(/is on a pseudo file system/);
  });
});

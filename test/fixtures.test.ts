import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FixtureError, readFixture, sqsEvent, writeFixtures } from '../src/index.ts';

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
    expect(readFixture('sqs', 'fifo', { dir })).toStrictEqual(sqsEvent(undefined, { variant: 'fifo' }));
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

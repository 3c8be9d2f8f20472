// aws-behaviour §4.6 — event filtering.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFilterCriteria } from '../../../src/harness/esm/filter.ts';
import { simulateSqs } from '../../../src/harness/esm/sqs.ts';
import { ScenarioError } from '../../../src/harness/errors.ts';
import { recorder } from './helpers.ts';

const filter = (patterns: unknown[], source = 'sqs', quota?: number) =>
  compileFilterCriteria(
    { Filters: patterns.map((p) => ({ Pattern: typeof p === 'string' ? p : JSON.stringify(p) })) },
    { source, quota },
  );
const sqs = (body: unknown, extra: Record<string, unknown> = {}) => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: { ApproximateReceiveCount: '1' },
  ...extra,
});
const matches = (pattern: unknown, body: unknown) => filter([pattern]).matches(sqs(body));

describe('operators', () => {
  it('§4.6 matches equal strings and numbers by their text (300 ≠ 300.0)', () => {
    expect(matches({ body: { type: ['order'] } }, { type: 'order' })).toBe(true);
    expect(matches({ body: { type: ['order'] } }, { type: 'Order' })).toBe(false);
    expect(matches('{"body":{"n":[300]}}', '{"n":300}')).toBe(true);
    expect(matches('{"body":{"n":[300]}}', '{"n":300.0}')).toBe(false);
    expect(matches('{"body":{"n":[300.0]}}', '{"n":300.0}')).toBe(true);
    expect(matches({ body: { n: ['300'] } }, { n: 300 })).toBe(false);
    expect(matches({ body: { ok: [true] } }, { ok: true })).toBe(true);
  });

  it('§4.6 ORs the values of one list and ANDs the fields of one pattern', () => {
    const p = { body: { type: ['a', 'b'], n: [1] } };
    expect(matches(p, { type: 'b', n: 1 })).toBe(true);
    expect(matches(p, { type: 'b', n: 2 })).toBe(false);
    expect(matches(p, { type: 'c', n: 1 })).toBe(false);
  });

  it('§4.6 matches prefix', () => {
    expect(matches({ body: { id: [{ prefix: 'ord-' }] } }, { id: 'ord-1' })).toBe(true);
    expect(matches({ body: { id: [{ prefix: 'ord-' }] } }, { id: 'inv-1' })).toBe(false);
    expect(matches({ body: { id: [{ prefix: 'ord-' }] } }, { id: 7 })).toBe(false);
  });

  it('§4.6 matches anything-but a value or a list, only when the field exists', () => {
    const p = { body: { s: [{ 'anything-but': ['a', 'b'] }] } };
    expect(matches(p, { s: 'c' })).toBe(true);
    expect(matches(p, { s: 'a' })).toBe(false);
    expect(matches(p, {})).toBe(false);
    expect(matches({ body: { n: [{ 'anything-but': 5 }] } }, { n: 6 })).toBe(true);
    expect(matches({ body: { n: [{ 'anything-but': 5 }] } }, { n: 5 })).toBe(false);
  });

  it('§4.6 matches numeric comparisons and ranges', () => {
    const n = (op: unknown[], value: number) => matches({ body: { n: [{ numeric: op }] } }, { n: value });
    expect(n(['=', 5], 5)).toBe(true);
    expect(n(['=', 5], 5.5)).toBe(false);
    expect(n(['<', 5], 4)).toBe(true);
    expect(n(['<=', 5], 5)).toBe(true);
    expect(n(['>', 5], 5)).toBe(false);
    expect(n(['>=', 5], 5)).toBe(true);
    expect(n(['>', 10, '<=', 20], 20)).toBe(true);
    expect(n(['>', 10, '<=', 20], 10)).toBe(false);
    expect(matches({ body: { n: [{ numeric: ['>', 0] }] } }, { n: '5' })).toBe(false);
  });

  it('§4.6 matches exists, null and the empty string', () => {
    expect(matches({ body: { a: [{ exists: true }] } }, { a: 1 })).toBe(true);
    expect(matches({ body: { a: [{ exists: true }] } }, {})).toBe(false);
    expect(matches({ body: { a: [{ exists: false }] } }, {})).toBe(true);
    expect(matches({ body: { a: [{ exists: false }] } }, { a: 0 })).toBe(false);
    expect(matches({ body: { a: [null] } }, { a: null })).toBe(true);
    expect(matches({ body: { a: [null] } }, {})).toBe(false);
    expect(matches({ body: { a: [''] } }, { a: '' })).toBe(true);
    expect(matches({ body: { a: [''] } }, { a: 'x' })).toBe(false);
  });

  it('§4.6 matches any element of an array value', () => {
    expect(matches({ body: { tags: ['red'] } }, { tags: ['blue', 'red'] })).toBe(true);
    expect(matches({ body: { tags: ['red'] } }, { tags: ['blue'] })).toBe(false);
  });

  it('§4.6 ORs filters', () => {
    const f = filter([{ body: { a: [1] } }, { body: { b: [2] } }]);
    expect(f.firstMatch(sqs({ b: 2 }))).toBe(1);
    expect(f.matches(sqs({ c: 3 }))).toBe(false);
  });

  it('§4.6 matches metadata fields of the record', () => {
    const f = filter([
      { attributes: { ApproximateReceiveCount: ['1'] }, messageAttributes: { t: { stringValue: ['x'] } } },
    ]);
    expect(f.matches(sqs('plain', { messageAttributes: { t: { stringValue: 'x', dataType: 'String' } } }))).toBe(true);
    expect(f.matches(sqs('plain', { messageAttributes: {} }))).toBe(false);
  });
});

describe('data keys and formats', () => {
  it('§4.6 drops a plain-text SQS body under a JSON pattern, and matches it with a plain pattern', () => {
    expect(matches({ body: { a: [1] } }, 'not json')).toBe(false);
    expect(matches({ body: ['hello'] }, 'hello')).toBe(true);
    expect(matches({ body: [{ prefix: 'hel' }] }, 'hello')).toBe(true);
  });

  it('§4.6 decodes base64 Kinesis data and rejects plain patterns on it', () => {
    const kinesis = { partitionKey: 'p', data: Buffer.from('{"t":42}').toString('base64') };
    expect(filter([{ data: { t: [{ numeric: ['>', 40] }] } }], 'kinesis').matches(kinesis)).toBe(true);
    expect(filter([{ partitionKey: ['p'] }], 'kinesis').matches(kinesis)).toBe(true);
    expect(() => filter([{ data: ['x'] }], 'kinesis')).toThrow(/"data" must be a JSON object pattern/);
  });

  it('§4.6 reads DynamoDB images as they are and Kafka values as base64', () => {
    const ddb = { eventName: 'INSERT', dynamodb: { NewImage: { n: { N: '5' } } } };
    expect(filter([{ dynamodb: { NewImage: { n: { N: ['5'] } } } }], 'dynamodb').matches(ddb)).toBe(true);
    const kafka = { key: Buffer.from('k1').toString('base64'), value: Buffer.from('{"v":1}').toString('base64') };
    expect(filter([{ key: ['k1'], value: { v: [1] } }], 'msk').matches(kafka)).toBe(true);
  });
});

describe('invalid patterns', () => {
  const error = (patterns: unknown[], options: { source?: string; quota?: number } = {}) => {
    try {
      filter(patterns, options.source, options.quota);
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      return (e as Error).message;
    }
    return 'no error';
  };

  it('§4.6 names the filter index of invalid JSON', () => {
    expect(error([{ body: { a: [1] } }, '{"body": '])).toMatch(
      /^\[lambda-harness\] filterCriteria\.Filters\[1\]\.Pattern: invalid JSON: /,
    );
  });

  it('§4.6 rejects unsupported and unknown operators', () => {
    expect(error([{ body: { a: [{ suffix: 'x' }] } }])).toBe(
      '[lambda-harness] filterCriteria.Filters[0].Pattern: "body.a": operator "suffix" is EventBridge-only, unsupported by event source mappings (aws-behaviour §4.6)',
    );
    expect(error([{ body: { a: [{ 'anything-but': { prefix: 'x' } }] } }])).toMatch(/EventBridge-only/);
    expect(error([{ body: { a: [{ between: 1 }] } }])).toMatch(/unknown operator "between"/);
  });

  it('§4.6 rejects malformed values', () => {
    expect(error([{ body: { a: [] } }])).toMatch(/"body.a" is an empty list/);
    expect(error([{ body: { a: 'x' } }])).toMatch(/"body.a" must be an array of match values or an object/);
    expect(error([{ body: { a: [{ numeric: ['>', 'x'] }] } }])).toMatch(/numeric > takes a number/);
    expect(error([{ body: { a: [{ numeric: ['>', 1, '>', 2] }] } }])).toMatch(/one lower .* and one upper/);
    expect(error(['[1]'])).toMatch(/a pattern must be a JSON object/);
    expect(error([{}])).toMatch(/the pattern is an empty object/);
  });

  it('§4.6 allows 5 filters by default and up to a quota of 10', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ body: { i: [i] } }));
    expect(error(six)).toMatch(/at most 5 filters per event source mapping \(aws-behaviour §4\.6\), received 6/);
    expect(error(six, { quota: 10 })).toBe('no error');
    expect(error(six, { quota: 11 })).toMatch(/quota: expected integer 1–10/);
  });

  it('§4.6 rejects a pattern longer than 4096 characters', () => {
    const long = JSON.stringify({ body: { a: ['x'.repeat(4100)] } });
    expect(error([long])).toMatch(/pattern is \d+ characters; at most 4096/);
  });

  it('§4.5 rejects filtering on DocumentDB', () => {
    expect(error([{ a: [1] }], { source: 'documentdb' })).toMatch(/DocumentDB mappings do not support event filtering/);
  });
});

describe('SQS filtering', () => {
  it('§4.6 deletes non-matching SQS messages without invoking the handler: outcome filtered', async () => {
    const { handler, batches } = recorder();
    const ledger = await simulateSqs(handler, [{ body: { t: 'keep' } }, { body: { t: 'drop' } }, 'plain text'], {
      filterCriteria: { Filters: [{ Pattern: '{"body":{"t":["keep"]}}' }] },
    });
    expect(batches).toEqual([['{"t":"keep"}']]);
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toEqual([
      ['succeeded', 1],
      ['filtered', 0],
      ['filtered', 0],
    ]);
    expect(ledger.events[1]?.reason).toBe('deleted by event filtering: no filter pattern matched (aws-behaviour §4.6)');
  });

  it('§4.6 reports an invalid SQS pattern with the mapping field', async () => {
    await expect(
      simulateSqs(async () => {}, ['a'], {
        filterCriteria: { Filters: [{ Pattern: '{"body":{"a":[{"wildcard":"*"}]}}' }] },
      }),
    ).rejects.toThrow(/^\[lambda-harness\] filterCriteria\.Filters\[0\]\.Pattern: "body\.a": operator "wildcard"/);
  });
});

describe('matcher properties', () => {
  // A reference matcher written independently, over flat values: string, integer or decimal text.
  type Leaf =
    | { kind: 'equals'; value: string | number; text: string }
    | { kind: 'prefix'; value: string }
    | { kind: 'numeric'; ops: [string, number][] };
  const reference = (leaf: Leaf, value: string | number, valueText: string): boolean => {
    if (leaf.kind === 'equals') {
      return typeof leaf.value === 'string'
        ? value === leaf.value
        : typeof value === 'number' && valueText === leaf.text;
    }
    if (leaf.kind === 'prefix') return typeof value === 'string' && value.slice(0, leaf.value.length) === leaf.value;
    if (typeof value !== 'number') return false;
    return leaf.ops.every(([op, n]) =>
      op === '='
        ? value === n
        : op === '<'
          ? value < n
          : op === '<='
            ? value <= n
            : op === '>'
              ? value > n
              : value >= n,
    );
  };
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '1', '"', '\\'), maxLength: 4 });
  const num = fc.oneof(
    fc.integer({ min: -50, max: 50 }).map((n) => ({ n, text: String(n) })),
    fc.integer({ min: -500, max: 500 }).map((n) => ({ n: n / 10, text: (n / 10).toFixed(1) })),
  );
  const value = fc.oneof(
    word.map((s) => ({ v: s as string | number, text: JSON.stringify(s) })),
    num.map(({ n, text }) => ({ v: n as string | number, text })),
  );
  const op = fc.constantFrom('=', '<', '<=', '>', '>=');
  const leaf: fc.Arbitrary<Leaf> = fc.oneof(
    word.map((s) => ({ kind: 'equals' as const, value: s, text: JSON.stringify(s) })),
    num.map(({ n, text }) => ({ kind: 'equals' as const, value: n, text })),
    word.map((s) => ({ kind: 'prefix' as const, value: s })),
    fc
      .tuple(op, fc.integer({ min: -60, max: 60 }))
      .map(([o, n]) => ({ kind: 'numeric' as const, ops: [[o, n]] as [string, number][] })),
    fc
      .tuple(
        fc.constantFrom('>', '>='),
        fc.integer({ min: -60, max: 0 }),
        fc.constantFrom('<', '<='),
        fc.integer({ min: 0, max: 60 }),
      )
      .map(([a, x, b, y]) => ({
        kind: 'numeric' as const,
        ops: [
          [a, x],
          [b, y],
        ] as [string, number][],
      })),
  );
  const patternText = (l: Leaf) =>
    l.kind === 'equals'
      ? l.text
      : l.kind === 'prefix'
        ? JSON.stringify({ prefix: l.value })
        : `{"numeric":[${l.ops.map(([o, n]) => `"${o}",${n}`).join(',')}]}`;

  it('§4.6 agrees with a reference implementation on equals, prefix and numeric', () => {
    fc.assert(
      fc.property(leaf, value, (l, v) => {
        const f = filter([`{"body":{"x":[${patternText(l)}]}}`]);
        const body = `{"x":${v.text}}`;
        expect(f.matches(sqs(body))).toBe(reference(l, v.v, v.text));
      }),
      { numRuns: 400, seed: 4242 },
    );
  });

  it('§4.6 ORs filters like a reference (some pattern matches)', () => {
    fc.assert(
      fc.property(fc.array(leaf, { minLength: 1, maxLength: 5 }), value, (leaves, v) => {
        const f = filter(leaves.map((l) => `{"body":{"x":[${patternText(l)}]}}`));
        expect(f.matches(sqs(`{"x":${v.text}}`))).toBe(leaves.some((l) => reference(l, v.v, v.text)));
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});

describe('filter quota option', () => {
  it('§4.6 lets drain raise the filter quota to 10', async () => {
    const Filters = Array.from({ length: 6 }, (_, i) => ({ Pattern: JSON.stringify({ body: [String(i)] }) }));
    await expect(simulateSqs(async () => {}, ['5'], { filterCriteria: { Filters } })).rejects.toThrow(
      /at most 5 filters/,
    );
    const ledger = await simulateSqs(async () => {}, ['5', '9'], { filterCriteria: { Filters }, filterQuota: 6 });
    expect(ledger.events.map((e) => e.outcome)).toEqual(['succeeded', 'filtered']);
  });
});

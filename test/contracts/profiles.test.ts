import { describe, expect, it } from 'vitest';
import { shapeSchema, strictSchema } from '../../src/contracts/profiles.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import { compileContract, runContract } from '../../src/contracts/validate.ts';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'items'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    kind: { enum: ['a', 'b'], 'x-open': true },
    version: { const: '1.1', 'x-shape': { enum: ['1.0', '1.1'] } },
    note: { type: 'string', maxLength: 3 },
    items: { type: 'array', maxItems: 2, items: { $ref: '#/definitions/Item' } },
    extra: false,
  },
  definitions: {
    Item: {
      oneOf: [
        { type: 'object', required: ['n'], properties: { n: { type: 'integer', minimum: 10 } } },
        { type: 'object', required: ['s'], properties: { s: { type: 'string' } } },
      ],
    },
  },
};

const strict = compileContract('demo', () => schema, {
  profile: 'strict',
  rules: [
    defineRule<{ id: string; items: unknown[] }>({
      id: 'id-length-matches-items',
      description: 'demo rule',
      check(value, report) {
        if (value.id.startsWith('0') && value.items.length > 1)
          report({ path: ['id'], expected: 'an id not starting with 0 when items > 1', received: show(value.id) });
      },
    }),
  ],
});
const shape = compileContract('demo', () => schema, { profile: 'shape' });
const valid = { id: 'a'.repeat(32), kind: 'a', items: [{ n: 11 }] };

describe('contract profiles', () => {
  it('accepts a valid value in both profiles', () => {
    expect(runContract(strict, valid).errors).toStrictEqual([]);
    expect(runContract(shape, valid).errors).toStrictEqual([]);
  });

  it('judges formats and sizes only in strict', () => {
    const value = { ...valid, id: 'EXAMPLE', note: 'long', items: [{ n: 1 }, { s: 'x' }, { s: 'y' }] };
    expect(runContract(shape, value).errors).toStrictEqual([]);
    expect(runContract(strict, value).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['id', 'items', 'items[0].n', 'note']),
    );
  });

  it('allows unknown properties and omitted-field markers only in shape', () => {
    const value = { ...valid, unknown: 1, extra: 'x' };
    expect(runContract(shape, value).valid).toBe(true);
    expect(
      runContract(strict, value)
        .errors.map((e) => e.path)
        .sort(),
    ).toStrictEqual(['extra', 'unknown']);
  });

  it('accepts null for optional fields in shape, never for required ones', () => {
    expect(runContract(shape, { ...valid, note: null, version: null }).valid).toBe(true);
    expect(runContract(strict, { ...valid, note: null }).valid).toBe(false);
    expect(runContract(shape, { ...valid, id: null }).errors[0]).toMatchObject({ path: 'id', received: 'null' });
  });

  it('keeps open lists to their JSON type in shape and checks them in strict', () => {
    expect(runContract(shape, { ...valid, kind: 'c' }).valid).toBe(true);
    expect(runContract(shape, { ...valid, kind: 3 }).valid).toBe(false);
    expect(runContract(strict, { ...valid, kind: 'c' }).errors[0]?.path).toBe('kind');
  });

  it('uses an x-shape replacement in shape only', () => {
    expect(runContract(shape, { ...valid, version: '1.0' }).valid).toBe(true);
    expect(runContract(shape, { ...valid, version: '2.0' }).valid).toBe(false);
    expect(runContract(strict, { ...valid, version: '1.0' }).valid).toBe(false);
  });

  it('still rejects wrong JSON types and missing required fields in shape', () => {
    expect(runContract(shape, { ...valid, items: 'x' }).errors[0]).toMatchObject({ path: 'items', expected: 'array' });
    const { kind: _, ...missing } = valid;
    expect(runContract(shape, missing).errors[0]).toMatchObject({ path: 'kind', expected: 'a value (required)' });
  });

  it('runs cross-field rules in strict only, reporting the rule id', () => {
    const value = { ...valid, id: `0${'a'.repeat(31)}`, items: [{ n: 11 }, { s: 'x' }] };
    expect(runContract(shape, value).valid).toBe(true);
    expect(runContract(strict, value).errors).toStrictEqual([
      {
        path: 'id',
        expected: 'an id not starting with 0 when items > 1',
        received: JSON.stringify(value.id),
        message: `expected an id not starting with 0 when items > 1, received ${JSON.stringify(value.id)}`,
        rule: 'id-length-matches-items',
      },
    ]);
  });

  it('strips the annotations from both compiled schemas', () => {
    const text = JSON.stringify([strictSchema(schema), shapeSchema(schema)]);
    expect(text).not.toMatch(/"x-(open|shape|strict-only)"/);
  });
});

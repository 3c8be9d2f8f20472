// The fast validator compiles a rewritten schema (fastSchema); it must accept exactly what the original accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastSchema } from '../../src/contracts/validate.ts';
import { buildEvent, eventTypes, getEventType } from '../../src/index.ts';

type Json = Record<string, unknown> | unknown[];

function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      paths(child, path, out);
    }
  }
  return out;
}

function mutate(
  event: Json,
  path: (string | number)[],
  change: { kind: 'set' | 'delete' | 'add'; value: unknown },
): Json {
  const copy = structuredClone(event) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (change.kind === 'delete' && !Array.isArray(node)) delete node[last];
  else if (change.kind === 'add' && !Array.isArray(node)) node[`${String(last)}X`] = change.value;
  else node[last] = change.value;
  return copy;
}

describe('fastSchema', () => {
  it('keeps the constraints: the fast check and the full report agree on mutated events of every source', () => {
    for (const { id } of eventTypes()) {
      const type = getEventType(id);
      const event = buildEvent(id, undefined, { seed: 5 }) as Json;
      const all = paths(event);
      fc.assert(
        fc.property(
          fc.nat({ max: all.length - 1 }),
          fc.constantFrom<'set' | 'delete' | 'add'>('set', 'delete', 'add'),
          fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined)),
          (at, kind, value) => {
            const mutant = mutate(event, all[at] as (string | number)[], { kind, value });
            const fast = type.contract.check(mutant);
            const full = type.contract.report(mutant).length === 0;
            expect({ id, path: all[at], kind, fast }).toStrictEqual({ id, path: all[at], kind, fast: full });
          },
        ),
        { numRuns: 60, seed: 21 },
      );
    }
  });

  it('inlines local references and turns closed objects with many properties into propertyNames', () => {
    const schema = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries('abcdefghi'.split('').map((k) => [k, { $ref: '#/definitions/S' }])),
      definitions: { S: { type: 'string' } },
    };
    const rewritten = fastSchema(schema) as { properties: Record<string, unknown>; propertyNames?: unknown };
    expect(rewritten.properties.a).toStrictEqual({ type: 'string' });
    expect(rewritten.propertyNames).toStrictEqual({ enum: 'abcdefghi'.split('') });
    expect(rewritten).not.toHaveProperty('additionalProperties');
  });

  it('leaves small closed objects and schemas with nested $id alone', () => {
    const small = { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } };
    expect(fastSchema(small)).toStrictEqual(small);
    const nested = { type: 'object', properties: { a: { $id: 'other', type: 'string' } } };
    expect(fastSchema(nested)).toBe(nested);
  });
});

/**
 * The contract every event type runs (STYLE.md §8): determinism, schema validity, overrides, derived fields,
 * variants, arbitraries (valid, edge-valid, shrinkable) and published AWS samples.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getEventType, OverrideError, validate } from '../../src/index.ts';

export interface EventContract<T> {
  readonly id: string;
  /** The public builder (e.g. `sqsEvent`). */
  readonly build: (
    overrides?: never,
    options?: { seed?: number; variant?: never; records?: number; validate?: boolean },
  ) => T;
  /** The public arbitrary factory (e.g. `sqsArbitrary`). */
  readonly arbitrary: (options?: { edge?: boolean; variant?: never }) => fc.Arbitrary<T>;
  /** An override and a check that it landed (in AWS's encoding). */
  readonly override: { readonly value: unknown; readonly check: (event: T) => void };
  /** Asserts the event's derived fields agree with the fields they derive from (md5, ARNs, encodings…). */
  readonly derived: (event: T) => void;
  /** A required field to remove for the negative validation case, as a path of keys. */
  readonly requiredPath: readonly (string | number)[];
  /**
   * For every cross-field rule of the strict profile (by rule id): a change to a valid generated event that
   * breaks exactly that rule. The suite requires one per rule, and checks strict reports it while shape accepts.
   */
  readonly breaks?: Readonly<Record<string, (event: T) => void>>;
}

const RUNS = Number(process.env.CONTRACT_RUNS ?? 40);

/** A value of another JSON type than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 12_345;
  if (Array.isArray(value)) return { not: 'an array' };
  if (value !== null && typeof value === 'object') return 'not an object';
  return 'not a number or boolean';
}

function setAt(value: unknown, path: readonly (string | number)[], next: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = next;
  return copy;
}

function getAt(value: unknown, path: readonly (string | number)[]): unknown {
  let node = value as Record<string | number, unknown>;
  for (const key of path) node = node[key] as Record<string | number, unknown>;
  return node;
}

function removeAt(value: unknown, path: readonly (string | number)[]): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  delete node[path[path.length - 1] as string | number];
  return copy;
}

export function runEventContract<T>(contract: EventContract<T>): void {
  const { id } = contract;
  const type = getEventType(id);
  const build = contract.build as (overrides?: unknown, options?: Record<string, unknown>) => T;
  const arbitrary = contract.arbitrary as (options?: Record<string, unknown>) => fc.Arbitrary<T>;

  describe(`${id} event contract`, () => {
    it('builds the same event for the same seed and a different one for another seed', () => {
      expect(build(undefined, { seed: 7 })).toStrictEqual(build(undefined, { seed: 7 }));
      expect(build()).toStrictEqual(build(undefined, { seed: 42 }));
      expect(build(undefined, { seed: 8 })).not.toStrictEqual(build(undefined, { seed: 7 }));
    });

    it('builds events that satisfy the strict profile, for every variant over many seeds', () => {
      for (const variant of type.definition.variants) {
        for (let seed = 0; seed < Math.ceil(RUNS / 4); seed++) {
          const event = build(undefined, { variant, seed, validate: false });
          expect({ variant, seed, errors: validate(id, event, { strict: true }).errors }).toStrictEqual({
            variant,
            seed,
            errors: [],
          });
          contract.derived(event);
        }
      }
    });

    it('rejects an unknown property in the strict profile and accepts it in the shape profile', () => {
      const event = { ...(build() as object), notAField: 1 };
      expect(validate(id, event).valid).toBe(true);
      expect(validate(id, event, { strict: true }).errors.map((e) => e.path)).toContain('notAField');
    });

    it('rejects a wrong JSON type in the shape profile, naming the path', () => {
      const event = build();
      const broken = setAt(event, contract.requiredPath, wrongType(getAt(event, contract.requiredPath)));
      const result = validate(id, broken);
      expect(result.valid).toBe(false);
      const last = String(contract.requiredPath[contract.requiredPath.length - 1]);
      expect(result.errors.map((e) => e.path).some((p) => p.endsWith(last))).toBe(true);
    });

    it('has a breaking case for every cross-field rule: strict reports the rule, shape accepts', () => {
      const rules = (type.definition.rules ?? []).map((r) => r.id);
      expect(Object.keys(contract.breaks ?? {}).sort()).toStrictEqual([...rules].sort());
      for (const [rule, breakIt] of Object.entries(contract.breaks ?? {})) {
        const event = structuredClone(build(undefined, { seed: 5 }));
        expect({ rule, before: validate(id, event, { strict: true }).errors }).toStrictEqual({ rule, before: [] });
        breakIt(event);
        const errors = validate(id, event, { strict: true }).errors;
        expect({ rule, reported: errors.some((e) => e.rule === rule) }).toStrictEqual({ rule, reported: true });
        expect({ rule, shape: validate(id, event).errors }).toStrictEqual({ rule, shape: [] });
      }
    });

    it('applies overrides in AWS encoding', () => {
      contract.override.check(build(contract.override.value));
    });

    it('rejects an unknown override path, naming it', () => {
      expect(() => build({ notAField: 1 })).toThrow(OverrideError);
      expect(() => build({ notAField: 1 })).toThrow(/notAField: unknown override path/);
    });

    it('cannot be made to pollute prototypes by __proto__, constructor or prototype keys', () => {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        expect(() => build(JSON.parse(`{"${key}": {"polluted": true}}`))).toThrow(
          new RegExp(`${key}: unknown override path`),
        );
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('rejects an unknown variant', () => {
      expect(() => build(undefined, { variant: 'no-such-variant' })).toThrow(/unknown variant "no-such-variant"/);
    });

    it('reports a missing required field with its path', () => {
      const broken = removeAt(build(), contract.requiredPath);
      const result = validate(id, broken);
      expect(result.valid).toBe(false);
      const last = String(contract.requiredPath[contract.requiredPath.length - 1]);
      expect(result.errors.map((e) => e.path).some((p) => p.endsWith(last))).toBe(true);
    });

    it('keeps derived fields consistent for generated events (property)', () => {
      fc.assert(
        fc.property(arbitrary(), (event) => {
          contract.derived(event);
        }),
        { numRuns: RUNS, seed: 1 },
      );
    });

    it('generates only strict-valid events, in normal and edge mode', () => {
      for (const edge of [false, true]) {
        for (const event of fc.sample(arbitrary({ edge }), { numRuns: Math.ceil(RUNS / 2), seed: 2 })) {
          expect(validate(id, event, { strict: true }).errors).toStrictEqual([]);
        }
      }
    });

    it('shrinks a failing event to a smaller valid one', () => {
      const result = fc.check(
        fc.property(arbitrary({ edge: true }), () => false),
        { numRuns: 5, seed: 4 },
      );
      expect(result.failed).toBe(true);
      expect(result.numShrinks).toBeGreaterThan(0);
      expect(validate(id, result.counterexample?.[0], { strict: true }).errors).toStrictEqual([]);
    });

    it('accepts every published AWS sample kept under test/fixtures/aws', () => {
      const dir = join(import.meta.dirname, '..', 'fixtures', 'aws', id);
      const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const sample = JSON.parse(readFileSync(join(dir, file), 'utf8'));
        expect({ file, errors: validate(id, sample).errors }).toStrictEqual({ file, errors: [] });
      }
    });
  });
}

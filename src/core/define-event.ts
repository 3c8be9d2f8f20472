import type { Faker } from '@faker-js/faker';
import type { JsonSchema } from '../contracts/schema.ts';
import {
  assertContract,
  type CompiledContract,
  compileContract,
  runContract,
  type ValidationResult,
} from '../contracts/validate.ts';
import { loadPrecompiled, type PrecompiledChecks } from '../contracts/precompiled.ts';
import type { ContractRule } from '../contracts/rules.ts';
import { NoResponseContractError, OverrideError, UnknownVariantError } from '../errors.ts';
import { DEFAULT_NOW } from './aws-values.ts';
import { enterRandom, scopedFaker } from './faker.ts';
import { applyOverrides, assertJsonData, blameOverride, describeReceived, isPlainObject, kindOf } from './overrides.ts';
import { Random } from './random.ts';

/** How AWS invokes the function for this source (docs/aws-behaviour.md): the caller waits, Lambda's queue, or a poller. */
export type Invocation = 'sync' | 'async' | 'poll';

/** The default seed: `sqsEvent()` is the same event in every process. */
export const DEFAULT_SEED = 42;

/** The largest seed (seeds are 32-bit unsigned integers; larger ones would wrap onto others). */
export const MAX_SEED = 2 ** 32 - 1;

/** Options every builder takes. */
export interface BuildOptions<V extends string = string> {
  /** Seed of every random value, an integer from 0 to 2³²−1; same seed, same event. Default 42. */
  seed?: number;
  /** Shape of the source (`fifo`, `multi-value`…). Default: the first variant of the event type. */
  variant?: V;
  /** Number of records for sources that batch them. Default: the source's own (1), or the overrides' count. */
  records?: number;
  /**
   * Validate the result and throw on violations: `true`/`'strict'` (default) checks the strict profile (what AWS
   * could send, cross-field rules included), `'shape'` only what a handler can receive, `false` nothing.
   */
  validate?: boolean | 'shape' | 'strict';
  /** The instant timestamps are anchored to (epoch ms, Date or ISO string). Default 2026-01-15T12:00:00Z. */
  now?: number | Date | string;
}

/** What a definition's `generate` and `finalize` see. */
export interface GenerateContext<V extends string = string> {
  readonly id: string;
  readonly random: Random;
  readonly faker: Faker;
  readonly variant: V;
  /** The number of records to build (max of `options.records` and the overrides' record count). */
  readonly records: number;
  readonly now: number;
  readonly seed: number;
  /** The caller's overrides, read-only: generators read them to keep derived fields consistent. */
  readonly overrides: unknown;
  /** Builds another registered event (for envelopes) with a seed derived from this build. */
  readonly nested: <T>(type: EventType<T, unknown, string>, overrides?: unknown, options?: BuildOptions) => T;
}

/** One source's definition: the single place its schema, variants, builder and arbitrary come from. */
export interface EventDefinition<V extends string> {
  readonly id: string;
  readonly title: string;
  readonly invocation: Invocation;
  /** Variants; the first is the default. */
  readonly variants: readonly V[];
  /** The AWS documentation page the shape comes from. */
  readonly docs: string;
  /**
   * How the variant labels of AWS's published samples (the reference facts `npm run check:reference` reads) map
   * to this type's variants; a label equal to a variant name maps to it, `-` to the default variant.
   */
  readonly referenceVariants?: Readonly<Record<string, V>>;
  /** Top-level key of the record array, its default length and AWS's maximum, for batching sources. */
  readonly records?: { readonly key: string; readonly default: number; readonly max: number };
  /** The contract: the strict profile as written; the shape profile is derived from it (src/contracts/profiles.ts). */
  readonly schema: () => JsonSchema;
  /** Cross-field rules of the strict profile. */
  // biome-ignore lint/suspicious/noExplicitAny: each definition types its rules by its event
  readonly rules?: readonly ContractRule<any>[];
  /** Where the service reads the handler's answer: the response contract, as the service judges it. */
  readonly response?: {
    readonly schema: () => JsonSchema;
    /**
     * Paths of AWS's published response samples that the service itself rejects (with why), so the reference
     * check reports them instead of failing: e.g. a Powertools sample that is not a proxy result.
     */
    readonly malformedInSamples?: Readonly<Record<string, string>>;
    // biome-ignore lint/suspicious/noExplicitAny: typed by the definition
    readonly rules?: readonly ContractRule<any>[];
  };
  /** Builds a complete default event; encoded fields may still hold decoded values. */
  readonly generate: (ctx: GenerateContext<V>) => Record<string, unknown>;
  /** After overrides: encodes decoded conveniences and recomputes derived fields not overridden. */
  readonly finalize?: (event: Record<string, unknown>, ctx: GenerateContext<V>) => void;
}

/** A registered event type: its definition plus the builder and contract derived from it. */
export interface EventType<TEvent, TOverrides, V extends string> {
  readonly id: string;
  readonly definition: EventDefinition<V>;
  /** The shape contract (the default profile). */
  readonly contract: CompiledContract;
  readonly contracts: EventContracts;
  build(overrides?: TOverrides, options?: BuildOptions<V>): TEvent;
  validate(value: unknown, options?: ValidateOptions): ValidationResult;
}

/** The compiled contracts of one event type. */
export interface EventContracts {
  readonly shape: CompiledContract;
  readonly strict: CompiledContract;
  readonly response: CompiledContract | undefined;
}

/** Which contract `validate` checks. */
export interface ValidateOptions {
  /** Check the strict profile: formats, closed objects and cross-field rules. Default false (shape). */
  strict?: boolean;
  /** Check a handler's response against the source's response contract instead of an event. Default false. */
  response?: boolean;
}

/** The contract `options` select; throws when the event type has no response contract. */
export function selectContract(
  type: { id: string; contracts: EventContracts },
  options: ValidateOptions = {},
): CompiledContract {
  if (options.response === true) {
    if (type.contracts.response === undefined) throw new NoResponseContractError(type.id);
    return type.contracts.response;
  }
  return options.strict === true ? type.contracts.strict : type.contracts.shape;
}

/** The latest instant the ISO timestamps AWS sends can hold (9999-12-31T23:59:59.999Z). */
const MAX_NOW = 253_402_300_799_999;

function toEpochMs(id: string, now: unknown): number {
  if (now === undefined) return DEFAULT_NOW;
  const ms =
    typeof now === 'number'
      ? now
      : now instanceof Date
        ? now.getTime()
        : typeof now === 'string'
          ? Date.parse(now)
          : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_NOW) {
    throw new OverrideError(
      id,
      'options.now',
      `expected a date from 1970 to 9999 (epoch ms, Date or ISO string), received ${describeReceived(now)}`,
      { expected: 'epoch ms, Date or ISO string', received: describeReceived(now) },
    );
  }
  return ms;
}

/** Checks the options every builder takes, so a bad one is named instead of failing as a TypeError. */
function checkOptions<V extends string>(id: string, options: unknown): BuildOptions<V> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new OverrideError(id, 'options', `expected an options object, received ${describeReceived(options)}`, {
      expected: 'object',
      received: kindOf(options),
    });
  }
  const { seed, validate } = options as BuildOptions<V>;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) {
    throw new OverrideError(
      id,
      'options.seed',
      `seed must be an integer from 0 to ${MAX_SEED}, received ${describeReceived(seed)}`,
      { expected: `integer 0–${MAX_SEED}`, received: describeReceived(seed) },
    );
  }
  if (validate !== undefined && typeof validate !== 'boolean' && validate !== 'shape' && validate !== 'strict') {
    throw new OverrideError(
      id,
      'options.validate',
      `expected true, false, "shape" or "strict", received ${describeReceived(validate)}`,
      { expected: 'boolean, "shape" or "strict"', received: describeReceived(validate) },
    );
  }
  return options as BuildOptions<V>;
}

/** Turns a definition into an event type with a builder. */
export function defineEvent<TEvent, TOverrides, V extends string>(
  definition: EventDefinition<V>,
): EventType<TEvent, TOverrides, V> {
  let precompiled: PrecompiledChecks | null | undefined;
  const ahead = (profile: 'shape' | 'strict' | 'response') => () => {
    precompiled ??= loadPrecompiled(definition.id, definition.schema, definition.response?.schema) ?? null;
    return precompiled?.[profile];
  };
  const contracts: EventContracts = {
    shape: compileContract(definition.id, definition.schema, { profile: 'shape', precompiled: ahead('shape') }),
    strict: compileContract(definition.id, definition.schema, {
      profile: 'strict',
      rules: definition.rules ?? [],
      precompiled: ahead('strict'),
    }),
    response:
      definition.response === undefined
        ? undefined
        : compileContract(definition.id, definition.response.schema, {
            profile: 'response',
            rules: definition.response.rules ?? [],
            precompiled: ahead('response'),
          }),
  };
  let schemaCache: JsonSchema | undefined;
  const schema = () => {
    schemaCache ??= definition.schema();
    return schemaCache;
  };
  const random = new Random(DEFAULT_SEED);
  let depth = 0;

  const type: EventType<TEvent, TOverrides, V> = {
    id: definition.id,
    definition,
    contract: contracts.shape,
    contracts,
    build(overrides, given) {
      const options = checkOptions<V>(definition.id, given);
      const variant = options.variant ?? (definition.variants[0] as V);
      if (!definition.variants.includes(variant))
        throw new UnknownVariantError(definition.id, variant, definition.variants);
      const seed = options.seed ?? DEFAULT_SEED;
      if (overrides !== undefined) {
        if (!isPlainObject(overrides)) {
          throw new OverrideError(
            definition.id,
            '',
            `overrides must be an object, received ${Array.isArray(overrides) ? 'array' : typeof overrides}`,
            { expected: 'object', received: kindOf(overrides) },
          );
        }
        assertJsonData(definition.id, overrides);
      }
      const records = recordCount(definition, overrides, options.records);
      const now = toEpochMs(definition.id, options.now);
      // Re-entrant builds (envelopes) get their own Random; the common case reuses one.
      const rand = depth === 0 ? random : new Random(seed);
      rand.seed(seed);
      const restore = enterRandom(rand);
      depth++;
      try {
        const ctx = new Context<V>(definition.id, rand, variant, records, now, seed, overrides, options.now);
        let event: Record<string, unknown>;
        try {
          event = definition.generate(ctx);
          if (overrides !== undefined) applyOverrides(definition.id, event, overrides, schema());
          definition.finalize?.(event, ctx);
        } catch (error) {
          // A generator reading a wrong-typed override fails as a TypeError: name the override instead.
          throw overrides === undefined ? error : blameOverride(definition.id, schema(), overrides, error);
        }
        if (options.validate !== false)
          assertContract(options.validate === 'shape' ? contracts.shape : contracts.strict, event, seed);
        return event as TEvent;
      } finally {
        depth--;
        restore();
      }
    },
    validate(value, options) {
      return runContract(selectContract(type, options), value);
    },
  };
  return type;
}

class Context<V extends string> implements GenerateContext<V> {
  constructor(
    readonly id: string,
    readonly random: Random,
    readonly variant: V,
    readonly records: number,
    readonly now: number,
    readonly seed: number,
    readonly overrides: unknown,
    private readonly nowOption: BuildOptions['now'],
  ) {}

  get faker(): Faker {
    return scopedFaker();
  }

  nested<T>(inner: EventType<T, unknown, string>, overrides?: unknown, options?: BuildOptions): T {
    return inner.build(overrides, { now: this.nowOption, ...options, seed: options?.seed ?? this.random.fork() });
  }
}

function recordCount(
  definition: { id: string; records?: EventDefinition<string>['records'] },
  overrides: unknown,
  requested: number | undefined,
): number {
  const spec = definition.records;
  if (spec === undefined) return 1;
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 1 || requested > spec.max)) {
    throw new OverrideError(
      definition.id,
      'options.records',
      `records must be an integer from 1 to ${spec.max}, received ${String(requested)}`,
    );
  }
  const given =
    isPlainObject(overrides) && Array.isArray(overrides[spec.key]) ? (overrides[spec.key] as unknown[]).length : 0;
  return Math.max(requested ?? (given > 0 ? 0 : spec.default), given);
}

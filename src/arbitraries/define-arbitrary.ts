import fc from 'fast-check';
import type { BuildOptions, EventType } from '../core/define-event.ts';
import { isPlainObject } from '../core/overrides.ts';

/** Options every event arbitrary takes (the builder's options, with ranges where a property test wants them). */
export interface ArbitraryOptions<V extends string = string, O = unknown> {
  /** One variant, or several to choose from. Default: every variant of the source. */
  variant?: V | readonly V[];
  /** Record count, or a range, for batching sources. Default 1–5. */
  records?: number | { min?: number; max?: number };
  /** Explore legal-but-nasty values within AWS's limits. Default false. */
  edge?: boolean;
  /** Fixed overrides applied over every generated event. */
  overrides?: O;
  /** Validate every generated event. Default true. */
  validate?: boolean;
  now?: BuildOptions['now'];
}

/** What a source's parts function gets: how many records to produce, and whether to go for edge values. */
export interface PartsContext {
  readonly edge: boolean;
  readonly minRecords: number;
  readonly maxRecords: number;
}

/** Merges two override objects: `b` wins; objects by key, arrays by index. */
export function combineOverrides(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (a === undefined) return b;
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = [...a];
    b.forEach((v, i) => {
      out[i] = combineOverrides(a[i], v);
    });
    return out;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const key of Object.keys(b)) out[key] = combineOverrides(a[key], b[key]);
    return out;
  }
  return b;
}

/** `fc.array` of per-record partials sized by the options: the record count shrinks with the array. */
export function recordsArbitrary<T>(ctx: PartsContext, record: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  return fc.array(record, { minLength: ctx.minRecords, maxLength: ctx.maxRecords });
}

/**
 * Derives a source's arbitrary from its event type: a seed and a variant drawn by fast-check, payload parts
 * (the source's `parts`) as overrides, all built by the same builder — so arbitrary and builder cannot disagree.
 * Payload parts and the record count shrink; the seed shrinks towards 0.
 */
export function eventArbitrary<T, O, V extends string>(
  type: EventType<T, O, V>,
  options: ArbitraryOptions<V, O>,
  parts: (ctx: PartsContext) => fc.Arbitrary<O | undefined>,
): fc.Arbitrary<T> {
  const variants = options.variant === undefined ? type.definition.variants : ([] as V[]).concat(options.variant);
  const spec = type.definition.records;
  const range =
    typeof options.records === 'number' ? { min: options.records, max: options.records } : (options.records ?? {});
  const minRecords = spec === undefined ? 1 : Math.max(1, range.min ?? 1);
  const maxRecords =
    spec === undefined ? 1 : Math.min(spec.max, Math.max(minRecords, range.max ?? Math.max(minRecords, 5)));
  const ctx: PartsContext = { edge: options.edge === true, minRecords, maxRecords };
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      variant: fc.constantFrom(...variants),
      parts: parts(ctx),
    })
    .map(({ seed, variant, parts: generated }) =>
      type.build(combineOverrides(generated, options.overrides) as O, {
        seed,
        variant,
        validate: options.validate,
        now: options.now,
      }),
    );
}

/** Strings AWS accepts that break naive code: unicode, spaces, `+`, `%`, quotes, empty. */
export function nastyString(options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  const minLength = options.minLength ?? 0;
  const maxLength = options.maxLength ?? 64;
  return fc.oneof(
    fc.string({ unit: 'grapheme', minLength, maxLength }),
    fc
      .constantFrom(
        'a b',
        'a+b',
        '100%',
        '%2F',
        'ключ',
        '日本語 キー',
        'emoji 😀',
        'quote "x"',
        "it's",
        'back\\slash',
        'tab\tnew\nline',
      )
      .filter((s) => s.length >= minLength && s.length <= maxLength),
  );
}

/** Blob payloads carried base64 (Kinesis, Firehose, MQ `data`) at their nastiest: text, bytes, JSON, empty. */
export function edgeBlob(): fc.Arbitrary<unknown> {
  return fc.oneof(nastyString(), fc.uint8Array({ maxLength: 256 }), fc.jsonValue({ maxDepth: 3 }), fc.constant(''));
}

/** Any JSON value (for bodies, details, payloads). */
export function jsonValue(options: { maxDepth?: number } = {}): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: options.maxDepth ?? 3 });
}

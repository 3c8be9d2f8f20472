import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPath, type PathSegment } from '../../src/contracts/schema.ts';
import {
  ContractViolationError,
  eventTypes,
  getEventType,
  isLambdaHarnessError,
  OverrideError,
  sqsEvent,
  sqsQueue,
} from '../../src/index.ts';

const RUNS = Number(process.env.OVERRIDE_RUNS ?? 60);

/** Every path of a value: objects by key, arrays by index. */
function pathsOf(value: unknown, prefix: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => void pathsOf(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object')
    for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...prefix, key], out);
  return out;
}

/** The overrides that set `value` at `path` of `event` (other array elements kept: `{}` for objects, else as is). */
function overrideAt(event: unknown, path: readonly PathSegment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [PathSegment, ...PathSegment[]];
  const here = (event as Record<PathSegment, unknown>)[head];
  const inner = overrideAt(here, rest, value);
  if (typeof head === 'number') {
    return (event as unknown[]).map((element, i) =>
      i === head ? inner : element !== null && typeof element === 'object' && !Array.isArray(element) ? {} : element,
    );
  }
  const object: Record<string, unknown> = {};
  Object.defineProperty(object, head, { value: inner, enumerable: true, writable: true, configurable: true });
  return object;
}

const circular: Record<string, unknown> = { a: 1 };
circular.self = circular;

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 4 }),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 2 }), fc.constant({ x: 1 })), { maxLength: 2 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.oneof(fc.integer(), fc.constant(null)), {
    maxKeys: 2,
  }),
  fc.constantFrom<unknown>(null, undefined, true, 5n, Symbol('s'), () => 1, circular, [], {}, [undefined], [{}]),
);

const show = (value: unknown) => {
  try {
    return typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    return Object.prototype.toString.call(value);
  }
};

const related = (found: string, given: string) =>
  found === given || found.startsWith(`${given}.`) || found.startsWith(`${given}[`);

describe.each(eventTypes().map((t) => [t.id, t.variants] as const))('wrong-typed overrides of %s', (id, variants) => {
  const type = getEventType(id);
  const events = variants.map((variant) => type.build(undefined, { variant }));
  const paths = events.map((event) => pathsOf(event));

  it('fail with an OverrideError naming the path when validation is off, never a raw TypeError', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: variants.length - 1 })
          .chain((v) => fc.tuple(fc.constant(v), fc.constantFrom(...(paths[v] as PathSegment[][])), wrongValue)),
        ([v, path, value]) => {
          const given = formatPath(path);
          try {
            type.build(overrideAt(events[v], path, value), { variant: variants[v], validate: false });
          } catch (error) {
            expect(error, `${given} = ${show(value)}: ${String(error)}`).toBeInstanceOf(OverrideError);
            const { path: named, message } = error as OverrideError;
            expect(related(named, given), `${given} vs ${named}: ${message}`).toBe(true);
            expect(message).toMatch(/^\[lambda-harness\] /);
            expect(message).toContain(named);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('fail with an OverrideError naming the path or a contract violation when validating', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: variants.length - 1 })
          .chain((v) => fc.tuple(fc.constant(v), fc.constantFrom(...(paths[v] as PathSegment[][])), wrongValue)),
        ([v, path, value]) => {
          const given = formatPath(path);
          try {
            type.build(overrideAt(events[v], path, value), { variant: variants[v] });
          } catch (error) {
            if (error instanceof ContractViolationError) {
              // The violation may be on a field derived from the override (a timestamp from an epoch).
              expect(error.violations.length).toBeGreaterThan(0);
              expect(error.message).toContain(error.path);
              return;
            }
            expect(error, `${given} = ${show(value)}: ${String(error)}`).toBeInstanceOf(OverrideError);
            expect(related((error as OverrideError).path, given)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('override values', () => {
  it.each([
    ['a BigInt', 5n, 'Records[0].body', /Records\[0\]\.body: expected JSON data, received bigint/],
    ['a Symbol', Symbol('s'), 'Records[0].body', /Records\[0\]\.body: expected JSON data, received symbol/],
    ['a function', () => 1, 'Records[0].body', /Records\[0\]\.body: expected JSON data, received function/],
    ['a circular object', circular, 'Records[0].body', /Records\[0\]\.body\.self: circular reference/],
  ])('rejects %s with an OverrideError naming the path', (_, value, path, message) => {
    const overrides = { Records: [{ body: value }] };
    expect(() => sqsEvent(overrides as never)).toThrow(OverrideError);
    expect(() => sqsEvent(overrides as never)).toThrow(message);
    expect(() => sqsEvent(overrides as never)).toThrow(path);
  });

  it('still accepts JSON bodies, class instances and byte arrays', () => {
    class Order {
      constructor(readonly id: number) {}
    }
    expect(JSON.parse(sqsEvent({ Records: [{ body: new Order(7) }] }).Records[0]?.body as string)).toStrictEqual({
      id: 7,
    });
  });

  it('names a removed field the generator needs', () => {
    expect(() => sqsEvent({ Records: [{ body: undefined }] })).toThrow(OverrideError);
    expect(() => sqsEvent({ Records: [{ body: undefined }] })).toThrow(/Records\[0\]\.body/);
  });

  it('names the mismatched container of a crashing override', () => {
    const error = (() => {
      try {
        sqsEvent({ Records: 5 } as never, { validate: false });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OverrideError);
    expect(error).toMatchObject({ code: 'INVALID_OVERRIDE', path: 'Records', expected: 'array', received: 'number' });
    expect(String((error as Error).message)).toBe('[lambda-harness] sqs: Records: expected array, received number');
  });
});

describe('build options', () => {
  it.each([
    [-1, /seed: seed must be an integer from 0 to 4294967295, received -1/],
    [2 ** 32, /seed must be an integer from 0 to 4294967295, received 4294967296/],
    [1.5, /seed must be an integer from 0 to 4294967295, received 1\.5/],
    ['7', /seed must be an integer from 0 to 4294967295, received "7"/],
  ])('rejects the seed %s naming seed', (seed, message) => {
    expect(() => sqsEvent(undefined, { seed: seed as number })).toThrow(OverrideError);
    expect(() => sqsEvent(undefined, { seed: seed as number })).toThrow(message);
  });

  it('accepts the seeds 0 and 2³²−1, which build different events', () => {
    expect(sqsEvent(undefined, { seed: 0 })).not.toStrictEqual(sqsEvent(undefined, { seed: 2 ** 32 - 1 }));
  });

  it.each([
    ['an unparseable string', 'yesterday'],
    ['an invalid Date', new Date(Number.NaN)],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a year beyond what AWS timestamps hold', 8.65e15],
    ['an object', {}],
  ])('rejects %s as now, naming now', (_, now) => {
    const error = (() => {
      try {
        sqsEvent(undefined, { now: now as number });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(OverrideError);
    expect((error as OverrideError).path).toBe('options.now');
    expect((error as Error).message).toMatch(/^\[lambda-harness\] sqs: options\.now: expected a date/);
  });

  it('accepts now as epoch ms, Date or ISO string', () => {
    const at = '2025-03-01T00:00:00.000Z';
    const sent = (now: number | Date | string) => sqsEvent(undefined, { now }).Records[0]?.attributes.SentTimestamp;
    expect(sent(Date.parse(at))).toBe(sent(new Date(at)));
    expect(sent(at)).toBe(sent(new Date(at)));
  });

  it.each([
    ['null options', null, 'options'],
    ['a variant that is a number', { variant: 5 }, 'variant'],
    ['a non-boolean validate', { validate: 'no' }, 'options.validate'],
  ])('rejects %s with an error naming the option', (_, options, path) => {
    expect(() => sqsEvent(undefined, options as never)).toThrow(
      expect.objectContaining({ path, message: expect.stringMatching(/^\[lambda-harness\] /) }),
    );
  });
});

describe('sqsQueue().send values', () => {
  it.each([
    ['a BigInt body', { body: 5n }, 'messages[0].body'],
    ['a Symbol body', { body: Symbol('s') }, 'messages[0].body'],
    ['a function body', { body: () => 1 }, 'messages[0].body'],
    ['a circular body', { body: circular }, 'messages[0].body.self'],
    ['a number', 5, 'messages[0]'],
    ['null', null, 'messages[0]'],
    ['an array', [], 'messages[0]'],
    ['a BigInt attribute', { body: 'x', messageAttributes: { a: 5n } }, 'messages[0].messageAttributes.a'],
    ['a null attribute map entry', { body: 'x', messageAttributes: { a: null } }, 'messages[0].messageAttributes.a'],
  ])('rejects %s with a lambda-harness error naming the path', (_, message, path) => {
    const queue = sqsQueue();
    let error: unknown;
    try {
      queue.send(message as never);
    } catch (e) {
      error = e;
    }
    expect(isLambdaHarnessError(error), String(error)).toBe(true);
    expect((error as Error).message).toContain(path);
  });

  it('accepts strings, JSON bodies and attribute maps', () => {
    const queue = sqsQueue();
    expect(queue.send('a')).toBe(0);
    expect(queue.send({ body: { a: 1 }, messageAttributes: { n: 1, s: 'x' } })).toBe(1);
  });
});

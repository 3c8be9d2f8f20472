import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import * as arbitraries from '../../generators/arbitraries.gen.ts';
import type { Invocation } from '../core/define-event.ts';
import { getEventType } from '../registry.ts';
import type { Handler } from '../harness/invoke.ts';
import type { Ledger } from '../harness/ledger.ts';
import type { ScenarioFunction } from '../harness/scenario.ts';
import { loadHandler, simulate } from '../harness/simulate.ts';
import { type ChaosStep, chaosArbitrary, deliveryFaults, wrapHandler } from './chaos.ts';
import { pollSource } from './sources.ts';
import {
  type VerifyFailure,
  type VerifyOptions,
  type VerifyReport,
  type VerifyRun,
  VerifyUsageError,
} from './types.ts';

const FRONT_ENDS: Readonly<Record<string, string>> = {
  'api-gateway-rest': 'api-gateway-rest',
  'api-gateway-http': 'api-gateway-http',
  alb: 'alb',
  'function-url': 'function-url',
};

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function sourceArbitrary(options: VerifyOptions): fc.Arbitrary<unknown> {
  if (options.events !== undefined) return options.events;
  const factory = (arbitraries as Record<string, unknown>)[`${camel(options.source)}Arbitrary`];
  if (typeof factory !== 'function')
    throw new VerifyUsageError('source', `no arbitrary for event type "${options.source}"`);
  const payload = options.payload === undefined ? {} : payloadOption(options.source, options.payload);
  return (factory as (o: object) => fc.Arbitrary<unknown>)({
    ...(options.variant === undefined ? {} : { variant: options.variant }),
    ...payload,
  });
}

/** The payload arbitrary goes to the option each source names for the part its handler parses. */
function payloadOption(source: string, payload: fc.Arbitrary<unknown>): Record<string, unknown> {
  const key: Record<string, string> = {
    sqs: 'body',
    sns: 'message',
    eventbridge: 'detail',
    'kinesis-stream': 'data',
    'kinesis-firehose': 'data',
    'api-gateway-rest': 'body',
    'api-gateway-http': 'body',
    alb: 'body',
    'function-url': 'body',
  };
  const name = key[source];
  if (name === undefined) throw new VerifyUsageError('payload', `${source} takes no payload arbitrary; use events`);
  return { [name]: payload };
}

interface Prepared {
  readonly options: VerifyOptions;
  readonly handler: Handler;
  readonly invocation: Invocation;
  readonly idempotent: boolean;
  readonly atLeastOnce: boolean;
  readonly responseContract: boolean;
}

async function prepare(options: VerifyOptions): Promise<Prepared> {
  if (typeof options !== 'object' || options === null) throw new VerifyUsageError('', 'options must be an object');
  const type = getEventType(options.source);
  if (options.variant !== undefined && !type.definition.variants.includes(options.variant))
    throw new VerifyUsageError(
      'variant',
      `unknown variant "${options.variant}"; known: ${type.definition.variants.join(', ')}`,
    );
  const invocation = options.invocation ?? type.definition.invocation;
  const delivery = options.delivery ?? (invocation === 'sync' ? 'exactly-once' : 'at-least-once');
  if (delivery !== 'at-least-once' && delivery !== 'exactly-once')
    throw new VerifyUsageError(
      'delivery',
      `expected "at-least-once" or "exactly-once", received "${String(delivery)}"`,
    );
  const idempotent = options.properties?.idempotent === true;
  if (idempotent && options.observe === undefined)
    throw new VerifyUsageError('observe', 'properties.idempotent compares observe() snapshots: give observe');
  if (idempotent && invocation === 'sync')
    throw new VerifyUsageError(
      'properties.idempotent',
      'a synchronous caller never redelivers; idempotence needs async or poll',
    );
  if (invocation === 'poll') pollSource(options.source, options.variant); // refuses unsupported sources early
  const handler =
    typeof options.handler === 'function'
      ? options.handler
      : typeof options.handler === 'string'
        ? await loadHandler(options.handler, options.baseDir ?? process.cwd())
        : (() => {
            throw new VerifyUsageError('handler', 'expected a function or "./module.mjs#export"');
          })();
  return {
    options,
    handler,
    invocation,
    idempotent,
    atLeastOnce: delivery === 'at-least-once',
    responseContract: type.contracts.response !== undefined,
  };
}

/** One simulation of `events` under `schedule`; returns what the handler answered and what it did. */
async function simulateOnce(
  prepared: Prepared,
  events: readonly unknown[],
  schedule: readonly ChaosStep[],
): Promise<VerifyRun> {
  const { options, invocation } = prepared;
  await options.reset?.();
  const answers: VerifyRun['answers'] = [];
  const handler = wrapHandler(prepared.handler, schedule, answers);
  const fn: ScenarioFunction = { ...(options.function ?? {}) };
  let ledger: Ledger;
  if (invocation === 'poll') {
    const source = pollSource(options.source, options.variant);
    ledger = await simulate({
      handler,
      function: fn,
      invocation: { ...source.invocation, ...(options.mapping ?? {}) },
      events: source.entries(events),
      faults: deliveryFaults(schedule, source.entries(events).length),
      seed: options.seed ?? 42,
    });
  } else if (invocation === 'async') {
    ledger = await simulate({
      handler,
      function: fn,
      invocation: 'async',
      events: [...events],
      faults: deliveryFaults(schedule, events.length),
      seed: options.seed ?? 42,
    });
  } else {
    ledger = await simulate({
      handler,
      function: fn,
      invocation: (FRONT_ENDS[options.source] ?? 'sync') as 'sync',
      events: [...events],
      seed: options.seed ?? 42,
    });
  }
  const observed = options.observe === undefined ? undefined : await options.observe();
  return { events, schedule, ledger, answers, observed };
}

/** The built-in properties, then the user's; the first that fails names itself. */
async function check(prepared: Prepared, run: VerifyRun): Promise<{ property: string; message: string } | undefined> {
  const { options } = prepared;
  const expected = run.ledger.events.length;
  const indexes = new Set(run.ledger.events.map((e) => e.index));
  if (indexes.size !== expected || run.ledger.events.some((e) => e.outcome === 'in-flight'))
    return { property: 'every event ends in exactly one outcome', message: JSON.stringify(run.ledger.events) };
  for (const invocation of run.ledger.invocations) {
    const type = invocation.error?.errorType;
    if (type === 'Runtime.ExitError' || type === 'Runtime.UnhandledPromiseRejection' || type === 'Runtime.NodeJsExit')
      return { property: 'no runtime exit', message: `${type}: ${invocation.error?.errorMessage ?? ''}` };
  }
  if (prepared.responseContract) {
    for (const answer of run.answers) {
      if (answer.threw) continue;
      // The service reads the answer as JSON: nothing returned is `null` (aws-behaviour §1.1).
      const result = getEventType(options.source).validate(asJson(answer.response), { response: true });
      if (!result.valid)
        return {
          property: 'the response satisfies the response contract',
          message: result.errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; '),
        };
      const unknown = unknownIdentifiers(answer.event, answer.response);
      if (unknown.length > 0)
        return {
          property: 'the response satisfies the response contract',
          message: `batchItemFailures names ${unknown.map((u) => JSON.stringify(u)).join(', ')}, not in the batch`,
        };
    }
  }
  for (const [i, property] of (options.properties?.custom ?? []).entries()) {
    try {
      await property(run);
    } catch (error) {
      return { property: `custom[${i}]`, message: error instanceof Error ? error.message : String(error) };
    }
  }
  return undefined;
}

function asJson(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : JSON.parse(text);
  } catch {
    return value;
  }
}

/** Item identifiers of a partial batch response that name no record of the batch (a whole-batch failure). */
function unknownIdentifiers(event: unknown, response: unknown): unknown[] {
  const failures = (response as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(failures) || !Array.isArray(records)) return [];
  const ids = new Set<unknown>(
    records.map(
      (r: Record<string, unknown>) =>
        r.messageId ??
        (r.kinesis as Record<string, unknown> | undefined)?.sequenceNumber ??
        (r.dynamodb as Record<string, unknown> | undefined)?.SequenceNumber,
    ),
  );
  return failures.map((f: { itemIdentifier?: unknown }) => f?.itemIdentifier).filter((id) => !ids.has(id));
}

/** The seed a shard uses: shards never share runs, and each replays alone from its own seed. */
export function shardSeed(seed: number, shard: { index: number; count: number } | undefined): number {
  if (shard === undefined || shard.count === 1) return seed;
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(shard.index + 1, 0xc2b2ae35)) >>> 0;
}

/** Runs the property-based verification; see `verify` for the contract. */
export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  const prepared = await prepare(options);
  const runs = options.runs ?? 100;
  if (!Number.isInteger(runs) || runs < 1)
    throw new VerifyUsageError('runs', `expected a positive integer, received ${runs}`);
  const seed = shardSeed(options.seed ?? 42, options.shard);
  const events = fc.array(sourceArbitrary(options), { minLength: 1, maxLength: options.maxEvents ?? 3 });
  const schedule = prepared.atLeastOnce ? chaosArbitrary(prepared.invocation) : fc.constant([] as ChaosStep[]);
  let failure: { property: string; message: string } | undefined;
  let done = 0;
  const property = fc.asyncProperty(events, schedule, async (drawn, steps) => {
    const run = await simulateOnce(prepared, drawn, steps);
    let found = await check(prepared, run);
    if (found === undefined && prepared.idempotent) {
      const once = await simulateOnce(prepared, drawn, []);
      if (!isDeepStrictEqual(once.observed, run.observed))
        found = {
          property: 'idempotent',
          message: `observed ${JSON.stringify(run.observed)} under at-least-once delivery, ${JSON.stringify(once.observed)} exactly once`,
        };
    }
    done++;
    options.onProgress?.({ runs: done, total: runs });
    if (found !== undefined) {
      failure = found;
      return false;
    }
    return true;
  });
  const result = await fc.check(property, { numRuns: runs, seed, ...(options.path ? { path: options.path } : {}) });
  if (!result.failed) return { ok: true, runs: result.numRuns, seed };
  if (result.counterexample === null)
    throw new VerifyUsageError('runs', 'verify stopped without a counterexample (interrupted, or every run skipped)');
  const [shrunkEvents, shrunkSchedule] = result.counterexample;
  const final = await replayFailure(prepared, shrunkEvents, shrunkSchedule);
  // No property failed on replay: the run threw (a harness or usage error), which is not a finding about the handler.
  if (final === undefined && failure === undefined) throw 'errorInstance' in result ? result.errorInstance : result;
  const report: VerifyFailure = {
    property: final?.property ?? failure?.property ?? 'unknown',
    message: final?.message ?? failure?.message ?? '',
    events: shrunkEvents,
    schedule: shrunkSchedule,
    replay: { seed: result.seed, path: result.counterexamplePath ?? '' },
  };
  return { ok: false, runs: result.numRuns, seed, failure: report };
}

async function replayFailure(
  prepared: Prepared,
  events: readonly unknown[],
  schedule: readonly ChaosStep[],
): Promise<{ property: string; message: string } | undefined> {
  const run = await simulateOnce(prepared, events, schedule);
  const found = await check(prepared, run);
  if (found !== undefined || !prepared.idempotent) return found;
  const once = await simulateOnce(prepared, events, []);
  return isDeepStrictEqual(once.observed, run.observed)
    ? undefined
    : {
        property: 'idempotent',
        message: `observed ${JSON.stringify(run.observed)} under at-least-once delivery, ${JSON.stringify(once.observed)} exactly once`,
      };
}

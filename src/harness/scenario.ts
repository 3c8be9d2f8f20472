import { ASYNC_OPTIONS, UnsimulatedSettingError } from './options.ts';
import { DEFAULT_SEED } from '../core/define-event.ts';
import { isLambdaHarnessError } from '../errors.ts';
import { buildEvent } from '../registry.ts';
import { type AsyncOptions, checkFaults, type Fault, type PreparedAsync, prepareAsync } from './async-queue.ts';
import type { DestinationType, TargetConfig } from './destinations.ts';
import { checkInteger, checkNumber, checkOneOf, describeValue, ScenarioError } from './errors.ts';
import {
  type CallbackHandlerError,
  type ConcurrencyOptions,
  checkConcurrency,
  type FunctionOptions,
  type NodeRuntime,
  type PreparedFunction,
  prepareFunction,
} from './function-config.ts';
import { checkFrontEndOptions, integrationTimeoutMs } from './front-ends/index.ts';
import type { FrontEnd, FrontEndOptions } from './front-ends/types.ts';
import type { MappingRunOptions } from './esm/core.ts';
import { isMappingInvocation, type ParsedMappingInvocation, parseMappingInvocation } from './esm/mapping.ts';
import type { Handler } from './invoke.ts';

/** How the scenario's events reach the function. */
export type ScenarioInvocation = 'sync' | 'async' | 'api-gateway-rest' | 'api-gateway-http' | 'alb' | 'function-url';

/** Events built by a registered generator: `count` events with seeds `seed`, `seed + 1`, … */
export interface GenerateSpec {
  generate: string;
  variant?: string;
  seed?: number;
  count?: number;
  overrides?: unknown;
}

/** The `function` block of a scenario. */
export interface ScenarioFunction {
  name?: string;
  /** Seconds (fractions allowed for fast tests). */
  timeout?: number;
  memorySize?: number;
  environment?: Record<string, string>;
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
  eventAgeLookAhead?: boolean;
  reservedConcurrency?: number;
  deadLetterQueue?: TargetConfig<'sqs' | 'sns'>;
  destinations?: { onSuccess?: TargetConfig<DestinationType>; onFailure?: TargetConfig<DestinationType> };
  /** Runtime profile. Default `nodejs22.x`. */
  runtime?: NodeRuntime;
  /** What `nodejs24.x` reports for a callback handler (inferred, configurable). */
  callbackHandlerError?: CallbackHandlerError;
  /** Lambda Managed Instances: N invocations interleaved in one environment (sync and front-ends). Default 1. */
  concurrency?: ConcurrencyOptions;
  timeoutPayload?: 'current' | 'legacy';
  functionError?: 'Unhandled' | 'Handled';
  logs?: 'capture' | 'passthrough' | 'off';
  payloadLimit?: 'current' | 'legacy';
  retryJitter?: number;
  throttleJitter?: number;
  duplicateRate?: number;
}

/** A scenario, as `lambda-harness simulate` reads it (issue #3 contract). */
export interface Scenario {
  /** `"./module.mjs#export"` relative to the scenario file (default export name `handler`), or the function. */
  handler: string | Handler;
  function?: ScenarioFunction;
  /** Default `sync`; an object `{"source": "sqs" | "kinesis" | …, …mapping config}` is an event source mapping. */
  invocation?: ScenarioInvocation | Record<string, unknown>;
  events: unknown[] | GenerateSpec;
  faults?: Fault[];
  seed?: number;
  /** Stop the simulation at this virtual ms. */
  until?: number;
  /** Options of the front-end (`integrationTimeoutMs`, `multiValueHeaders`…), for front-end invocations. */
  frontEnd?: FrontEndOptions;
}

/** A validated scenario with its events built. */
export interface ParsedScenario {
  readonly handler: string | Handler;
  readonly fn: PreparedFunction;
  readonly async: PreparedAsync;
  readonly invocation: ScenarioInvocation;
  readonly events: unknown[];
  readonly faults: Fault[];
  readonly seed: number;
  /** Invocations interleaved in one environment (`function.concurrency.perEnvironment`), 1 by default. */
  readonly perEnvironment: number;
  readonly frontEnd: FrontEndOptions | undefined;
  /** The front-end's integration timeout, raced with the function's. */
  readonly callerTimeoutMs: number | undefined;
  /** An event source mapping (aws-behaviour §4): `events` are then its raw entries (messages or records). */
  readonly mapping?: { readonly parsed: ParsedMappingInvocation; readonly options: MappingRunOptions };
}

const ROOT_FIELDS = [
  'handler',
  'function',
  'invocation',
  'events',
  'faults',
  'seed',
  'until',
  'frontEnd',
  '$schema',
  'description',
];
const FUNCTION_FIELDS = [
  'name',
  'timeout',
  'memorySize',
  'environment',
  'maximumRetryAttempts',
  'maximumEventAgeInSeconds',
  'eventAgeLookAhead',
  'reservedConcurrency',
  'deadLetterQueue',
  'destinations',
  'runtime',
  'callbackHandlerError',
  'concurrency',
  'timeoutPayload',
  'functionError',
  'logs',
  'payloadLimit',
  'retryJitter',
  'throttleJitter',
  'duplicateRate',
  'region',
  'accountId',
];
// The AWS settings a scenario `function` block refuses, as invoke and invokeAsync do.
const FUNCTION_UNSIMULATED = ASYNC_OPTIONS.unsimulated;
const INVOCATIONS: readonly ScenarioInvocation[] = [
  'sync',
  'async',
  'api-gateway-rest',
  'api-gateway-http',
  'alb',
  'function-url',
];
const MAX_EVENTS = 100_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function noUnknown(value: Record<string, unknown>, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new ScenarioError(
        `${prefix}${key}`,
        `unknown field; expected one of ${known.filter((k) => !k.startsWith('$') && k !== 'description').join(', ')}`,
      );
    }
  }
}

function stripPrefix(message: string): string {
  return message.replace(/^\[lambda-harness\] /, '');
}

function expand(spec: Record<string, unknown>, field: string, defaultSeed: number): unknown[] {
  noUnknown(spec, ['generate', 'variant', 'seed', 'count', 'overrides'], `${field}.`);
  if (typeof spec.generate !== 'string') {
    throw new ScenarioError(`${field}.generate`, `expected an event type id, received ${describeValue(spec.generate)}`);
  }
  if (spec.variant !== undefined && typeof spec.variant !== 'string') {
    throw new ScenarioError(`${field}.variant`, `expected string, received ${describeValue(spec.variant)}`);
  }
  const seed = checkInteger(`${field}.seed`, spec.seed, 0, 2 ** 32 - 1) ?? defaultSeed;
  const count = checkInteger(`${field}.count`, spec.count, 1, MAX_EVENTS) ?? 1;
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    try {
      const options = spec.variant === undefined ? { seed: seed + i } : { seed: seed + i, variant: spec.variant };
      out.push(buildEvent(spec.generate, spec.overrides, options));
    } catch (error) {
      if (!isLambdaHarnessError(error)) throw error;
      throw new ScenarioError(`${field}.generate`, stripPrefix(error.message.split('\n')[0] ?? ''), { cause: error });
    }
  }
  return out;
}

/**
 * Validates a scenario (parsed JSON or an object) and builds its events; errors name the field.
 * @example
 * parseScenario({ handler: './h.mjs#handler', invocation: 'async', events: [{}] });
 */
export function parseScenario(input: unknown): ParsedScenario {
  if (!isObject(input)) throw new ScenarioError('scenario', `expected a JSON object, received ${describeValue(input)}`);
  noUnknown(input, ROOT_FIELDS, '');
  const handler = input.handler;
  if (typeof handler !== 'function' && (typeof handler !== 'string' || handler.trim() === '')) {
    throw new ScenarioError('handler', `expected "./module.mjs#export", received ${describeValue(handler)}`);
  }
  const seed = checkInteger('seed', input.seed, 0, 2 ** 32 - 1) ?? DEFAULT_SEED;
  const mapping = isMappingInvocation(input.invocation) ? parseMappingInvocation(input.invocation) : undefined;
  const invocation =
    mapping === undefined ? (checkOneOf('invocation', input.invocation, INVOCATIONS) ?? 'sync') : 'sync';
  const fnBlock = input.function ?? {};
  if (!isObject(fnBlock)) throw new ScenarioError('function', `expected an object, received ${describeValue(fnBlock)}`);
  for (const key of Object.keys(fnBlock)) {
    const why = FUNCTION_UNSIMULATED[key];
    if (why !== undefined && !FUNCTION_FIELDS.includes(key)) throw new UnsimulatedSettingError(`function.${key}`, why);
  }
  noUnknown(fnBlock, FUNCTION_FIELDS, 'function.');
  const { name, concurrency, ...rest } = fnBlock as ScenarioFunction & { region?: string; accountId?: string };
  const perEnvironment = checkConcurrency('function.concurrency', concurrency);
  if (perEnvironment > 1 && (mapping !== undefined || invocation === 'async')) {
    throw new ScenarioError(
      'function.concurrency',
      `interleaving invocations is simulated for sync and front-end invocations only, not ${mapping === undefined ? '"async"' : 'event source mappings'}`,
    );
  }
  const fnOptions = { ...rest, ...(name === undefined ? {} : { functionName: name }) } as FunctionOptions &
    AsyncOptions;
  const fn = prepareFunction(fnOptions, 'function.');
  const asyncConfig = prepareAsync({ ...fnOptions, seed }, 'function.');
  const until = checkNumber('until', input.until, 0, Number.MAX_SAFE_INTEGER);

  const rawEvents = input.events;
  if (rawEvents === undefined) throw new ScenarioError('events', 'expected an array of events, received undefined');
  if (mapping !== undefined) {
    // The source expands {"generate": id} entries into records and checks faults against the record count.
    if (!Array.isArray(rawEvents) || rawEvents.length === 0) {
      throw new ScenarioError('events', `expected a non-empty array of entries, received ${describeValue(rawEvents)}`);
    }
    if (input.frontEnd !== undefined) throw new ScenarioError('frontEnd', 'only applies to front-end invocations');
    const options: MappingRunOptions = { ...fnOptions, seed };
    if (input.faults !== undefined) options.faults = input.faults as Fault[];
    if (until !== undefined) options.until = until;
    return {
      handler: handler as string | Handler,
      fn,
      async: until === undefined ? asyncConfig : { ...asyncConfig, until },
      invocation,
      events: rawEvents,
      faults: [],
      seed,
      frontEnd: undefined,
      callerTimeoutMs: undefined,
      perEnvironment,
      mapping: { parsed: mapping, options },
    };
  }
  let events: unknown[];
  if (Array.isArray(rawEvents)) {
    events = [];
    rawEvents.forEach((item, i) => {
      if (isObject(item) && 'generate' in item) events.push(...expand(item, `events[${i}]`, seed));
      else events.push(item);
    });
  } else if (isObject(rawEvents) && 'generate' in rawEvents) {
    events = expand(rawEvents, 'events', seed);
  } else {
    throw new ScenarioError(
      'events',
      `expected an array of events or {"generate": id}, received ${describeValue(rawEvents)}`,
    );
  }
  if (events.length === 0) throw new ScenarioError('events', 'expected at least one event, received an empty array');
  const faults = checkFaults(input.faults, events.length);
  if (invocation !== 'async') {
    const late = faults.findIndex((f) => f.attempt !== undefined && f.attempt > 1);
    if (late !== -1) {
      throw new ScenarioError(
        `faults[${late}].attempt`,
        `a ${invocation} invocation has one attempt (Lambda never retries it, aws-behaviour §1.1), received ${faults[late]?.attempt}`,
      );
    }
  }
  const frontEnd = input.frontEnd;
  let callerTimeoutMs: number | undefined;
  if (frontEnd !== undefined) {
    if (!isObject(frontEnd))
      throw new ScenarioError('frontEnd', `expected an object, received ${describeValue(frontEnd)}`);
    if (invocation === 'sync' || invocation === 'async') {
      throw new ScenarioError('frontEnd', `only applies to front-end invocations, not "${invocation}"`);
    }
    checkFrontEndOptions(invocation as FrontEnd, frontEnd, 'frontEnd.');
  }
  if (invocation !== 'sync' && invocation !== 'async') {
    try {
      callerTimeoutMs = integrationTimeoutMs(invocation as FrontEnd, frontEnd as FrontEndOptions | undefined);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      const text = error.message.replace(`[lambda-harness] ${error.field}: `, '');
      throw new ScenarioError(`frontEnd.${error.field}`, text, { cause: error });
    }
  }
  return {
    handler: handler as string | Handler,
    fn,
    async: until === undefined ? asyncConfig : { ...asyncConfig, until },
    invocation,
    events,
    faults,
    seed,
    frontEnd: frontEnd as FrontEndOptions | undefined,
    callerTimeoutMs,
    perEnvironment,
  };
}

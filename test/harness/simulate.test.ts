import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/harness/errors.ts';
import { parseScenario } from '../../src/harness/scenario.ts';
import { simulate } from '../../src/harness/simulate.ts';
import { buildEvent } from '../../src/index.ts';
import * as h from './handlers/handlers.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const scenarios = join(here, 'scenarios');

describe('simulate: scenarios', () => {
  it('§3.1 §3.3 runs an async scenario from a handler path, generated events and faults', async () => {
    const scenario = {
      handler: '../handlers/handlers.mjs#fail',
      function: { name: 'orders', deadLetterQueue: { type: 'sqs' } },
      invocation: 'async',
      events: [{ generate: 'sqs', seed: 1, count: 2 }],
      faults: [{ event: 1, attempt: 1, kind: 'throttle' }],
      seed: 7,
    };
    const ledger = await simulate(scenario, { baseDir: scenarios });
    expect(ledger.events).toEqual([
      { index: 0, outcome: 'dead-lettered', attempts: 3, reason: 'RetriesExhausted' },
      { index: 1, outcome: 'dead-lettered', attempts: 3, reason: 'RetriesExhausted' },
    ]);
    expect(ledger.deadLetters.map((d) => JSON.parse(d.message.body))).toEqual([
      buildEvent('sqs', undefined, { seed: 1 }),
      buildEvent('sqs', undefined, { seed: 2 }),
    ]);
    expect(ledger.invocations.filter((i) => i.events[0] === 1).map((i) => [i.at, i.status])).toEqual([
      [0, 'throttled'],
      [1_000, 'error'],
      [61_000, 'error'],
      [181_000, 'error'],
    ]);
  });

  it('same seed → identical timeline; a different seed changes the request ids', async () => {
    const scenario = { handler: h.fail, invocation: 'async', events: [{}, {}], seed: 5 };
    const key = (l: Awaited<ReturnType<typeof simulate>>) =>
      l.invocations.map((i) => ({ at: i.at, requestId: i.requestId, events: i.events, status: i.status }));
    const a = await simulate(scenario);
    expect(key(await simulate(scenario))).toEqual(key(a));
    expect(key(await simulate({ ...scenario, seed: 6 }))).not.toEqual(key(a));
  });

  it('loads a .ts handler directly', async () => {
    const ledger = await simulate(
      { handler: '../handlers/typed.ts#handler', function: { name: 'summary' }, events: { generate: 'sqs', seed: 3 } },
      { baseDir: scenarios },
    );
    expect(ledger.invocations[0]?.response).toEqual({ records: 1, function: 'summary' });
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'succeeded', attempts: 1 });
  });

  it('§1.1 a sync scenario runs each event once and records errors as failed', async () => {
    const ledger = await simulate({
      handler: h.flaky,
      invocation: 'sync',
      events: [{ failUntil: 1 }, { failUntil: 0 }],
    });
    expect(ledger.events.map((e) => [e.outcome, e.attempts, e.reason])).toEqual([
      ['failed', 1, 'Error'],
      ['succeeded', 1, undefined],
    ]);
  });

  it('§2 a front-end scenario records what the HTTP client sees', async () => {
    const ledger = await simulate(
      {
        handler: '../handlers/handlers.mjs#http',
        invocation: 'api-gateway-rest',
        events: [{ path: '/hello' }, { path: '/boom' }],
        faults: [{ event: 1, attempt: 1, kind: 'error' }],
      },
      { baseDir: scenarios },
    );
    expect(ledger.invocations[0]?.client).toMatchObject({ statusCode: 200, body: 'hello /hello' });
    expect(ledger.invocations[1]?.client).toMatchObject({ statusCode: 502 });
    expect(JSON.parse(ledger.invocations[1]?.client?.body ?? '{}')).toEqual({ message: 'Internal server error' });
    expect(ledger.events[1]).toMatchObject({ outcome: 'failed', reason: 'InjectedError → HTTP 502' });
  });

  it('§2 a throttled front-end invocation is answered by the front-end', async () => {
    const ledger = await simulate({
      handler: h.http,
      invocation: 'alb',
      events: [{}],
      faults: [{ event: 0, kind: 'throttle' }],
    });
    expect(ledger.invocations[0]?.status).toBe('throttled');
    expect(ledger.invocations[0]?.client?.statusCode).toBe(502);
  });

  it('§2 a function timeout behind a function URL is a timeout, and virtual time advances by it', async () => {
    const ledger = await simulate({
      handler: h.hang,
      function: { timeout: 0.05 },
      invocation: 'function-url',
      events: [{}],
    });
    expect(ledger.invocations[0]?.status).toBe('timeout');
    expect(ledger.end).toBe(50);
  });
});

describe('simulate: sync throttling', () => {
  it('§1.1 reserved concurrency 0 throttles every sync invocation (429) without running the handler', async () => {
    const ledger = await simulate({ handler: h.ok, function: { reservedConcurrency: 0 }, events: [{}, {}] });
    expect(ledger.invocations.map((i) => i.status)).toEqual(['throttled', 'throttled']);
    expect(ledger.events.map((e) => [e.outcome, e.attempts, e.reason])).toEqual([
      ['failed', 0, 'TooManyRequestsException'],
      ['failed', 0, 'TooManyRequestsException'],
    ]);
  });

  it('§1.1 a sync duplicate fault sends the request twice, with two request ids', async () => {
    const ledger = await simulate({ handler: h.ok, events: [{}], faults: [{ event: 0, kind: 'duplicate' }] });
    expect(ledger.invocations).toHaveLength(2);
    expect(ledger.invocations[0]?.requestId).not.toBe(ledger.invocations[1]?.requestId);
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'succeeded', attempts: 2 });
  });
});

describe('simulate: front-end deadlines', () => {
  it('§2 an integration timeout shorter than the function timeout answers 504 (REST) and is the caller timeout', async () => {
    const ledger = await simulate({
      handler: h.hang,
      function: { timeout: 2 },
      invocation: 'api-gateway-rest',
      frontEnd: { integrationTimeoutMs: 50 },
      events: [{}],
    });
    expect(ledger.invocations[0]).toMatchObject({ status: 'timeout', client: { statusCode: 504 } });
    expect(ledger.events[0]).toMatchObject({ outcome: 'failed', reason: 'caller timeout → HTTP 504' });
    expect(ledger.end).toBe(50);
  });

  it('§2 a function timeout shorter than the integration timeout is a function error (502 on REST)', async () => {
    const ledger = await simulate({
      handler: h.hang,
      function: { timeout: 0.05 },
      invocation: 'api-gateway-rest',
      frontEnd: { integrationTimeoutMs: 1000 },
      events: [{}],
    });
    expect(ledger.invocations[0]).toMatchObject({ status: 'timeout', client: { statusCode: 502 } });
  });

  it('§2 REST answers 500 (not 502) when Lambda rejects the invoke: a service error or a request over 6 MB', async () => {
    const ledger = await simulate({
      handler: h.ok,
      invocation: 'api-gateway-rest',
      events: [{}, { big: 'x'.repeat(6 * 1024 * 1024) }],
      faults: [{ event: 0, kind: 'system-error' }],
    });
    expect(ledger.invocations.map((i) => i.client?.statusCode)).toEqual([500, 500]);
    expect(ledger.events[1]).toMatchObject({ outcome: 'failed', reason: 'RequestTooLargeException → HTTP 500' });
  });

  it('rejects front-end options on a non-front-end invocation and bad front-end values, naming the field', () => {
    expect(() => parseScenario({ handler: h.ok, events: [{}], frontEnd: {} })).toThrow(
      '[lambda-harness] frontEnd: only applies to front-end invocations, not "sync"',
    );
    expect(() =>
      parseScenario({
        handler: h.ok,
        invocation: 'api-gateway-http',
        events: [{}],
        frontEnd: { integrationTimeoutMs: 10 },
      }),
    ).toThrow('[lambda-harness] frontEnd.integrationTimeoutMs: expected 50–30000 ms, received 10');
  });
});

describe('scenario validation', () => {
  const base = { handler: h.ok, events: [{}] };
  const bad: [string, unknown, string][] = [
    ['root', 42, 'scenario: expected a JSON object, received 42'],
    ['handler', { events: [{}] }, 'handler: expected "./module.mjs#export", received undefined'],
    [
      'retries',
      { ...base, function: { maximumRetryAttempts: 5 } },
      'function.maximumRetryAttempts: expected integer 0–2, received 5',
    ],
    [
      'age',
      { ...base, function: { maximumEventAgeInSeconds: 30 } },
      'function.maximumEventAgeInSeconds: expected integer 60–21600, received 30',
    ],
    ['timeout', { ...base, function: { timeout: 1000 } }, 'function.timeout: expected number 0.001–900, received 1000'],
    [
      'memory',
      { ...base, function: { memorySize: 100 } },
      'function.memorySize: expected integer 128–10240, received 100',
    ],
    ['name', { ...base, function: { name: 'a b' } }, 'function.name: expected 1–64 letters'],
    ['env', { ...base, function: { environment: { A: 1 } } }, 'function.environment.A: expected string, received 1'],
    [
      'dlq',
      { ...base, function: { deadLetterQueue: { type: 'kinesis' } } },
      'function.deadLetterQueue.type: expected one of "sqs", "sns"',
    ],
    ['unknown fn field', { ...base, function: { retries: 1 } }, 'function.retries: unknown field'],
    ['unknown root field', { ...base, handlers: 'x' }, 'handlers: unknown field'],
    ['invocation', { ...base, invocation: 'kafka' }, 'invocation: expected one of "sync", "async"'],
    ['events', { handler: h.ok, events: 'x' }, 'events: expected an array of events'],
    ['empty events', { handler: h.ok, events: [] }, 'events: expected at least one event'],
    ['generate id', { handler: h.ok, events: [{ generate: 'nope' }] }, 'events[0].generate: unknown event type "nope"'],
    [
      'count',
      { handler: h.ok, events: [{ generate: 'sqs', count: 0 }] },
      'events[0].count: expected integer 1–100000, received 0',
    ],
    [
      'fault event',
      { ...base, faults: [{ event: 3, kind: 'error' }] },
      'faults[0].event: expected integer 0–0, received 3',
    ],
    ['fault kind', { ...base, faults: [{ event: 0, kind: 'explode' }] }, 'faults[0].kind: expected one of'],
    ['seed', { ...base, seed: -1 }, 'seed: expected integer 0–4294967295, received -1'],
    [
      'sync retry fault',
      { ...base, faults: [{ event: 0, attempt: 2, kind: 'error' }] },
      'faults[0].attempt: a sync invocation has one attempt',
    ],
  ];
  it.each(bad)('rejects a bad %s with a ScenarioError naming the field', (_name, scenario, message) => {
    expect(() => parseScenario(scenario)).toThrow(ScenarioError);
    expect(() => parseScenario(scenario)).toThrow(`[lambda-harness] ${message}`);
  });

  it('accepts a minimal scenario with defaults', () => {
    const parsed = parseScenario({ handler: './h.mjs', events: [{ a: 1 }] });
    expect(parsed.invocation).toBe('sync');
    expect(parsed.async.maxRetries).toBe(2);
    expect(parsed.async.maxAgeMs).toBe(21_600_000);
    expect(parsed.fn.timeoutMs).toBe(3000);
  });

  it('expands count N into N events with seeds seed, seed+1, …', () => {
    const parsed = parseScenario({ handler: './h.mjs', events: { generate: 'sqs', seed: 10, count: 3 } });
    expect(parsed.events).toEqual([10, 11, 12].map((seed) => buildEvent('sqs', undefined, { seed })));
  });

  it('reports handler modules and exports that do not exist', async () => {
    await expect(simulate({ handler: './missing.mjs#x', events: [{}] }, { baseDir: scenarios })).rejects.toThrow(
      /handler: module \.\/missing\.mjs not found/,
    );
    await expect(
      simulate({ handler: '../handlers/handlers.mjs#nope', events: [{}] }, { baseDir: scenarios }),
    ).rejects.toThrow(/handler: \.\.\/handlers\/handlers\.mjs has no function export "nope"; function exports: ok/);
  });
});

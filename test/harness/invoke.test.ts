import { describe, expect, it } from 'vitest';
import { invoke } from '../../src/harness/invoke.ts';
import { sqsEvent } from '../../src/index.ts';
import * as h from './handlers/handlers.mjs';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('invoke: results', () => {
  it('§5.2 an async handler resolving a value succeeds with that value', async () => {
    const event = sqsEvent();
    const result = await invoke(h.ok, event);
    expect(result.status).toBe('success');
    expect(result.response).toEqual({ ok: true, echo: event });
    expect(result.error).toBeUndefined();
    expect(result.functionError).toBeUndefined();
  });

  it('§1.1 a handler returning nothing responds null', async () => {
    const result = await invoke(h.nothing, {});
    expect(result.status).toBe('success');
    expect(result.response).toBeNull();
  });

  it('§1.1 the event and the response go through JSON like the Invoke API', async () => {
    const event = { when: new Date(0), nested: { a: 1 } };
    let received: unknown;
    const result = await invoke(async (e) => {
      received = e;
      e.nested.a = 2;
      return { at: new Date(0), dropped: undefined };
    }, event);
    expect(received).toEqual({ when: '1970-01-01T00:00:00.000Z', nested: { a: 2 } });
    expect(event.nested.a).toBe(1);
    expect(result.response).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('§1.2 a thrown Error becomes {errorType, errorMessage, trace} with function error Unhandled', async () => {
    const result = await invoke(h.fail, {});
    expect(result.status).toBe('error');
    expect(result.functionError).toBe('Unhandled');
    expect(result.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'boom' });
    expect(result.error?.trace?.[0]).toBe('TypeError: boom');
    expect(JSON.parse(JSON.stringify(result.error)).trace.length).toBeGreaterThan(1);
  });

  it('§1.2 a thrown non-Error value becomes {errorType: typeof, errorMessage: String(value), trace: []}', async () => {
    const result = await invoke(h.throwString, {});
    expect(result.error).toEqual({ errorType: 'string', errorMessage: 'plain string', trace: [] });
  });

  it('§1.2 functionError Handled is opt-in', async () => {
    expect((await invoke(h.fail, {}, { functionError: 'Handled' })).functionError).toBe('Handled');
    expect((await invoke(h.fail, {})).functionError).toBe('Unhandled');
  });
});

describe('invoke: timeouts', () => {
  it('§1.2 a never-settling promise times out with Sandbox.Timedout, raced against the deadline', async () => {
    const started = Date.now();
    const result = await invoke(h.hang, {}, { timeout: 0.05, requestId: 'req-1' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.status).toBe('timeout');
    expect(result.timedOutBy).toBe('function');
    expect(result.functionError).toBe('Unhandled');
    expect(result.error).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-1 Error: Task timed out after 0.05 seconds',
    });
  });

  it('§1.2 the legacy timeout payload has no errorType', async () => {
    const result = await invoke(h.hang, {}, { timeout: 0.05, requestId: 'req-2', timeoutPayload: 'legacy' });
    expect(result.error?.errorType).toBeUndefined();
    expect(result.error?.errorMessage).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z req-2 Task timed out after 0\.\d\d seconds$/);
  });

  it('§1.2 a handler finishing before its timeout is not a timeout', async () => {
    const result = await invoke(h.slow, {}, { timeout: 1 });
    expect(result.status).toBe('success');
    expect(result.response).toBe('slow');
  });

  it('§2 a shorter caller deadline wins the race and is reported as such', async () => {
    const result = await invoke(h.hang, {}, { timeout: 1, callerTimeoutMs: 30 });
    expect(result.status).toBe('timeout');
    expect(result.timedOutBy).toBe('caller');
    expect(result.error).toBeUndefined();
  });

  it('§2 a caller deadline longer than the function timeout leaves the function timeout to fire', async () => {
    const result = await invoke(h.hang, {}, { timeout: 0.03, callerTimeoutMs: 1000 });
    expect(result.timedOutBy).toBe('function');
  });
});

describe('invoke: callback handlers', () => {
  it('§5.2 a callback handler responds with the callback value', async () => {
    const result = await invoke(h.callbackOk, {});
    expect(result).toMatchObject({ status: 'success', response: { via: 'callback' } });
  });

  it('§5.2 callback(error) is a function error', async () => {
    const result = await invoke(h.callbackError, {});
    expect(result.status).toBe('error');
    expect(result.error?.errorMessage).toBe('callback failed');
  });

  it('§5.1 callbackWaitsForEmptyEventLoop=true holds the response until pending timers ran', async () => {
    const order: string[] = [];
    const result = await invoke(
      (_e: unknown, _c: unknown, cb: (e: unknown, v: unknown) => void) => {
        setTimeout(() => order.push('timer'), 20);
        cb(null, 'done');
      },
      {},
      { timeout: 2 },
    );
    order.push('response');
    expect(result.response).toBe('done');
    expect(order).toEqual(['timer', 'response']);
  });

  it('§5.1 callbackWaitsForEmptyEventLoop=false responds at once, leaving the timer pending', async () => {
    const order: string[] = [];
    const result = await invoke(
      (_e: unknown, c: { callbackWaitsForEmptyEventLoop: boolean }, cb: (e: unknown, v: unknown) => void) => {
        c.callbackWaitsForEmptyEventLoop = false;
        setTimeout(() => order.push('timer'), 20);
        cb(null, 'done');
      },
      {},
      { timeout: 2 },
    );
    order.push('response');
    expect(result.response).toBe('done');
    expect(order).toEqual(['response']);
    await new Promise((r) => setTimeout(r, 30));
  });

  it('§5.1 a callback with an open interval and waiting on the event loop times out', async () => {
    let id: NodeJS.Timeout | undefined;
    const result = await invoke(
      (_e: unknown, _c: unknown, cb: (e: unknown, v: unknown) => void) => {
        id = setInterval(() => {}, 5);
        cb(null, 'never sent');
      },
      {},
      { timeout: 0.08 },
    );
    clearInterval(id);
    expect(result.status).toBe('timeout');
  });

  it('§5.2 a non-async handler that never calls back succeeds with null once the loop drains', async () => {
    const result = await invoke((_e: unknown) => {
      setTimeout(() => {}, 5);
    }, {});
    expect(result).toMatchObject({ status: 'success', response: null });
  });

  it('§5.2 nodejs24.x rejects callback handlers; nodejs22.x accepts them', async () => {
    const rejected = await invoke(h.callbackOk, {}, { runtime: 'nodejs24.x' });
    expect(rejected.status).toBe('error');
    expect(rejected.error?.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    expect((await invoke(h.callbackOk, {}, { runtime: 'nodejs22.x' })).status).toBe('success');
    expect((await invoke(h.ok, {}, { runtime: 'nodejs24.x' })).status).toBe('success');
  });

  it('§5.1 legacy context.succeed/fail/done: the first call wins', async () => {
    const first = await invoke((_e: unknown, c: { succeed(v: unknown): void; fail(e: unknown): void }) => {
      c.succeed('first');
      c.fail(new Error('second'));
    }, {});
    expect(first.response).toBe('first');
    const failed = await invoke(
      (_e: unknown, c: { done(e: unknown, v?: unknown): void; succeed(v: unknown): void }) => {
        c.done(new Error('done failed'));
        c.succeed('late');
      },
      {},
    );
    expect(failed.status).toBe('error');
    expect(failed.error?.errorMessage).toBe('done failed');
  });
});

describe('invoke: payload limits', () => {
  it('§1.1 a request over 6 MB is rejected with RequestTooLargeException (413) and the handler does not run', async () => {
    let ran = false;
    const big = { data: 'x'.repeat(6 * 1024 * 1024) };
    const result = await invoke(async () => {
      ran = true;
    }, big);
    expect(ran).toBe(false);
    expect(result.ran).toBe(false);
    expect(result.invocationError).toEqual({
      statusCode: 413,
      errorType: 'RequestTooLargeException',
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    });
  });

  it('§6 a request just under 6 MB is accepted', async () => {
    const result = await invoke(async () => 'ok', { data: 'x'.repeat(6 * 1024 * 1024 - 100) });
    expect(result.status).toBe('success');
  });

  it('§6 a response over 6 MB becomes Function.ResponseSizeTooLarge', async () => {
    const result = await invoke(async () => 'x'.repeat(6 * 1024 * 1024 + 200), {});
    expect(result.status).toBe('error');
    expect(result.functionError).toBe('Unhandled');
    expect(result.error?.errorType).toBe('Function.ResponseSizeTooLarge');
    expect(result.error?.errorMessage).toBe(
      'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    );
  });

  it('§6 a response within the limit is returned', async () => {
    const result = await invoke(async () => 'x'.repeat(1024 * 1024), {});
    expect(result.status).toBe('success');
  });
});

describe('invoke: logs and environment', () => {
  it('§1.1 captures console and stdout writes per invocation, with a base64 4 KB tail', async () => {
    const result = await invoke(h.logs, { name: 'world' }, { requestId: 'req-log' });
    expect(result.logs).toMatch(/^\S+Z\treq-log\tINFO\thello world\n/);
    expect(result.logs).toContain('\treq-log\tERROR\toops\n');
    expect(result.logs).toContain('raw line\n');
    const tail = decode(result.logTail);
    expect(tail).toMatch(/^(INIT_START Runtime Version: nodejs:22\n)?START RequestId: req-log Version: \$LATEST\n/);
    expect(tail).toMatch(/END RequestId: req-log\nREPORT RequestId: req-log\tDuration: [\d.]+ ms/);
  });

  it('§1.1 the tail keeps only the last 4 KB', async () => {
    const result = await invoke(async () => {
      for (let i = 0; i < 200; i++) console.log(`line ${i} ${'.'.repeat(40)}`);
    }, {});
    const tail = Buffer.from(result.logTail, 'base64');
    expect(tail.length).toBe(4096);
    expect(tail.toString('utf8')).toContain('line 199');
    expect(tail.toString('utf8')).not.toContain('line 0 ');
  });

  it('restores console after the invocation and does not capture outside it', async () => {
    await new Promise((r) => setImmediate(r));
    const before = console.log;
    const result = await invoke(h.ok, {});
    await new Promise((r) => setImmediate(r));
    expect(console.log).toBe(before);
    expect(result.logs).toBe('');
  });

  it("logs: 'off' captures nothing", async () => {
    const result = await invoke(async () => 1, {}, { logs: 'off' });
    expect(result.logs).toBe('');
  });

  it('§5.1 sets AWS_* and function environment variables during the invocation and restores them after', async () => {
    const before = process.env.AWS_LAMBDA_FUNCTION_NAME;
    const result = await invoke(
      h.env,
      {},
      { functionName: 'orders', region: 'eu-west-1', environment: { CUSTOM: 'v' } },
    );
    expect(result.response).toEqual({ region: 'eu-west-1', name: 'orders', custom: 'v' });
    expect(process.env.AWS_LAMBDA_FUNCTION_NAME).toBe(before);
    expect(process.env.CUSTOM).toBeUndefined();
  });

  it('writes by the handler to process.env do not leak out of the invocation', async () => {
    await invoke(async () => {
      process.env.LEAK_CHECK = '1';
      expect(process.env.LEAK_CHECK).toBe('1');
      expect(Object.keys(process.env)).toContain('LEAK_CHECK');
    }, {});
    expect(process.env.LEAK_CHECK).toBeUndefined();
  });
});

describe('invoke: request ids and faults', () => {
  it('§5.1 awsRequestId is fresh per invocation and seeded', async () => {
    const ids = async (seed: number) => [
      (await invoke(h.ok, {}, { seed })).requestId,
      (await invoke(h.ok, {}, { seed: seed + 1 })).requestId,
    ];
    const a = await ids(1);
    expect(a[0]).not.toBe(a[1]);
    expect(await ids(1)).toEqual(a);
    expect(a[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const x = await invoke(h.ok, {});
    const y = await invoke(h.ok, {});
    expect(x.requestId).not.toBe(y.requestId);
  });

  it('§1.1 an injected throttle is a 429 TooManyRequestsException and the handler does not run', async () => {
    const result = await invoke(h.ok, {}, { fault: 'throttle' });
    expect(result.status).toBe('throttled');
    expect(result.ran).toBe(false);
    expect(result.invocationError?.statusCode).toBe(429);
  });

  it('rejects out-of-range options with an error naming the field', async () => {
    await expect(invoke(h.ok, {}, { memorySize: 64 })).rejects.toThrow(
      '[lambda-harness] memorySize: expected integer 128–10240, received 64',
    );
    await expect(invoke(h.ok, {}, { timeout: 901 })).rejects.toThrow(
      '[lambda-harness] timeout: expected number 0.001–900, received 901',
    );
  });
});

describe('invoke: request content', () => {
  it('§1.1 an event that is not JSON is rejected with InvalidRequestContentException (400)', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const result = await invoke(h.ok, circular);
    expect(result.ran).toBe(false);
    expect(result.invocationError).toMatchObject({ statusCode: 400, errorType: 'InvalidRequestContentException' });
  });

  it('§1.1 a JSON event is accepted as is', async () => {
    expect((await invoke(h.ok, [1, 'two', null])).response).toEqual({ ok: true, echo: [1, 'two', null] });
  });
});

describe('invoke: concurrent invocations', () => {
  it('§1.2 each of several concurrent invocations gets its own deadline from the shared timer', async () => {
    const started = performance.now();
    const [a, b, c] = await Promise.all([
      invoke(h.hang, {}, { timeout: 0.06 }),
      invoke(h.hang, {}, { timeout: 0.03 }),
      invoke(h.slow, {}, { timeout: 1 }),
    ]);
    expect([a?.status, b?.status, c?.status]).toEqual(['timeout', 'timeout', 'success']);
    expect(a?.durationMs).toBeGreaterThanOrEqual(55);
    expect(b?.durationMs).toBeGreaterThanOrEqual(25);
    expect(b?.durationMs).toBeLessThan(a?.durationMs ?? 0);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('§1.1 logs of concurrent invocations are not mixed up when they do not interleave', async () => {
    const [x, y] = await Promise.all([
      invoke(async () => console.log('from x'), {}, { requestId: 'x' }),
      invoke(async () => console.log('from y'), {}, { requestId: 'y' }),
    ]);
    expect(x?.logs).toContain('\tx\tINFO\tfrom x');
    expect(y?.logs).toContain('\ty\tINFO\tfrom y');
  });
});

describe('invoke: log routing after overlapping invocations', () => {
  it('§1.1 when the earlier of two overlapping invocations ends first, later writes are not swallowed', async () => {
    await new Promise((r) => setImmediate(r));
    const original = console.log;
    const seen: unknown[] = [];
    console.log = (...args: unknown[]) => {
      seen.push(args.join(' '));
    };
    try {
      const x = invoke(async () => new Promise((r) => setTimeout(r, 10)), {});
      const y = invoke(async () => new Promise((r) => setTimeout(r, 40)), {});
      await x;
      await y;
      console.log('outside');
      expect(seen).toEqual(['outside']);
    } finally {
      await new Promise((r) => setImmediate(r));
      console.log = original;
    }
  });

  it('§1.1 once overlapping invocations end, writes are no longer captured by either', async () => {
    const first = invoke(async () => new Promise((r) => setTimeout(r, 20)), {}, { requestId: 'first' });
    const second = await invoke(async () => 'quick', {}, { requestId: 'second' });
    const done = await first;
    const late = await invoke(async () => console.log('late'), {}, { requestId: 'late' });
    expect(second.logs).toBe('');
    expect(done.logs).toBe('');
    expect(late.logs).toContain('\tlate\tINFO\tlate');
  });
});

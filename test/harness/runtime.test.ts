import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { type Handler, invoke } from '../../src/harness/invoke.ts';
import { simulate } from '../../src/harness/simulate.ts';

const handlers = fileURLToPath(new URL('./handlers/', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Callback = (error?: unknown, value?: unknown) => void;
type LegacyContext = { succeed(v?: unknown): void; fail(e?: unknown): void; done(e?: unknown, v?: unknown): void };

describe('runtime: callbacks and legacy context methods', () => {
  it('§5.1 callback(error) with a timer still open answers with the error at once', async () => {
    let timer: NodeJS.Timeout | undefined;
    const result = await invoke(
      (_e: unknown, _c: unknown, cb: Callback) => {
        timer = setInterval(() => {}, 5);
        cb(new Error('early failure'));
      },
      {},
      { timeout: 0.5 },
    );
    clearInterval(timer);
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ errorType: 'Error', errorMessage: 'early failure' });
  });

  it('§5.1 context.fail() with no argument fails as "handled"', async () => {
    const result = await invoke((_e: unknown, c: LegacyContext) => c.fail(), {});
    expect(result.status).toBe('error');
    expect(result.error).toEqual({ errorType: 'string', errorMessage: 'handled', trace: [] });
  });

  it('§5.1 context.fail(error) fails with that error', async () => {
    const result = await invoke((_e: unknown, c: LegacyContext) => c.fail(new RangeError('bad')), {});
    expect(result.error).toMatchObject({ errorType: 'RangeError', errorMessage: 'bad' });
  });

  it('ignores a callback arriving after the invocation ended and leaves no timer running', async () => {
    let late!: () => void;
    const called = new Promise<void>((r) => {
      late = r;
    });
    const result = await invoke(
      (_e: unknown, _c: unknown, cb: Callback) => {
        setTimeout(() => {
          cb(null, 'too late');
          late();
        }, 60);
      },
      {},
      { timeout: 0.02 },
    );
    expect(result.status).toBe('timeout');
    await called;
    await sleep(50);
    // A leaked 5 ms poll would keep the process alive (a CLI that never exits).
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout')).toEqual([]);
  });
});

describe('runtime: throw undefined (aws-behaviour §1.2)', () => {
  it('an async handler rejecting with undefined fails as "handled"', async () => {
    const result = await invoke(async () => {
      throw undefined;
    }, {});
    expect(result.status).toBe('error');
    expect(result.error).toEqual({ errorType: 'string', errorMessage: 'handled', trace: [] });
  });

  it('a promise returned by a non-async handler rejecting with null fails as "handled"', async () => {
    const result = await invoke(() => Promise.reject(null), {});
    expect(result.error).toEqual({ errorType: 'string', errorMessage: 'handled', trace: [] });
  });

  it('a non-async handler throwing undefined synchronously succeeds with null', async () => {
    const result = await invoke(() => {
      throw undefined;
    }, {});
    expect(result).toMatchObject({ status: 'success', response: null });
  });

  it('a non-async handler throwing a value synchronously fails with it', async () => {
    const result = await invoke(() => {
      throw 42;
    }, {});
    expect(result.error).toEqual({ errorType: 'number', errorMessage: '42', trace: [] });
  });
});

describe('runtime: any thrown value is an invocation error', () => {
  it('a null-prototype object becomes the runtime fallback payload', async () => {
    const result = await invoke(async () => {
      throw Object.create(null);
    }, {});
    expect(result.status).toBe('error');
    expect(result.error?.errorType).toBe('handled');
    expect(result.error?.errorMessage).toMatch(/problem while retrieving/);
  });

  it('a revoked Proxy becomes the runtime fallback payload', async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const result = await invoke(() => {
      throw proxy;
    }, {});
    expect(result.status).toBe('error');
    expect(result.error?.errorType).toBe('handled');
  });

  it('an Error with a throwing stack getter still gives a JSON-serialisable result', async () => {
    const error = new Error('no stack');
    Object.defineProperty(error, 'stack', {
      get() {
        throw new Error('stack getter');
      },
    });
    const result = await invoke(async () => {
      throw error;
    }, {});
    expect(result.status).toBe('error');
    expect(() => JSON.stringify(result)).not.toThrow();
    expect(result.error?.errorType).toBe('handled');
  });

  it('the trace is read when the error is thrown: rethrowing a shared Error keeps earlier traces', async () => {
    const shared = new Error('shared');
    shared.stack = 'Error: shared\n    at first';
    const handler = async () => {
      throw shared;
    };
    const first = await invoke(handler, {});
    shared.stack = 'Error: shared\n    at second';
    const second = await invoke(handler, {});
    expect(first.error?.trace).toEqual(['Error: shared', '    at first']);
    expect(second.error?.trace).toEqual(['Error: shared', '    at second']);
  });
});

describe('runtime: process-level failures (aws-behaviour §5.2)', () => {
  it('a floating promise rejection fails the invocation with Runtime.UnhandledPromiseRejection', async () => {
    const handler = async () => {
      Promise.reject(new Error('floating'));
      await sleep(10);
      return 'ok';
    };
    const result = await invoke(handler, {});
    expect(result.status).toBe('error');
    expect(result.functionError).toBe('Unhandled');
    expect(result.error).toMatchObject({
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: floating',
    });
    const next = await invoke(handler, {}, { timeout: 1 });
    expect(next.coldStart).toBe(true);
  });

  it('a handled rejection does not fail the invocation, and the next one is warm', async () => {
    const handler = async () => {
      Promise.reject(new Error('caught')).catch(() => {});
      await sleep(10);
      return 'ok';
    };
    expect((await invoke(handler, {})).status).toBe('success');
    const next = await invoke(handler, {});
    expect(next).toMatchObject({ status: 'success', coldStart: false });
  });

  it('an exception thrown in a timer fails the invocation with that error', async () => {
    const handler = async () => {
      setTimeout(() => {
        throw new RangeError('in a timer');
      }, 1);
      await sleep(20);
      return 'ok';
    };
    const result = await invoke(handler, {});
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ errorType: 'RangeError', errorMessage: 'in a timer' });
    expect((await invoke(handler, {})).coldStart).toBe(true);
  });

  it('a rejection raised as the handler returns lets it answer, then restarts the environment', async () => {
    const handler = async () => {
      Promise.reject(new Error('same tick'));
      return 'answered';
    };
    const result = await invoke(handler, {});
    expect(result).toMatchObject({ status: 'success', response: 'answered' });
    await sleep(5);
    expect((await invoke(async () => 'other', {})).status).toBe('success');
    expect((await invoke(handler, {})).coldStart).toBe(true);
  });

  it('process.exit() becomes Runtime.ExitError and the test process survives', async () => {
    const exit = process.exit;
    const result = await invoke(
      () => {
        process.exit();
      },
      {},
      { requestId: 'req-exit' },
    );
    expect(result.status).toBe('error');
    expect(result.functionError).toBe('Unhandled');
    expect(result.error).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'RequestId: req-exit Error: Runtime exited without providing a reason',
    });
    expect(process.exit).toBe(exit);
  });

  it('process.exit(n) reports the exit status, also from an async handler', async () => {
    const result = await invoke(
      async () => {
        await sleep(1);
        process.exit(3);
      },
      {},
      { requestId: 'req-exit-3' },
    );
    expect(result.error?.errorMessage).toBe('RequestId: req-exit-3 Error: Runtime exited with error: exit status 3');
  });
});

describe('runtime: deadlines', () => {
  it('a CPU-bound handler that overruns its timeout is reported as a timeout', async () => {
    const result = await invoke(
      async () => {
        const end = Date.now() + 60;
        while (Date.now() < end) {
          // busy
        }
        return 'late';
      },
      {},
      { timeout: 0.02 },
    );
    expect(result.status).toBe('timeout');
    expect(result.error?.errorType).toBe('Sandbox.Timedout');
  });

  it('a CPU-bound handler within its timeout succeeds', async () => {
    const result = await invoke(
      async () => {
        const end = Date.now() + 5;
        while (Date.now() < end) {
          // busy
        }
        return 'on time';
      },
      {},
      { timeout: 2 },
    );
    expect(result).toMatchObject({ status: 'success', response: 'on time' });
  });

  it('restores console after an invocation run under vi.useFakeTimers()', async () => {
    await new Promise((r) => setImmediate(r)); // earlier tests' capture is removed on the next macrotask
    const log = console.log;
    vi.useFakeTimers();
    try {
      await invoke(async () => 'x', {});
    } finally {
      vi.useRealTimers();
    }
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(console.log).toBe(log);
  });

  it('the timeout fires under vi.useFakeTimers()', async () => {
    vi.useFakeTimers();
    try {
      const result = await invoke(() => new Promise(() => {}), {}, { timeout: 0.05 });
      expect(result.status).toBe('timeout');
      const ok = await invoke(async () => 'fine', {}, { timeout: 0.05 });
      expect(ok.status).toBe('success');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says so when lambda-harness itself was loaded under fake timers', async () => {
    vi.useFakeTimers();
    vi.resetModules();
    try {
      const fresh = await import('../../src/harness/invoke.ts');
      await expect(fresh.invoke(async () => 'x', {})).rejects.toThrow(/\[lambda-harness\].*fake timers/);
    } finally {
      vi.useRealTimers();
      vi.resetModules();
    }
  });

  it('a timed-out handler that keeps running does not write the real process.env', async () => {
    let wrote!: () => void;
    const written = new Promise<void>((r) => {
      wrote = r;
    });
    const result = await invoke(
      async () => {
        await sleep(40);
        process.env.LAMBDA_HARNESS_LATE_WRITE = 'leaked';
        wrote();
      },
      {},
      { timeout: 0.01 },
    );
    expect(result.status).toBe('timeout');
    await written;
    expect(process.env.LAMBDA_HARNESS_LATE_WRITE).toBeUndefined();
    process.env.LAMBDA_HARNESS_TEST_WRITE = 'test';
    expect(process.env.LAMBDA_HARNESS_TEST_WRITE).toBe('test');
    delete process.env.LAMBDA_HARNESS_TEST_WRITE;
  });
});

describe('runtime profiles', () => {
  const callbackHandler = (_e: unknown, _c: unknown, cb: Callback) => cb(null, 'via callback');

  it('nodejs20.x and nodejs22.x run callback handlers and legacy context methods', async () => {
    for (const runtime of ['nodejs20.x', 'nodejs22.x'] as const) {
      expect((await invoke(callbackHandler, {}, { runtime })).response).toBe('via callback');
      const legacy = await invoke((_e: unknown, c: LegacyContext) => c.succeed('legacy'), {}, { runtime });
      expect(legacy.response).toBe('legacy');
    }
  });

  it('nodejs24.x fails callback handlers with a configurable error', async () => {
    const result = await invoke(callbackHandler, {}, { runtime: 'nodejs24.x' });
    expect(result.error?.errorType).toBe('Runtime.CallbackHandlerDeprecated');
    const custom = await invoke(
      callbackHandler,
      {},
      { runtime: 'nodejs24.x', callbackHandlerError: { errorType: 'Runtime.X', errorMessage: 'no callbacks' } },
    );
    expect(custom.error).toEqual({ errorType: 'Runtime.X', errorMessage: 'no callbacks', trace: [] });
  });

  it('nodejs24.x has no context.succeed/fail/done: calling them fails with a TypeError', async () => {
    const result = await invoke(
      async (_e: unknown, c: LegacyContext) => {
        c.succeed('never');
      },
      {},
      { runtime: 'nodejs24.x' },
    );
    expect(result.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'c.succeed is not a function' });
  });

  it('refuses an unknown runtime, naming it', async () => {
    await expect(invoke(async () => 1, {}, { runtime: 'nodejs16.x' as 'nodejs22.x' })).rejects.toThrow(
      /runtime: expected one of .*"nodejs24.x", received "nodejs16.x"/,
    );
  });

  it('warm invocations share module state; the first one is a cold start with an Init phase', async () => {
    let count = 0;
    const handler: Handler = async () => ++count;
    const first = await invoke(handler, {});
    const second = await invoke(handler, {});
    expect([first.response, second.response]).toEqual([1, 2]);
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);
    expect(Buffer.from(first.logTail, 'base64').toString()).toMatch(/^INIT_START Runtime Version: nodejs:22\n/);
    expect(Buffer.from(second.logTail, 'base64').toString()).toMatch(/^START /);
  });

  it('a function handler restarted after a runtime exit reports a cold start without fresh module state', async () => {
    let count = 0;
    const handler: Handler = async (event: { exit?: number }) => {
      count++;
      if (event.exit !== undefined) process.exit(event.exit);
      return count;
    };
    await invoke(handler, {});
    expect((await invoke(handler, { exit: 1 })).error?.errorType).toBe('Runtime.ExitError');
    const after = await invoke(handler, {});
    expect(after).toMatchObject({ response: 3, coldStart: true, freshModule: false });
  });

  it('a module handler is re-imported after a runtime exit: fresh module state, reported in the ledger', async () => {
    const ledger = await simulate(
      { handler: './stateful.mjs#counter', events: [{}, {}, { exit: 0 }, {}] },
      { baseDir: handlers },
    );
    const inv = ledger.invocations;
    expect(inv.map((i) => i.response ?? i.error?.errorType)).toEqual([1, 2, 'Runtime.ExitError', 1]);
    expect(inv.map((i) => i.coldStart ?? false)).toEqual([true, false, false, true]);
    expect(inv[3]?.freshModule).toBeUndefined();
  });

  it('a module whose re-import throws is an Init error for that invocation, retried by the next one', async () => {
    const ledger = await simulate(
      { handler: './init-fails-once.mjs#handler', events: [{}, { exit: 1 }, {}, {}] },
      { baseDir: handlers },
    );
    const inv = ledger.invocations;
    expect(inv.map((i) => i.response ?? i.error?.errorType)).toEqual([
      1,
      'Runtime.ExitError',
      'Runtime.ImportModuleError',
      3,
    ]);
    expect(inv[2]?.error?.errorMessage).toBe('init failed on evaluation 2');
    expect(inv.map((i) => i.coldStart ?? false)).toEqual([true, false, true, true]);
  });

  it('a module handler whose floating rejection ends an invocation is re-imported too', async () => {
    const ledger = await simulate(
      { handler: './stateful.mjs#counter', events: [{ reject: true }, {}] },
      { baseDir: handlers },
    );
    expect(ledger.invocations.map((i) => i.response ?? i.error?.errorType)).toEqual([
      'Runtime.UnhandledPromiseRejection',
      1,
    ]);
    expect(ledger.events.map((e) => e.outcome)).toEqual(['failed', 'succeeded']);
  });
});

describe('runtime: Lambda Managed Instances concurrency', () => {
  const ids = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];

  it('interleaves N invocations on one module instance, so shared global state is caught', async () => {
    const ledger = await simulate(
      { handler: './stateful.mjs#racy', function: { concurrency: { perEnvironment: 2 } }, events: ids },
      { baseDir: handlers },
    );
    expect(ledger.invocations.map((i) => i.response)).toEqual([2, 2, 4, 4]);
    expect(ledger.invocations.map((i) => i.at)).toEqual([0, 0, 0, 0]);
  });

  it('a handler without shared state answers each request with its own value', async () => {
    const ledger = await simulate(
      { handler: './stateful.mjs#safe', function: { concurrency: { perEnvironment: 2 } }, events: ids },
      { baseDir: handlers },
    );
    expect(ledger.invocations.map((i) => i.response)).toEqual([1, 2, 3, 4]);
  });

  it('one invocation at a time by default: the shared-state handler looks correct', async () => {
    const ledger = await simulate({ handler: './stateful.mjs#racy', events: ids }, { baseDir: handlers });
    expect(ledger.invocations.map((i) => i.response)).toEqual([1, 2, 3, 4]);
  });

  it('a runtime exit fails every invocation in flight in that environment', async () => {
    const handler: Handler = async (event: { exit?: number }) => {
      await sleep(event.exit === undefined ? 20 : 1);
      if (event.exit !== undefined) process.exit(event.exit);
      return 'ok';
    };
    const ledger = await simulate({
      handler,
      function: { concurrency: { perEnvironment: 2 } },
      events: [{ exit: 2 }, {}],
      seed: 7,
    });
    expect(ledger.invocations.map((i) => i.error?.errorMessage.replace(/RequestId: \S+/, 'RequestId: x'))).toEqual([
      'RequestId: x Error: Runtime exited with error: exit status 2',
      'RequestId: x Error: Runtime exited with error: exit status 2',
    ]);
  });

  it('refuses concurrency where it is not simulated, and out-of-range values', async () => {
    await expect(
      simulate({
        handler: async () => 1,
        invocation: 'async',
        function: { concurrency: { perEnvironment: 2 } },
        events: [{}],
      }),
    ).rejects.toThrow(/function.concurrency: .*sync and front-end invocations only, not "async"/);
    await expect(
      simulate({ handler: async () => 1, function: { concurrency: { perEnvironment: 0 } }, events: [{}] }),
    ).rejects.toThrow(/function.concurrency.perEnvironment: expected integer 1–1000, received 0/);
  });
});

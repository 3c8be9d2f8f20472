import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Random } from '../core/random.ts';
import { requestId } from './ids.ts';
import { FaultPlan, runAsyncQueue } from './async-queue.ts';
import { VirtualClock } from './clock.ts';
import { runMapping } from './esm/mapping.ts';
import { ScenarioError } from './errors.ts';
import { toClientResponse } from './front-ends/index.ts';
import type { FrontEnd } from './front-ends/types.ts';
import { type Handler, type InvokeResult, runInvocation } from './invoke.ts';
import type { Ledger } from './ledger.ts';
import { LedgerBuilder } from './ledger-builder.ts';
import { DEFAULT_LOAD_TIMEOUT_MS, importModule } from './load-module.ts';
import { holdLogCapture } from './log-capture.ts';
import { type ParsedScenario, parseScenario, type Scenario } from './scenario.ts';

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Directory the scenario's `handler` path is relative to (the scenario file's). Default `process.cwd()`. */
  baseDir?: string;
  /** How long loading the handler module may take, top-level await included. Default 10 000 ms. */
  loadTimeoutMs?: number;
}

/** Loads `"./module.mjs#export"` relative to `baseDir`; `.ts` modules load through tsx. */
export async function loadHandler(
  spec: string,
  baseDir: string,
  timeoutMs = DEFAULT_LOAD_TIMEOUT_MS,
): Promise<Handler> {
  const hash = spec.lastIndexOf('#');
  const file = hash === -1 ? spec : spec.slice(0, hash);
  const name = hash === -1 ? 'handler' : spec.slice(hash + 1);
  if (file === '' || name === '')
    throw new ScenarioError('handler', `expected "./module.mjs#export", received "${spec}"`);
  const path = resolve(baseDir, file);
  if (!existsSync(path)) throw new ScenarioError('handler', `module ${file} not found (looked at ${path})`);
  const mod = await importModule(path, file, timeoutMs);
  const handler =
    mod[name] ?? (name === 'handler' ? (mod.default as Record<string, unknown> | undefined)?.handler : undefined);
  if (typeof handler !== 'function') {
    const exported = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new ScenarioError(
      'handler',
      `${file} has no function export "${name}"; function exports: ${exported.length === 0 ? 'none' : exported.join(', ')}`,
    );
  }
  return handler as Handler;
}

/**
 * Runs a scenario (SEMANTICS §1–§3) and returns its Ledger: the exact contract `lambda-harness simulate --json` prints.
 * @example
 * const ledger = await simulate(JSON.parse(text), { baseDir: dirname(file) });
 */
export async function simulate(scenario: Scenario | unknown, options: SimulateOptions = {}): Promise<Ledger> {
  const parsed = parseScenario(scenario);
  const handler =
    typeof parsed.handler === 'function'
      ? parsed.handler
      : await loadHandler(parsed.handler, options.baseDir ?? process.cwd(), options.loadTimeoutMs);
  if (parsed.mapping !== undefined) {
    return runMapping(parsed.mapping.parsed, handler, parsed.events, parsed.mapping.options);
  }
  if (parsed.invocation === 'async') {
    return runAsyncQueue(parsed.fn, parsed.async, handler, parsed.events, new FaultPlan(parsed.faults));
  }
  return runSync(parsed, handler);
}

/** Sync and front-end invocations: one attempt per event (Lambda never retries a sync invoke, SEMANTICS §1.1). */
async function runSync(parsed: ParsedScenario, handler: Handler): Promise<Ledger> {
  const { fn, events, invocation } = parsed;
  const frontEnd = invocation === 'sync' ? undefined : (invocation as FrontEnd);
  const callerTimeoutMs = parsed.callerTimeoutMs;
  const faults = new FaultPlan(parsed.faults);
  const clock = new VirtualClock();
  const ledger = new LedgerBuilder(events.length);
  const ids = new Random(parsed.seed);
  const release = fn.logs === 'off' ? undefined : holdLogCapture();
  try {
    for (let index = 0; index < events.length && clock.now <= parsed.async.until; index++) {
      const event = events[index];
      const fault = faults.at(index, 1);
      const throttled = parsed.async.reservedConcurrency === 0 ? 'throttle' : undefined;
      const runs = fault.duplicate ? 2 : 1;
      let first: InvokeResult | undefined;
      let firstClient: { statusCode: number } | undefined;
      for (let run = 0; run < runs; run++) {
        const at = clock.now;
        const result = await runInvocation(fn, handler, event, {
          requestId: requestId(ids),
          callerTimeoutMs,
          fault: throttled ?? (run === 0 ? fault.outcome : undefined),
        });
        const client =
          frontEnd === undefined
            ? undefined
            : toClientResponse(
                frontEnd,
                {
                  status: result.status,
                  response: result.response,
                  ...(result.error === undefined ? {} : { error: result.error }),
                  ...(result.timedOutBy === undefined ? {} : { timedOutBy: result.timedOutBy }),
                },
                parsed.frontEnd,
              );
        ledger.invocation(at, result, [index], client);
        if (result.status === 'timeout') {
          clock.advanceTo(at + (result.timedOutBy === 'caller' ? (callerTimeoutMs ?? fn.timeoutMs) : fn.timeoutMs));
        }
        if (run === 0) {
          first = result;
          firstClient = client;
        }
      }
      if (first === undefined) continue;
      if (first.status === 'success') ledger.settle(index, 'succeeded');
      else {
        const why =
          first.status === 'timeout' && first.timedOutBy === 'caller'
            ? 'caller timeout'
            : (first.error?.errorType ?? first.invocationError?.errorType ?? first.status);
        ledger.settle(index, 'failed', firstClient === undefined ? why : `${why} → HTTP ${firstClient.statusCode}`);
      }
    }
    return ledger.build(clock.now);
  } finally {
    release?.();
  }
}

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
import { registerModuleHandler } from './execution-environment.ts';
import { type Handler, type InvokeResult, runInvocation } from './invoke.ts';
import type { ClientResponse, Ledger } from './ledger.ts';
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

/**
 * Loads `"./module.mjs#export"` relative to `baseDir`; `.ts` modules load through tsx. After a runtime exit the next
 * invocation re-imports a fresh instance of the module (a cache-busting query: the module itself is evaluated again,
 * the modules it imports are not).
 */
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
  const handler = await importHandler(path, file, name, timeoutMs, '');
  return registerModuleHandler(handler, (generation) =>
    importHandler(path, file, name, timeoutMs, `?lambda-harness-init=${generation}`),
  );
}

async function importHandler(
  path: string,
  file: string,
  name: string,
  timeoutMs: number,
  query: string,
): Promise<Handler> {
  const mod = await importModule(path, file, timeoutMs, query);
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
 * Runs a scenario (aws-behaviour §1–§3) and returns its Ledger: the exact contract `lambda-harness simulate --json` prints.
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

/**
 * Sync and front-end invocations: one attempt per event (Lambda never retries a sync invoke, aws-behaviour §1.1).
 * With `function.concurrency.perEnvironment` N, N events at a time run interleaved in one environment (Lambda
 * Managed Instances), all starting at the same virtual time.
 */
async function runSync(parsed: ParsedScenario, handler: Handler): Promise<Ledger> {
  const { fn, events, invocation } = parsed;
  const frontEnd = invocation === 'sync' ? undefined : (invocation as FrontEnd);
  const callerTimeoutMs = parsed.callerTimeoutMs;
  const faults = new FaultPlan(parsed.faults);
  const clock = new VirtualClock();
  const ledger = new LedgerBuilder(events.length);
  const ids = new Random(parsed.seed);
  const release = fn.logs === 'off' ? undefined : holdLogCapture();
  const attempt = async (index: number, run: number, requestId: string) => {
    const fault = faults.at(index, 1);
    const throttled = parsed.async.reservedConcurrency === 0 ? 'throttle' : undefined;
    const result = await runInvocation(fn, handler, events[index], {
      requestId,
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
              ...(result.invocationError === undefined ? {} : { invocationError: result.invocationError }),
            },
            parsed.frontEnd,
          );
    return { result, client };
  };
  try {
    for (let index = 0; index < events.length && clock.now <= parsed.async.until; ) {
      const at = clock.now;
      const group: number[] = [];
      while (group.length < parsed.perEnvironment && index < events.length) group.push(index++);
      const runs = group.map((i) => (faults.at(i, 1).duplicate ? 2 : 1));
      // Request ids are drawn in event order whatever the interleaving, so a seed replays the same ids.
      const requestIds = group.map((_, g) => Array.from({ length: runs[g] as number }, () => requestId(ids)));
      const outcomes =
        group.length === 1
          ? [await runEvent(attempt, group[0] as number, requestIds[0] as string[])]
          : await Promise.all(group.map((i, g) => runEvent(attempt, i, requestIds[g] as string[])));
      let advance = 0;
      outcomes.forEach((attempts, g) => {
        const index = group[g] as number;
        let elapsed = 0;
        for (const { result, client } of attempts) {
          ledger.invocation(at + elapsed, result, [index], client);
          if (result.status === 'timeout') {
            elapsed += result.timedOutBy === 'caller' ? (callerTimeoutMs ?? fn.timeoutMs) : fn.timeoutMs;
          }
        }
        advance = Math.max(advance, elapsed);
        const first = attempts[0];
        if (first === undefined) return;
        if (first.result.status === 'success') ledger.settle(index, 'succeeded');
        else {
          const r = first.result;
          const why =
            r.status === 'timeout' && r.timedOutBy === 'caller'
              ? 'caller timeout'
              : (r.error?.errorType ?? r.invocationError?.errorType ?? r.status);
          ledger.settle(index, 'failed', first.client === undefined ? why : `${why} → HTTP ${first.client.statusCode}`);
        }
      });
      if (advance > 0) clock.advanceTo(at + advance);
    }
    return ledger.build(clock.now);
  } finally {
    release?.();
  }
}

type Attempt = { result: InvokeResult; client: ClientResponse | undefined };

/** The attempts of one event: one, or two for an injected duplicate (run in sequence). */
async function runEvent(
  attempt: (index: number, run: number, requestId: string) => Promise<Attempt>,
  index: number,
  requestIds: string[],
): Promise<Attempt[]> {
  const out: Attempt[] = [];
  for (let run = 0; run < requestIds.length; run++) out.push(await attempt(index, run, requestIds[run] as string));
  return out;
}

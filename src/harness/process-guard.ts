import { AsyncLocalStorage } from 'node:async_hooks';
import type { ExecutionEnvironment, RuntimeExit } from './execution-environment.ts';
import type { ErrorPayload } from './ledger.ts';
import { errorPayload } from './payload.ts';
import { realSetImmediate } from './real-clock.ts';

/**
 * Process-level failures of a handler (aws-behaviour §5.2) stay inside the harness: an unhandled rejection, an uncaught
 * exception or `process.exit()` during an invocation ends that invocation and its environment, and never reaches
 * the test runner or exits the test process. While invocations run, `process.emit` routes those two events to the
 * invocation they belong to and `process.exit` is stubbed; both are restored afterwards.
 */

/** One running invocation, as the guard sees it. */
export interface GuardedInvocation {
  readonly requestId: string;
  readonly environment: ExecutionEnvironment;
  /** Set when the invocation has been answered; later work of its handler is "frozen" code. */
  ended: boolean;
  /** The runtime exited while this invocation was in flight. */
  runtimeExit(exit: RuntimeExit): void;
}

/** Thrown by the `process.exit` stub to stop the handler's code, as a real exit would. */
const EXIT_SIGNAL: unique symbol = Symbol('lambda-harness: process.exit() in a handler');

const store = new AsyncLocalStorage<GuardedInvocation>();
const active = new Set<GuardedInvocation>();
/** The invocation answered last before the next macrotask: a rejection raised as it settled belongs to it. */
let lastEnded: GuardedInvocation | undefined;
let savedEmit: typeof process.emit | undefined;
let savedExit: typeof process.exit | undefined;
let uninstallScheduled = false;

/** Runs `fn` (the handler call) so that its async work is known to belong to `inv`. */
export function runGuarded<T>(inv: GuardedInvocation, fn: () => T): T {
  return store.run(inv, fn);
}

/** The invocation whose code is running now (also for its timers and promises after it ended). */
export function currentInvocation(): GuardedInvocation | undefined {
  return store.getStore();
}

/** Starts guarding `inv`. */
export function enterGuard(inv: GuardedInvocation): void {
  active.add(inv);
  if (savedEmit === undefined) {
    savedEmit = process.emit;
    process.emit = guardedEmit as typeof process.emit;
  }
  if (savedExit === undefined) {
    savedExit = process.exit;
    process.exit = guardedExit as typeof process.exit;
  }
}

/** Stops guarding `inv`: `process.exit` is restored at once when nothing runs, `process.emit` one macrotask later. */
export function leaveGuard(inv: GuardedInvocation): void {
  inv.ended = true;
  active.delete(inv);
  lastEnded = inv;
  if (active.size === 0 && savedExit !== undefined) {
    process.exit = savedExit;
    savedExit = undefined;
  }
  if (!uninstallScheduled) {
    uninstallScheduled = true;
    realSetImmediate(uninstall);
  }
}

function uninstall(): void {
  uninstallScheduled = false;
  lastEnded = undefined;
  if (active.size > 0 || savedEmit === undefined) return;
  process.emit = savedEmit;
  savedEmit = undefined;
}

/** `Runtime.ExitError` for `process.exit(code)` (aws-behaviour §5.2). */
export function exitPayload(requestId: string, code: number): ErrorPayload {
  const why =
    code === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${code}`;
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: ${why}` };
}

function rejectionPayload(reason: unknown): ErrorPayload {
  let message: string;
  try {
    message = String(reason);
  } catch {
    message = errorPayload(reason).errorMessage;
  }
  return {
    errorType: 'Runtime.UnhandledPromiseRejection',
    errorMessage: message,
    trace: [`Runtime.UnhandledPromiseRejection: ${message}`],
  };
}

function exitCode(code: unknown): number {
  const n = Number(code ?? 0);
  return Number.isInteger(n) ? n & 0xff : 1;
}

function guardedExit(code?: unknown): never {
  const inv = store.getStore();
  // Not a handler's code (the test itself): the real exit.
  if (inv === undefined) (savedExit ?? process.exit).call(process, code as number);
  if (inv === undefined) throw EXIT_SIGNAL;
  const n = exitCode(code);
  crash(inv, { reason: 'process-exit', payload: exitPayload(inv.requestId, n) }, n);
  throw EXIT_SIGNAL;
}

/**
 * The invocations a process-level error belongs to: the one whose code raised it. A rejection is reported outside
 * any async context, so it goes to the invocations running (or the one that just answered); an exception outside
 * a handler's code is the test's own and reaches the test runner.
 */
function owners(rejection: boolean): GuardedInvocation[] {
  const inv = store.getStore();
  if (inv !== undefined) return [inv];
  if (!rejection) return [];
  if (active.size > 0) return [...active];
  return lastEnded === undefined ? [] : [lastEnded];
}

function guardedEmit(this: NodeJS.Process, name: string | symbol, ...args: unknown[]): boolean {
  if (name === 'uncaughtException' || name === 'unhandledRejection' || name === 'uncaughtExceptionMonitor') {
    const error = args[0];
    if (error === EXIT_SIGNAL) return true;
    const targets = owners(name === 'unhandledRejection');
    if (targets.length > 0) {
      if (name === 'uncaughtExceptionMonitor') return true;
      const exit: RuntimeExit =
        name === 'unhandledRejection'
          ? { reason: 'unhandled-rejection', payload: rejectionPayload(error) }
          : { reason: 'uncaught-exception', payload: errorPayload(error) };
      for (const inv of targets) crash(inv, exit);
      return true;
    }
  }
  return (savedEmit as unknown as (...a: unknown[]) => boolean).apply(this, [name, ...args]);
}

/**
 * The runtime process exits: the environment ends and every invocation in flight in it fails — with the error
 * itself, or `Runtime.ExitError` naming its own request id for `process.exit()`.
 */
function crash(origin: GuardedInvocation, exit: RuntimeExit, code?: number): void {
  const env = origin.environment;
  env.crash(exit);
  if (!origin.ended) origin.runtimeExit(exit);
  for (const other of active) {
    if (other === origin || other.environment !== env) continue;
    other.runtimeExit(code === undefined ? exit : { reason: exit.reason, payload: exitPayload(other.requestId, code) });
  }
}

import type { ErrorPayload } from './ledger.ts';
import { realPerformanceNow } from './real-clock.ts';

// biome-ignore lint/suspicious/noExplicitAny: the runtime calls handlers of every event type.
type AnyHandler = (event: any, context: any, callback: any) => any;

/** How an environment ended: a runtime exit (aws-behaviour §5.2) or a function timeout (AWS resets the environment). */
export interface RuntimeExit {
  readonly reason: 'unhandled-rejection' | 'uncaught-exception' | 'process-exit' | 'timeout' | 'init-error';
  readonly payload: ErrorPayload;
}

/** What `begin` tells the invocation about its environment. */
export interface EnvironmentStart {
  /** This invocation initialises a new execution environment (first invocation, or after a runtime exit). */
  readonly coldStart: boolean;
  /** The handler's module was evaluated for this environment (false when warm, or a function handler restarted). */
  readonly freshModule: boolean;
  /** The handler to call: a module handler is re-imported after a runtime exit. */
  readonly handler: AnyHandler;
  /** Real milliseconds the Init phase took (re-importing the module), 0 when warm. */
  readonly initMs: number;
}

/**
 * One simulated execution environment: the module instance a handler lives in. Warm invocations share it; a
 * runtime exit (unhandled rejection, uncaught exception, `process.exit`) ends it and the next invocation is a cold
 * start. A handler given as a module path is re-imported then (fresh module state); a handler given as a function
 * cannot be re-evaluated, so its restart reports `freshModule: false`. See docs/decisions/harness-runtime-profiles.md.
 */
export class ExecutionEnvironment {
  handler: AnyHandler;
  /** Number of Init phases so far. */
  inits = 0;
  /** Set by a runtime exit; the next invocation starts a new environment. */
  exit: RuntimeExit | undefined;
  #reload: ((generation: number) => Promise<AnyHandler>) | undefined;

  constructor(handler: AnyHandler) {
    this.handler = handler;
  }

  /** Makes the environment re-import its module after a runtime exit. */
  reloadWith(reload: (generation: number) => Promise<AnyHandler>): void {
    this.#reload ??= reload;
  }

  /** True when the handler comes from a module the harness can re-import. */
  get reloadable(): boolean {
    return this.#reload !== undefined;
  }

  /** Starts an invocation: warm, or a cold start (re-importing a module handler after a runtime exit). */
  begin(): EnvironmentStart | Promise<EnvironmentStart> {
    if (this.inits > 0 && this.exit === undefined) {
      return { coldStart: false, freshModule: false, handler: this.handler, initMs: 0 };
    }
    const restart = this.inits > 0;
    this.inits++;
    this.exit = undefined;
    if (!restart) return { coldStart: true, freshModule: true, handler: this.handler, initMs: 0 };
    const reload = this.#reload;
    if (reload === undefined) return { coldStart: true, freshModule: false, handler: this.handler, initMs: 0 };
    const started = realPerformanceNow();
    return reload(this.inits).then(
      (handler) => {
        this.handler = handler;
        return { coldStart: true, freshModule: true, handler, initMs: realPerformanceNow() - started };
      },
      (error: unknown) => {
        // The Init phase failed: the environment is still not ready, the next invocation tries again.
        this.exit = { reason: 'init-error', payload: { errorType: 'Runtime.ImportModuleError', errorMessage: '' } };
        throw error;
      },
    );
  }

  /** Ends the environment: the runtime process exited. */
  crash(exit: RuntimeExit): void {
    this.exit ??= exit;
  }
}

const environments = new WeakMap<AnyHandler, ExecutionEnvironment>();

/** The environment of `handler` (one per handler function). */
export function environmentOf(handler: AnyHandler): ExecutionEnvironment {
  let env = environments.get(handler);
  if (env === undefined) {
    env = new ExecutionEnvironment(handler);
    environments.set(handler, env);
  }
  return env;
}

/**
 * Registers `handler`, exported by a module, with a loader that imports a fresh instance of that module: after a
 * runtime exit the next invocation through `handler` runs the re-imported one. The environment lives as long as the
 * handler (a second `simulate` of the same module starts warm, as the module instance is the same).
 */
export function registerModuleHandler<H extends AnyHandler>(
  handler: H,
  reload: (generation: number) => Promise<AnyHandler>,
): H {
  environmentOf(handler).reloadWith(reload);
  return handler;
}

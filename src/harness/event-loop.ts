import { AsyncResource, createHook, executionAsyncId } from 'node:async_hooks';
import { realClearInterval, realSetImmediate, realSetInterval } from './real-clock.ts';

const ONE_SHOT = new Set(['Immediate', 'TickObject', 'Microtask']);

interface Tracked {
  type: string;
  resource: { hasRef?: () => boolean; _destroyed?: boolean; _repeat?: unknown };
}

/**
 * Watches the async work a non-async handler starts, to model `callbackWaitsForEmptyEventLoop` and the
 * "handler never calls back: success with null once the loop drains" rule (aws-behaviour §5.1, §5.2).
 * Only resources created inside the invocation's async scope count; unref'd timers do not keep it alive.
 */
export class EventLoopTracker {
  #ids = new Set<number>();
  #pending = new Map<number, Tracked>();
  #onDrain: (() => void) | undefined;
  #poll: NodeJS.Timeout | undefined;
  #stopped = false;
  // Timers the tracker itself needs are created in this scope so they are never tracked.
  #outside = new AsyncResource('LambdaHarnessTracker');
  #hook = createHook({
    init: (id, type, trigger, resource) => {
      if (!this.#ids.has(executionAsyncId()) && !this.#ids.has(trigger)) return;
      this.#ids.add(id);
      if (type !== 'PROMISE') this.#pending.set(id, { type, resource: resource as Tracked['resource'] });
    },
    after: (id) => {
      const t = this.#pending.get(id);
      if (t === undefined) return;
      if (ONE_SHOT.has(t.type) || (t.type === 'Timeout' && t.resource._repeat == null)) {
        this.#pending.delete(id);
        this.#check();
      }
    },
    destroy: (id) => {
      if (this.#pending.delete(id)) this.#check();
    },
  });

  /** Runs `fn` in a fresh async scope whose descendants are tracked. */
  run<T>(fn: () => T): T {
    this.#hook.enable();
    const scope = new AsyncResource('LambdaHarnessInvocation');
    this.#ids.add(scope.asyncId());
    return scope.runInAsyncScope(fn);
  }

  /** True when no tracked resource keeps the event loop alive. */
  drained(): boolean {
    for (const { resource } of this.#pending.values()) {
      if (resource._destroyed === true) continue;
      if (typeof resource.hasRef === 'function' && !resource.hasRef()) continue;
      return false;
    }
    return true;
  }

  /** Calls `callback` once (asynchronously) when the tracked work has drained. */
  whenDrained(callback: () => void): void {
    // A callback arriving after the invocation ended must not start a poll nobody stops (issue 12: hung CLI).
    if (this.#stopped) return;
    this.#onDrain = callback;
    if (this.#poll === undefined) {
      // Destroy hooks run late (unref'd immediate), so cleared timers are also noticed by polling.
      this.#poll = this.#outside.runInAsyncScope(() => realSetInterval(() => this.#check(), 5));
    }
    this.#check();
  }

  #check(): void {
    const cb = this.#onDrain;
    if (cb === undefined || !this.drained()) return;
    this.#onDrain = undefined;
    this.#outside.runInAsyncScope(() => realSetImmediate(cb));
  }

  /** Stops tracking and forgets everything. */
  stop(): void {
    this.#stopped = true;
    this.#onDrain = undefined;
    if (this.#poll !== undefined) realClearInterval(this.#poll);
    this.#poll = undefined;
    this.#hook.disable();
    this.#ids.clear();
    this.#pending.clear();
  }
}

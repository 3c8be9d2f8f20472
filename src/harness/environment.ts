/**
 * Per-invocation environment variables (aws-behaviour §5.1, DESIGN "no ambient side effects").
 * `process.env` is swapped for an overlay on the real environment during the invocation and swapped back after:
 * O(1) per invocation instead of one setenv per variable, and writes by the handler never reach the real
 * environment. See docs/decisions/harness-environment-and-logs.md.
 */

let depth = 0;
let original: NodeJS.ProcessEnv | undefined;
/** Installed as `process.env` once a handler may outlive its invocation (timeouts); see `guardLateWrites`. */
let guard: { proxy: NodeJS.ProcessEnv; real: NodeJS.ProcessEnv } | undefined;

/** One function's overlay; its writes are reset when an invocation enters it. */
class Overlay {
  own: Record<string, string> | undefined;
  deleted: Set<string> | undefined;
  readonly proxy: NodeJS.ProcessEnv;

  constructor(
    readonly base: NodeJS.ProcessEnv,
    readonly vars: Readonly<Record<string, string>>,
  ) {
    const self = this;
    this.proxy = new Proxy(base, {
      get(target, key) {
        if (typeof key !== 'string') return undefined;
        if (self.deleted?.has(key)) return undefined;
        if (self.own !== undefined && Object.hasOwn(self.own, key)) return self.own[key];
        if (Object.hasOwn(self.vars, key)) return self.vars[key];
        return target[key];
      },
      set(_target, key, value) {
        if (typeof key !== 'string') return false;
        self.deleted?.delete(key);
        self.own ??= {};
        self.own[key] = String(value);
        return true;
      },
      deleteProperty(_target, key) {
        if (typeof key !== 'string') return false;
        if (self.own !== undefined) delete self.own[key];
        self.deleted ??= new Set();
        self.deleted.add(key);
        return true;
      },
      has(target, key) {
        if (typeof key !== 'string' || self.deleted?.has(key)) return false;
        return (
          (self.own !== undefined && Object.hasOwn(self.own, key)) || Object.hasOwn(self.vars, key) || key in target
        );
      },
      ownKeys(target) {
        const keys = new Set<string>(Object.keys(target));
        for (const k of Object.keys(self.vars)) keys.add(k);
        for (const k of Object.keys(self.own ?? {})) keys.add(k);
        for (const k of self.deleted ?? []) keys.delete(k);
        return [...keys];
      },
      getOwnPropertyDescriptor(target, key) {
        if (typeof key !== 'string' || self.deleted?.has(key)) return undefined;
        const value =
          self.own !== undefined && Object.hasOwn(self.own, key)
            ? self.own[key]
            : Object.hasOwn(self.vars, key)
              ? self.vars[key]
              : target[key];
        return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
      },
    });
  }
}

const overlays = new WeakMap<Readonly<Record<string, string>>, Overlay>();

/** Installs the function's environment; returns the function that restores the previous one. */
export function enterEnvironment(vars: Readonly<Record<string, string>>): () => void {
  if (depth === 0) original = process.env;
  depth++;
  const base = guard !== undefined && original === guard.proxy ? guard.real : (original as NodeJS.ProcessEnv);
  let overlay = overlays.get(vars);
  if (overlay === undefined || overlay.base !== base || overlay.proxy === process.env) {
    // A nested invocation of the same function gets its own overlay.
    overlay = new Overlay(base, vars);
    if (overlays.get(vars)?.proxy !== process.env) overlays.set(vars, overlay);
  }
  overlay.own = undefined;
  overlay.deleted = undefined;
  process.env = overlay.proxy;
  return leaveEnvironment;
}

function leaveEnvironment(): void {
  depth--;
  if (depth === 0 && original !== undefined) {
    process.env = original;
    original = undefined;
  }
}

/**
 * After a handler timed out it may keep running; its later `process.env` writes must not reach the real environment
 * (issue 12). From then on `process.env` outside invocations is a proxy over the real environment that sends the
 * reads and writes of such late code (`lateTarget()` returns the overlay it ran with) to that overlay instead.
 */
export function guardLateWrites(lateTarget: () => NodeJS.ProcessEnv | undefined): void {
  if (guard !== undefined) return;
  const real = depth === 0 ? process.env : (original as NodeJS.ProcessEnv);
  const target = (): NodeJS.ProcessEnv => lateTarget() ?? real;
  const proxy = new Proxy(real, {
    get: (_t, key) => Reflect.get(target(), key),
    set: (_t, key, value) => Reflect.set(target(), key, value),
    deleteProperty: (_t, key) => Reflect.deleteProperty(target(), key),
    has: (_t, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), key);
      return d === undefined ? undefined : { ...d, configurable: true };
    },
    defineProperty: (_t, key, d) => Reflect.defineProperty(target(), key, d),
  });
  guard = { proxy, real };
  if (depth === 0) process.env = proxy;
  else original = proxy;
}

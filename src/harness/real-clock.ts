import { formatMessage, LambdaHarnessError } from '../errors.ts';

/**
 * The wall clock and timers the harness itself uses (deadlines, event-loop polling), captured when this module loads
 * so that a test's `vi.useFakeTimers()` cannot stop a timeout from firing. See docs/decisions/harness-real-clock.md.
 */

type Fakeable = { clock?: unknown; isFake?: unknown };

function faked(value: unknown): boolean {
  return (
    (typeof value === 'function' || (typeof value === 'object' && value !== null)) &&
    ((value as Fakeable).clock !== undefined || (value as Fakeable).isFake === true)
  );
}

const g = globalThis;
const loadedUnderFakeTimers =
  faked(g.setTimeout) || faked(g.setInterval) || faked(g.setImmediate) || faked(g.Date) || faked(g.Date.now);

export const realSetTimeout: typeof setTimeout = g.setTimeout;
export const realClearTimeout: typeof clearTimeout = g.clearTimeout;
export const realSetInterval: typeof setInterval = g.setInterval;
export const realClearInterval: typeof clearInterval = g.clearInterval;
export const realSetImmediate: typeof setImmediate = g.setImmediate;
const dateNow = g.Date.now.bind(g.Date);
const perf = g.performance;
const perfNow = perf.now.bind(perf);

/** Epoch milliseconds on the real clock. */
export const realNow: () => number = dateNow;
/** Monotonic milliseconds on the real clock. */
export const realPerformanceNow: () => number = perfNow;

/**
 * Throws when the harness was loaded while fake timers were installed: its timeouts could then never fire.
 * Loading lambda-harness before `vi.useFakeTimers()` (a static import does) avoids it.
 */
export function assertRealClock(): void {
  if (!loadedUnderFakeTimers) return;
  throw new LambdaHarnessError(
    formatMessage({
      text:
        'lambda-harness was loaded while fake timers were installed (vi.useFakeTimers()), so its timeouts could ' +
        'never fire. Import lambda-harness statically (before vi.useFakeTimers()), or call vi.useRealTimers() ' +
        'before the import.',
    }),
  );
}

import { realClearTimeout, realNow, realSetTimeout } from './real-clock.ts';

/**
 * One shared timer for every pending invocation deadline (function timeout, caller timeout): arming a Node timer
 * per invocation dominated the sync invoke hot path. The timer is ref'd only while a deadline is pending, so a
 * finished test run can exit (DESIGN "a hung handler never hangs the suite").
 */
export interface Deadline {
  readonly at: number;
  readonly fire: () => void;
}

const entries = new Set<Deadline>();
let timer: NodeJS.Timeout | undefined;
let timerAt = Number.POSITIVE_INFINITY;
let referenced = false;

function arm(at: number): void {
  if (timer !== undefined) realClearTimeout(timer);
  timerAt = at;
  timer = realSetTimeout(onFire, Math.max(0, at - realNow()));
  referenced = true;
}

function onFire(): void {
  timer = undefined;
  timerAt = Number.POSITIVE_INFINITY;
  const now = realNow();
  let next = Number.POSITIVE_INFINITY;
  const due: Deadline[] = [];
  for (const e of entries) {
    if (e.at <= now) due.push(e);
    else if (e.at < next) next = e.at;
  }
  for (const e of due) entries.delete(e);
  if (next !== Number.POSITIVE_INFINITY) arm(next);
  for (const e of due) e.fire();
}

/** Calls `fire` at epoch ms `at` unless cancelled first. */
export function addDeadline(at: number, fire: () => void): Deadline {
  const entry: Deadline = { at, fire };
  entries.add(entry);
  if (at < timerAt) arm(at);
  else if (!referenced && timer !== undefined) {
    timer.ref();
    referenced = true;
  }
  return entry;
}

/** Cancels a deadline; the shared timer stops holding the process open when none is left. */
export function cancelDeadline(entry: Deadline): void {
  entries.delete(entry);
  if (entries.size === 0 && referenced && timer !== undefined) {
    timer.unref();
    referenced = false;
  }
}

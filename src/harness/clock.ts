/**
 * A virtual clock: milliseconds since the simulation started, advanced only by scheduled tasks.
 * Tasks run in time order, ties in scheduling order, so the same seed gives the same timeline (DESIGN "virtual time").
 * @example
 * const clock = new VirtualClock();
 * clock.schedule(60_000, () => retry());
 * await clock.run();
 */
export class VirtualClock {
  #now = 0;
  #seq = 0;
  // A binary min-heap ordered by (at, seq).
  #heap: { at: number; seq: number; task: () => unknown }[] = [];

  /** Virtual milliseconds since the start. */
  get now(): number {
    return this.#now;
  }

  /** Number of tasks waiting. */
  get pending(): number {
    return this.#heap.length;
  }

  /** Runs `task` at virtual time `at` (never earlier than now). */
  schedule(at: number, task: () => unknown): void {
    const item = { at: Math.max(at, this.#now), seq: this.#seq++, task };
    const heap = this.#heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p.at < item.at || (p.at === item.at && p.seq < item.seq)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = item;
  }

  /** Runs `task` `delayMs` virtual milliseconds from now. */
  after(delayMs: number, task: () => unknown): void {
    this.schedule(this.#now + delayMs, task);
  }

  /** Moves time forward without running anything (used for time a step itself takes). */
  advanceTo(at: number): void {
    if (at > this.#now) this.#now = at;
  }

  #pop(): { at: number; seq: number; task: () => unknown } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      const lc = heap[l]!;
      if (r < n) {
        const rc = heap[r]!;
        if (rc.at < lc.at || (rc.at === lc.at && rc.seq < lc.seq)) c = r;
      }
      const child = heap[c]!;
      if (last.at < child.at || (last.at === child.at && last.seq < child.seq)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  /**
   * Runs tasks in time order until none is left or the next one is after `until`; awaits async tasks one at a time.
   * Returns the virtual time at which it stopped.
   */
  async run(until = Number.POSITIVE_INFINITY): Promise<number> {
    for (;;) {
      const next = this.#heap[0];
      if (next === undefined || next.at > until) break;
      this.#pop();
      if (next.at > this.#now) this.#now = next.at;
      const r = next.task();
      if (r !== undefined && typeof (r as Promise<unknown>).then === 'function') await r;
    }
    if (this.#heap.length > 0 && until !== Number.POSITIVE_INFINITY && until > this.#now) this.#now = until;
    return this.#now;
  }
}

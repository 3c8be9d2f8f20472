import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/harness/clock.ts';

describe('VirtualClock', () => {
  it('runs tasks in time order, ties in scheduling order, and advances virtual time', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    clock.schedule(120_000, () => seen.push(`b@${clock.now}`));
    clock.schedule(60_000, () => seen.push(`a@${clock.now}`));
    clock.schedule(120_000, () => seen.push(`c@${clock.now}`));
    clock.schedule(0, async () => {
      await Promise.resolve();
      seen.push(`z@${clock.now}`);
      clock.after(1, () => seen.push(`y@${clock.now}`));
    });
    const end = await clock.run();
    expect(seen).toEqual(['z@0', 'y@1', 'a@60000', 'b@120000', 'c@120000']);
    expect(end).toBe(120_000);
  });

  it('a six-hour schedule runs in milliseconds of real time', async () => {
    const clock = new VirtualClock();
    let runs = 0;
    const step = () => {
      runs++;
      if (clock.now < 6 * 3600_000) clock.after(1000, step);
    };
    clock.schedule(0, step);
    const started = performance.now();
    expect(await clock.run()).toBe(6 * 3600_000);
    expect(runs).toBe(21_601);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops at `until`, leaving later tasks pending', async () => {
    const clock = new VirtualClock();
    let ran = false;
    clock.schedule(10_000, () => {
      ran = true;
    });
    expect(await clock.run(5_000)).toBe(5_000);
    expect(ran).toBe(false);
    expect(clock.pending).toBe(1);
  });

  it('never schedules into the past', async () => {
    const clock = new VirtualClock();
    const at: number[] = [];
    clock.schedule(100, () => clock.schedule(10, () => at.push(clock.now)));
    await clock.run();
    expect(at).toEqual([100]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Fault, invokeAsync } from '../../src/harness/async-queue.ts';
import type { Ledger } from '../../src/harness/ledger.ts';
import { LedgerBuilder } from '../../src/harness/ledger-builder.ts';
import { simulate } from '../../src/harness/simulate.ts';

const handler = async (event: { fail?: boolean }) => {
  if (event.fail) throw new Error('planned failure');
  return 'ok';
};

/** Conservation: every event has exactly one outcome; attempts match the invocations that ran the handler. */
function assertConserved(ledger: Ledger, eventCount: number, maxRetries: number, duplicates: boolean): void {
  expect(ledger.events.map((e) => e.index)).toEqual([...Array(eventCount).keys()]);
  const ran = new Map<number, number>();
  for (const inv of ledger.invocations) {
    expect(inv.events).toHaveLength(1);
    const index = inv.events[0] as number;
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(eventCount);
    if (inv.status !== 'throttled' && !(inv.status === 'error' && inv.error?.errorType === 'ServiceException')) {
      ran.set(index, (ran.get(index) ?? 0) + 1);
    }
  }
  for (const e of ledger.events) {
    expect(e.attempts).toBe(ran.get(e.index) ?? 0);
    if (!duplicates) expect(e.attempts).toBeLessThanOrEqual(maxRetries + 1);
    const letters = ledger.deadLetters.filter((d) => d.event === e.index);
    expect(letters.length).toBeLessThanOrEqual(1);
    if (e.outcome === 'succeeded') {
      expect(letters).toHaveLength(0);
      expect(ledger.invocations.some((i) => i.events[0] === e.index && i.status === 'success')).toBe(true);
    }
    if (letters.length === 1) expect(['dead-lettered', 'expired']).toContain(e.outcome);
    expect(e.outcome).not.toBe('in-flight');
  }
  const totalRan = [...ran.values()].reduce((a, b) => a + b, 0);
  expect(ledger.events.reduce((a, e) => a + e.attempts, 0)).toBe(totalRan);
}

const faultArb = (events: number) =>
  fc.record({
    event: fc.integer({ min: 0, max: events - 1 }),
    attempt: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    kind: fc.constantFrom('throttle', 'timeout', 'error', 'duplicate', 'system-error' as const),
  });

describe('ledger', () => {
  it('conserves events over many seeded fault schedules: nothing lost, nothing counted twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.record({
            fails: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            faults: fc.array(faultArb(n), { maxLength: 6 }),
            maxRetries: fc.integer({ min: 0, max: 2 }),
            maxAge: fc.constantFrom(60, 120, 3600, 21_600),
            dlq: fc.boolean(),
            duplicateRate: fc.constantFrom(0, 0.5),
            seed: fc.nat(),
          }),
        ),
        async ({ fails, faults, maxRetries, maxAge, dlq, duplicateRate, seed }) => {
          const ledger = await invokeAsync(
            handler,
            fails.map((fail) => ({ fail })),
            {
              faults: faults.map((f) => (f.attempt === undefined ? { event: f.event, kind: f.kind } : f)) as Fault[],
              maximumRetryAttempts: maxRetries,
              maximumEventAgeInSeconds: maxAge,
              duplicateRate,
              seed,
              logs: 'off',
              ...(dlq ? { deadLetterQueue: { type: 'sqs' as const } } : {}),
            },
          );
          const duplicates = duplicateRate > 0 || faults.some((f) => f.kind === 'duplicate');
          assertConserved(ledger, fails.length, maxRetries, duplicates);
        },
      ),
      { numRuns: 100, seed: 20_260_115 },
    );
  });

  it('conserves events in sync and front-end scenarios: one outcome each, attempts = invocations that ran', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.record({
            fails: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            faults: fc.array(
              fc.record({
                event: fc.integer({ min: 0, max: n - 1 }),
                kind: fc.constantFrom('throttle', 'timeout', 'error', 'duplicate' as const),
              }),
              { maxLength: 4 },
            ),
            invocation: fc.constantFrom('sync', 'api-gateway-rest', 'alb' as const),
            seed: fc.nat(),
          }),
        ),
        async ({ fails, faults, invocation, seed }) => {
          const ledger = await simulate({
            handler,
            function: { logs: 'off' },
            invocation,
            events: fails.map((fail) => ({ fail })),
            faults,
            seed,
          });
          assertConserved(ledger, fails.length, 0, true);
          for (const e of ledger.events) expect(['succeeded', 'failed']).toContain(e.outcome);
          if (invocation !== 'sync') expect(ledger.invocations.every((i) => i.client !== undefined)).toBe(true);
        },
      ),
      { numRuns: 50, seed: 20_260_116 },
    );
  });

  it('an event left unsettled when the simulation stops is in-flight', () => {
    const builder = new LedgerBuilder(2);
    builder.settle(0, 'succeeded');
    expect(builder.build(5).events).toEqual([
      { index: 0, outcome: 'succeeded', attempts: 0 },
      { index: 1, outcome: 'in-flight', attempts: 0 },
    ]);
  });

  it('refuses to settle an event twice', () => {
    const builder = new LedgerBuilder(1);
    builder.settle(0, 'succeeded');
    expect(() => builder.settle(0, 'failed')).toThrow('event 0 settled twice');
  });
});

import { describe, expect, it } from 'vitest';
import { invokeAsync } from '../../src/harness/async-queue.ts';
import type { LedgerInvocation } from '../../src/harness/ledger.ts';
import { sqsEvent } from '../../src/index.ts';
import * as h from './handlers/handlers.mjs';

const times = (invocations: readonly LedgerInvocation[]) => invocations.map((i) => i.at);

describe('async queue: retries (§3.1)', () => {
  it('§3.1 retries a failed event twice, 1 then 2 minutes apart, with the same request id', async () => {
    const ledger = await invokeAsync(h.fail, [sqsEvent()]);
    expect(times(ledger.invocations)).toEqual([0, 60_000, 180_000]);
    expect(new Set(ledger.invocations.map((i) => i.requestId)).size).toBe(1);
    expect(ledger.events).toEqual([
      { index: 0, outcome: 'failed', attempts: 3, reason: 'RetriesExhausted (discarded)' },
    ]);
    expect(ledger.end).toBe(180_000);
  });

  it('§3.1 an event that succeeds on its second attempt is not retried again', async () => {
    const ledger = await invokeAsync(h.flaky, [{ failUntil: 1 }]);
    expect(ledger.invocations.map((i) => i.status)).toEqual(['error', 'success']);
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'succeeded', attempts: 2 });
  });

  it('§3.1 maximumRetryAttempts 0 and 1 bound the attempts', async () => {
    expect((await invokeAsync(h.fail, [{}], { maximumRetryAttempts: 0 })).invocations).toHaveLength(1);
    expect(times((await invokeAsync(h.fail, [{}], { maximumRetryAttempts: 1 })).invocations)).toEqual([0, 60_000]);
  });

  it('§3.1 maximumRetryAttempts outside 0–2 is rejected naming the field', async () => {
    await expect(invokeAsync(h.ok, [{}], { maximumRetryAttempts: 3 })).rejects.toThrow(
      '[lambda-harness] maximumRetryAttempts: expected integer 0–2, received 3',
    );
  });

  it('§3.1 a timeout is a function error: retried after the timeout plus the delay', async () => {
    const ledger = await invokeAsync(h.hang, [{}], { timeout: 0.05, maximumRetryAttempts: 1 });
    expect(ledger.invocations.map((i) => i.status)).toEqual(['timeout', 'timeout']);
    expect(times(ledger.invocations)).toEqual([0, 60_050]);
    expect(ledger.invocations[0]?.error?.errorType).toBe('Sandbox.Timedout');
  });

  it('§3.1 a successful event is attempted once', async () => {
    const ledger = await invokeAsync(h.ok, [{ a: 1 }, { a: 2 }]);
    expect(ledger.events.map((e) => [e.outcome, e.attempts])).toEqual([
      ['succeeded', 1],
      ['succeeded', 1],
    ]);
    expect(ledger.invocations.map((i) => i.response)).toEqual([
      { ok: true, echo: { a: 1 } },
      { ok: true, echo: { a: 2 } },
    ]);
  });

  it('§3.1 retry jitter is seeded: same seed, same timeline; within ± the fraction', async () => {
    const run = (seed: number) => invokeAsync(h.fail, [{}, {}], { retryJitter: 0.2, seed });
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    const timeline = (l: typeof a) => l.invocations.map((i) => [i.at, i.requestId, i.events[0], i.status]);
    expect(timeline(a)).toEqual(timeline(b));
    expect(timeline(a)).not.toEqual(timeline(c));
    for (const at of times(a.invocations).filter((t) => t > 0 && t < 100_000)) {
      expect(at).toBeGreaterThanOrEqual(48_000);
      expect(at).toBeLessThanOrEqual(72_000);
    }
  });
});

describe('async queue: event age, throttles, concurrency (§3.1)', () => {
  it('§3.1 maximumEventAgeInSeconds 60: one attempt, then EventAgeExceeded at once (judged at failure time)', async () => {
    const ledger = await invokeAsync(h.fail, [{}], {
      maximumEventAgeInSeconds: 60,
      deadLetterQueue: { type: 'sqs' },
      destinations: { onFailure: { type: 'lambda' } },
    });
    expect(times(ledger.invocations)).toEqual([0]);
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'expired', attempts: 1, reason: 'EventAgeExceeded' });
    expect(ledger.end).toBe(0);
    expect(ledger.deadLetters).toHaveLength(1);
    expect(ledger.destinations[0]?.record).toMatchObject({
      timestamp: '2026-01-15T12:00:00.000Z',
      requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 1 },
      responseContext: { functionError: 'Unhandled' },
      responsePayload: { errorMessage: 'boom' },
    });
  });

  it('§3.1 maximumEventAgeInSeconds 90: two attempts, routed right after the second (ceil(age) + next delay > max age)', async () => {
    const ledger = await invokeAsync(h.fail, [{}], {
      maximumEventAgeInSeconds: 90,
      destinations: { onFailure: { type: 'sqs' } },
    });
    expect(times(ledger.invocations)).toEqual([0, 60_000]);
    expect(ledger.end).toBe(60_000);
    expect(ledger.destinations[0]?.record).toMatchObject({
      requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 2 },
    });
  });

  it('§3.1 eventAgeLookAhead: false retries while the retry itself is within the age, expiring later', async () => {
    const ledger = await invokeAsync(h.fail, [{}], { maximumEventAgeInSeconds: 90, eventAgeLookAhead: false });
    expect(times(ledger.invocations)).toEqual([0, 60_000]);
    expect(ledger.events[0]).toMatchObject({ outcome: 'expired', reason: 'EventAgeExceeded' });
    expect(ledger.end).toBe(90_000);
  });

  it('§3.1 with enough age left the retries run and the event ends RetriesExhausted', async () => {
    const ledger = await invokeAsync(h.fail, [{}], { maximumEventAgeInSeconds: 182 });
    expect(times(ledger.invocations)).toEqual([0, 60_000, 180_000]);
    expect(ledger.events[0]).toMatchObject({ attempts: 3, reason: 'RetriesExhausted (discarded)' });
  });

  it('§3.1 maximumEventAgeInSeconds outside 60–21600 is rejected naming the field', async () => {
    await expect(invokeAsync(h.ok, [{}], { maximumEventAgeInSeconds: 59 })).rejects.toThrow(
      'maximumEventAgeInSeconds: expected integer 60–21600, received 59',
    );
  });

  it('§3.1 throttles back off 1 s doubling to 5 min until the 6 h default age runs out, without attempts', async () => {
    const started = performance.now();
    const ledger = await invokeAsync(h.ok, [{}], { faults: [{ event: 0, kind: 'throttle' }] });
    expect(performance.now() - started).toBeLessThan(3000);
    const at = times(ledger.invocations);
    expect(at.slice(0, 6)).toEqual([0, 1_000, 3_000, 7_000, 15_000, 31_000]);
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
    expect(Math.max(...gaps)).toBe(300_000);
    expect(ledger.invocations.every((i) => i.status === 'throttled')).toBe(true);
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'expired', attempts: 0, reason: 'EventAgeExceeded' });
    expect(ledger.end).toBe(21_600_000);
  });

  it('§3.1 throttles do not consume retry attempts', async () => {
    const ledger = await invokeAsync(h.fail, [{}], { faults: [{ event: 0, attempt: 1, kind: 'throttle' }] });
    expect(ledger.invocations.map((i) => [i.at, i.status])).toEqual([
      [0, 'throttled'],
      [1_000, 'error'],
      [61_000, 'error'],
      [181_000, 'error'],
    ]);
    expect(ledger.events[0]?.attempts).toBe(3);
  });

  it('§3.1 a system error (5xx) is retried like a throttle', async () => {
    const ledger = await invokeAsync(h.ok, [{}], { faults: [{ event: 0, attempt: 1, kind: 'system-error' }] });
    expect(ledger.invocations.map((i) => [i.at, i.status])).toEqual([
      [0, 'error'],
      [1_000, 'success'],
    ]);
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'succeeded', attempts: 1 });
  });

  it('§3.1 reserved concurrency 0 sends events straight to failure handling without an attempt', async () => {
    const ledger = await invokeAsync(h.ok, [{ a: 1 }], {
      reservedConcurrency: 0,
      deadLetterQueue: { type: 'sqs' },
      destinations: { onFailure: { type: 'lambda' } },
    });
    expect(ledger.invocations).toEqual([]);
    expect(ledger.events[0]).toEqual({
      index: 0,
      outcome: 'dead-lettered',
      attempts: 0,
      reason: 'ZeroReservedConcurrency',
    });
    const record = ledger.destinations[0]?.record as Record<string, unknown>;
    expect(record.requestContext).toMatchObject({ condition: 'ZeroReservedConcurrency', approximateInvokeCount: 0 });
    expect(record).not.toHaveProperty('responseContext');
  });

  it('§3.1 reserved concurrency above 0 lets events run', async () => {
    const ledger = await invokeAsync(h.ok, [{}], { reservedConcurrency: 5 });
    expect(ledger.events[0]?.outcome).toBe('succeeded');
  });

  it('§3.1 an async payload over 1 MB is rejected at enqueue (413); 256 KB with the legacy limit', async () => {
    const big = { data: 'x'.repeat(1024 * 1024) };
    const ledger = await invokeAsync(h.ok, [big, { data: 'x'.repeat(300 * 1024) }]);
    expect(ledger.events[0]).toMatchObject({ outcome: 'failed', attempts: 0 });
    expect(ledger.events[0]?.reason).toContain('RequestTooLargeException');
    expect(ledger.events[1]?.outcome).toBe('succeeded');
    const legacy = await invokeAsync(h.ok, [{ data: 'x'.repeat(300 * 1024) }], { payloadLimit: 'legacy' });
    expect(legacy.events[0]?.reason).toContain('262144 bytes');
  });

  it('§3.1 stopping early leaves unfinished events in flight', async () => {
    const ledger = await invokeAsync(h.fail, [{}], { until: 100_000 });
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'in-flight', attempts: 2 });
    expect(ledger.end).toBe(100_000);
  });
});

describe('async queue: at-least-once (§3.1 rule 5)', () => {
  it('§3.1 a duplicate fault delivers the event twice with the same request id', async () => {
    const ledger = await invokeAsync(h.ok, [{}], { faults: [{ event: 0, attempt: 1, kind: 'duplicate' }] });
    expect(ledger.invocations).toHaveLength(2);
    expect(ledger.invocations[0]?.requestId).toBe(ledger.invocations[1]?.requestId);
    expect(ledger.events[0]).toEqual({ index: 0, outcome: 'succeeded', attempts: 2 });
  });

  it('§3.1 duplicateRate is seeded and 0 by default', async () => {
    const events = Array.from({ length: 50 }, (_, i) => ({ i }));
    const a = await invokeAsync(h.ok, events, { duplicateRate: 0.3, seed: 3 });
    const b = await invokeAsync(h.ok, events, { duplicateRate: 0.3, seed: 3 });
    expect(a.invocations.length).toBeGreaterThan(50);
    expect(a.invocations.length).toBe(b.invocations.length);
    expect((await invokeAsync(h.ok, events)).invocations).toHaveLength(50);
  });
});

describe('async queue: rejected events', () => {
  it('§1.1 an event that is not JSON-serializable is rejected at enqueue (InvalidRequestContentException)', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const ledger = await invokeAsync(h.ok, [circular, {}]);
    expect(ledger.events[0]).toMatchObject({ outcome: 'failed', attempts: 0 });
    expect(ledger.events[0]?.reason).toMatch(/^InvalidRequestContentException/);
    expect(ledger.events[1]?.outcome).toBe('succeeded');
  });
});

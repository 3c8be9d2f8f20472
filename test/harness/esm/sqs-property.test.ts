// aws-behaviour §4.2 — properties over seeded random failure patterns: every message ends in exactly one outcome, and
// FIFO order per MessageGroupId is never violated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SqsEvent } from '../../../generators/sqs/index.ts';
import { simulateSqs } from '../../../src/harness/esm/sqs.ts';

interface Plan {
  fifo: boolean;
  count: number;
  groups: number;
  batchSize: number;
  rbif: boolean;
  maxReceiveCount: number | undefined;
  retention: number;
  failRate: number;
  seed: number;
  filter: boolean;
  faults: { event: number; attempt: number; kind: 'throttle' | 'timeout' | 'error' | 'duplicate' }[];
}

const plan = (fifo: boolean): fc.Arbitrary<Plan> =>
  fc
    .record({
      count: fc.integer({ min: 1, max: 40 }),
      groups: fc.integer({ min: 1, max: 15 }),
      batchSize: fc.integer({ min: 1, max: 10 }),
      rbif: fc.boolean(),
      maxReceiveCount: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      retention: fc.constantFrom(60, 90, 300),
      failRate: fc.constantFrom(0, 0.1, 0.3, 0.6, 1),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      filter: fc.boolean(),
      faults: fc.array(
        fc.record({
          event: fc.nat(),
          attempt: fc.integer({ min: 1, max: 3 }),
          kind: fc.constantFrom(
            ...(fifo
              ? (['throttle', 'timeout', 'error'] as const)
              : (['throttle', 'timeout', 'error', 'duplicate'] as const)),
          ),
        }),
        { maxLength: 4 },
      ),
    })
    .map((p) => ({ ...p, fifo, faults: p.faults.map((f) => ({ ...f, event: f.event % p.count })) }));

/** Deterministic coin per (seed, message, receive). */
function fails(seed: number, index: number, receive: number, rate: number): boolean {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(receive, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32 < rate;
}

async function simulate(p: Plan) {
  const messages = Array.from({ length: p.count }, (_, i) => ({
    body: JSON.stringify({ i, keep: !p.filter || i % 5 !== 0 }),
    ...(p.fifo ? { messageGroupId: `g${i % p.groups}` } : {}),
  }));
  const deliveries: { call: number; requestId: string; indices: number[]; ok: number[] }[] = [];
  const deleted = new Set<number>();
  const handler = async (event: SqsEvent, context: { awsRequestId: string }) => {
    const call = deliveries.length;
    const indices = event.Records.map((r) => (JSON.parse(r.body) as { i: number }).i);
    const entry = { call, requestId: context.awsRequestId, indices, ok: [] as number[] };
    deliveries.push(entry);
    const failed: string[] = [];
    let stopped = false;
    event.Records.forEach((r, position) => {
      const i = indices[position] as number;
      // FIFO: stop at the first failure and report it plus every unprocessed record (aws-behaviour §4.2).
      if (stopped || fails(p.seed, i, Number(r.attributes.ApproximateReceiveCount), p.failRate)) {
        failed.push(r.messageId);
        if (p.fifo) stopped = true;
      } else entry.ok.push(i);
    });
    if (failed.length === 0) {
      for (const i of indices) deleted.add(i);
      return {};
    }
    if (!p.rbif) throw new Error(`${failed.length} failed`);
    for (const i of entry.ok) deleted.add(i);
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
  const ledger = await simulateSqs(handler, messages, {
    queue: {
      fifo: p.fifo,
      visibilityTimeout: 30,
      messageRetentionPeriod: p.retention,
      ...(p.maxReceiveCount === undefined ? {} : { maxReceiveCount: p.maxReceiveCount }),
    },
    batchSize: p.batchSize,
    ...(p.rbif ? { functionResponseTypes: ['ReportBatchItemFailures'] as const } : {}),
    ...(p.filter ? { filterCriteria: { Filters: [{ Pattern: '{"body":{"keep":[true]}}' }] } } : {}),
    faults: p.faults,
    seed: p.seed,
  });
  return { ledger, deliveries, deleted };
}

describe('SQS properties', () => {
  it('§4.2 conserves every message: each ends in exactly one outcome (standard and FIFO)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean().chain(plan), async (p) => {
        const { ledger } = await simulate(p);
        expect(ledger.events.map((e) => e.index)).toEqual(Array.from({ length: p.count }, (_, i) => i));
        // Never stranded: without `until` nothing stays in flight.
        expect(ledger.events.filter((e) => e.outcome === 'in-flight')).toEqual([]);
        for (const e of ledger.events) {
          expect(['succeeded', 'redriven', 'expired', 'filtered']).toContain(e.outcome);
          if (e.outcome === 'succeeded') expect(e.attempts).toBeGreaterThan(0);
          if (e.outcome === 'filtered') expect(e.attempts).toBe(0);
          // A duplicate delivers the whole batch twice, so attempts may exceed receives.
          const duplicated = p.faults.some((f) => f.kind === 'duplicate');
          if (e.outcome === 'redriven' && !duplicated)
            expect(e.attempts).toBeLessThanOrEqual(p.maxReceiveCount as number);
        }
        const redriven = ledger.events.filter((e) => e.outcome === 'redriven').map((e) => e.index);
        expect(ledger.deadLetters.map((d) => d.event).sort((a, b) => a - b)).toEqual(redriven);
        const carried = new Map<number, number>();
        for (const inv of ledger.invocations) for (const i of inv.events) carried.set(i, (carried.get(i) ?? 0) + 1);
        for (const e of ledger.events) expect(e.attempts).toBeLessThanOrEqual(carried.get(e.index) ?? 0);
      }),
      { numRuns: 150, seed: 20261127 },
    );
  });

  it('§4.2 never violates FIFO order per MessageGroupId', async () => {
    await fc.assert(
      fc.asyncProperty(plan(true), async (p) => {
        const { ledger, deliveries } = await simulate(p);
        const group = (i: number) => i % p.groups;
        const outcome = (i: number) => ledger.events[i]?.outcome;
        const okAt = new Map<number, number>();
        const lastDelivery = new Map<number, number>();
        for (const d of deliveries) for (const i of d.indices) lastDelivery.set(i, d.call);
        for (const d of deliveries) {
          // Within a batch, each group's records are in send order.
          for (let a = 0; a < d.indices.length; a++) {
            for (let b = a + 1; b < d.indices.length; b++) {
              const [x, y] = [d.indices[a] as number, d.indices[b] as number];
              if (group(x) === group(y)) expect(x).toBeLessThan(y);
            }
          }
          for (const m of d.indices) {
            for (let e = m - p.groups; e >= 0; e -= p.groups) {
              if (d.indices.includes(e)) continue;
              const done = okAt.get(e);
              if (done !== undefined && done < d.call) continue;
              // Otherwise the earlier message must have left the group for good: DLQ, expiry or filter.
              expect(['redriven', 'expired', 'filtered']).toContain(outcome(e));
              expect(lastDelivery.get(e) ?? -1).toBeLessThan(d.call);
            }
          }
          // Records the handler processed count as done only when the invocation succeeded (else all come back).
          const invocation = ledger.invocations.find((i) => i.requestId === d.requestId);
          if (invocation?.status === 'success') for (const i of d.ok) if (!okAt.has(i)) okAt.set(i, d.call);
        }
      }),
      { numRuns: 80, seed: 777 },
    );
  });
});

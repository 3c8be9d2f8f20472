/**
 * Property: over seeded random failure patterns (errors, partial responses, invalid responses, throttles) the
 * stream pollers conserve every record (exactly one final outcome, none left in flight) and never deliver a record
 * of a shard — of a partition key with parallelizationFactor > 1, of a Kafka partition — before the earlier ones
 * were acknowledged or given up (aws-behaviour §4.3, §4.4).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../../src/core/random.ts';
import type { MappingLedger } from '../../../../src/harness/esm/core.ts';
import { simulateKafka } from '../../../../src/harness/esm/kafka/kafka.ts';
import { simulateKinesis } from '../../../../src/harness/esm/streams/kinesis.ts';
import { md5Int, shardOf } from '../../../../src/harness/esm/streams/shared.ts';
import { decode } from './helpers.ts';

const RUNS = Number(process.env.STREAM_PROPERTY_RUNS ?? 50);
const FINAL = new Set(['succeeded', 'failed', 'dead-lettered', 'expired', 'filtered']);

interface Plan {
  readonly records: number;
  readonly keys: number;
  readonly lanes: number;
  readonly factor: number;
  readonly batchSize: number;
  readonly retries: number;
  readonly bisect: boolean;
  readonly rbif: boolean;
  readonly failRate: number;
  readonly seed: number;
  readonly destination: boolean;
  /** Tumbling window seconds (0 = none) and the spacing of arrivals in ms. */
  readonly window: number;
  readonly spacing: number;
}

const plans = fc.record({
  records: fc.integer({ min: 1, max: 40 }),
  keys: fc.integer({ min: 1, max: 5 }),
  lanes: fc.integer({ min: 1, max: 3 }),
  factor: fc.integer({ min: 1, max: 3 }),
  batchSize: fc.integer({ min: 1, max: 10 }),
  retries: fc.integer({ min: 0, max: 3 }),
  bisect: fc.boolean(),
  rbif: fc.boolean(),
  failRate: fc.double({ min: 0, max: 0.8, noNaN: true }),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  destination: fc.boolean(),
  window: fc.constantFrom(0, 0, 5, 30),
  spacing: fc.constantFrom(0, 700, 3000),
});

type Answer = (ids: readonly number[], identify: (position: number) => unknown) => unknown;

/** A seeded handler answer: success, a thrown error, a partial response, or an invalid one. */
function chaos(plan: Plan): Answer {
  const random = new Random(plan.seed);
  return (ids, identify) => {
    if (!random.bool(plan.failRate) || ids.length === 0) return null;
    const roll = random.next();
    if (roll < 0.4) throw new Error('chaos');
    if (roll < 0.85) {
      const count = random.int(1, ids.length);
      const positions = Array.from({ length: count }, () => random.int(0, ids.length - 1));
      return { batchItemFailures: positions.map((p) => ({ itemIdentifier: identify(p) })) };
    }
    return { batchItemFailures: [{ itemIdentifier: '' }] };
  };
}

/** Delivery log: for each call, the record ids it carried, in batch order. */
function checkOrder(calls: readonly number[][], groupOf: (id: number) => string, ledger: MappingLedger): void {
  const lastDelivery = new Map<number, number>();
  calls.forEach((ids, c) => {
    for (const id of ids) lastDelivery.set(id, c);
  });
  calls.forEach((ids, c) => {
    const seen = new Map<string, number>();
    for (const id of ids) {
      const group = groupOf(id);
      const previous = seen.get(group);
      // Within a batch, a group's records are in input order.
      if (previous !== undefined) expect(id).toBeGreaterThan(previous);
      seen.set(group, id);
    }
    for (const id of ids) {
      for (let earlier = 0; earlier < id; earlier++) {
        if (groupOf(earlier) !== groupOf(id) || ids.includes(earlier)) continue;
        const outcome = ledger.events[earlier]?.outcome;
        if (outcome === 'filtered' || (outcome === 'expired' && ledger.events[earlier]?.attempts === 0)) continue;
        // An earlier record of the group not in this batch must have been delivered for the last time before.
        const last = lastDelivery.get(earlier);
        expect({ earlier, id, call: c, last }).toMatchObject({ last: expect.any(Number) });
        expect(last as number).toBeLessThan(c);
      }
    }
  });
}

function checkConservation(ledger: MappingLedger, count: number): void {
  expect(ledger.events).toHaveLength(count);
  ledger.events.forEach((e, i) => {
    expect(e.index).toBe(i);
    expect(FINAL.has(e.outcome)).toBe(true);
  });
  const carried = new Set(ledger.invocations.flatMap((i) => i.events));
  for (const e of ledger.events) if (e.outcome === 'succeeded') expect(carried.has(e.index)).toBe(true);
}

describe('stream pollers under random failures (aws-behaviour §4.3, §4.4)', () => {
  it('Kinesis: every record ends in exactly one outcome and per-shard / per-key order holds', async () => {
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        const answer = chaos(plan);
        const calls: number[][] = [];
        const keyOf = (i: number) => `key-${(i * 7 + plan.seed) % plan.keys}`;
        const handler = async (event: { Records: { kinesis: { data: string; sequenceNumber: string } }[] }) => {
          const ids = event.Records.map((r) => Number(decode(r.kinesis.data)));
          calls.push(ids);
          const response = answer(ids, (p) => event.Records[p]?.kinesis.sequenceNumber);
          // Tumbling windows require a state in every response (aws-behaviour §4.3).
          return plan.window > 0 ? { ...(response ?? {}), state: { n: ids.length } } : response;
        };
        const records = Array.from({ length: plan.records }, (_, i) => ({
          data: String(i),
          partitionKey: keyOf(i),
          at: i * plan.spacing,
        }));
        const ledger = await simulateKinesis(handler, records, {
          shards: plan.lanes,
          parallelizationFactor: plan.factor,
          tumblingWindowInSeconds: plan.window,
          batchSize: plan.batchSize,
          maximumRetryAttempts: plan.retries,
          bisectBatchOnFunctionError: plan.bisect,
          ...(plan.rbif ? { functionResponseTypes: ['ReportBatchItemFailures'] as const } : {}),
          ...(plan.destination ? { destinationConfig: { onFailure: { type: 'sqs' as const } } } : {}),
          seed: plan.seed,
        });
        checkConservation(ledger, plan.records);
        const groupOf = (i: number) => (plan.factor > 1 ? keyOf(i) : `shard-${shardOf(md5Int(keyOf(i)), plan.lanes)}`);
        checkOrder(calls, groupOf, ledger);
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });

  it('Kafka: every record ends in exactly one outcome and per-partition order holds', async () => {
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        const answer = chaos(plan);
        const calls: number[][] = [];
        const partitionOf = (i: number) => (i * 5 + plan.seed) % plan.lanes;
        const handler = async (event: {
          records: Record<string, { value: string; partition: number; offset: number }[]>;
        }) => {
          const list = Object.values(event.records).flat();
          const ids = list.map((r) => Number(decode(r.value)));
          calls.push(ids);
          return answer(ids, (p) => ({ partition: list[p]?.partition, offset: list[p]?.offset }));
        };
        const records = Array.from({ length: plan.records }, (_, i) => ({
          value: String(i),
          partition: partitionOf(i),
        }));
        const ledger = await simulateKafka(handler, records, {
          topic: { partitions: plan.lanes },
          batchSize: plan.batchSize,
          maximumRetryAttempts: plan.retries,
          bisectBatchOnFunctionError: plan.bisect,
          ...(plan.rbif ? { functionResponseTypes: ['ReportBatchItemFailures'] as const } : {}),
          ...(plan.destination ? { destinationConfig: { onFailure: { type: 'sqs' as const } } } : {}),
          seed: plan.seed,
        });
        checkConservation(ledger, plan.records);
        checkOrder(calls, (i) => `partition-${partitionOf(i)}`, ledger);
      }),
      { numRuns: RUNS, seed: 12 },
    );
  });

  it('detects an order violation (the check can fail)', () => {
    const ledger = {
      events: [
        { index: 0, outcome: 'succeeded', attempts: 1 },
        { index: 1, outcome: 'succeeded', attempts: 1 },
      ],
    };
    expect(() => checkOrder([[1], [0]], () => 'g', ledger as never)).toThrow();
    expect(() => checkOrder([[0, 1]], () => 'g', ledger as never)).not.toThrow();
  });
});

import type { MSKEvent, MSKRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { simulateKafka } from '../../src/harness/esm/kafka/kafka.ts';
import { validate } from '../../src/index.ts';

const RBIF = { functionResponseTypes: ['ReportBatchItemFailures'] as const };
const records = Array.from({ length: 3 }, (_, i) => ({ value: String(i), key: 'k' }));

/** Attempts per record when the handler answers `answer(event)` once, then succeeds. */
async function attempts(answer: (event: MSKEvent) => unknown): Promise<number[]> {
  let first = true;
  const ledger = await simulateKafka(
    async (event: MSKEvent) => {
      if (!first) return null;
      first = false;
      return answer(event);
    },
    records,
    RBIF,
  );
  return ledger.events.map((e) => e.attempts);
}

const second = (event: MSKEvent) => Object.values(event.records).flat()[1] as MSKRecord;

describe('msk response contract and the Kafka poller', () => {
  it('agree on success answers: valid, and nothing retried', async () => {
    // "" and [] are success in the contract (as for SQS and Kinesis); the poller still reads them as failures, see
    // docs/decisions/msk-contract.md.
    for (const answer of [null, {}, { batchItemFailures: [] }, { batchItemFailures: null }]) {
      expect(validate('msk', answer, { response: true }).valid).toBe(true);
      expect({ answer, attempts: await attempts(() => answer) }).toStrictEqual({ answer, attempts: [1, 1, 1] });
    }
  });

  it('agree on failures naming a record: valid, and retried from that record', async () => {
    const forms = [
      (e: MSKEvent) => ({ itemIdentifier: { partition: second(e).partition, offset: second(e).offset } }),
      (e: MSKEvent) => ({
        itemIdentifier: { topic: second(e).topic, partition: second(e).partition, offset: second(e).offset },
      }),
      (e: MSKEvent) => ({ itemIdentifier: `${second(e).topic}-${second(e).partition}@${second(e).offset}` }),
    ];
    for (const form of forms) {
      let answer: unknown;
      const seen = await attempts((event) => {
        answer = { batchItemFailures: [form(event)] };
        return answer;
      });
      expect({ answer, valid: validate('msk', answer, { response: true }).valid, seen }).toStrictEqual({
        answer,
        valid: true,
        seen: [1, 2, 2],
      });
    }
  });

  it('agree on malformed failures: invalid, and the whole batch retried', async () => {
    for (const answer of [
      { batchItemFailures: [{ itemIdentifier: '' }] },
      { batchItemFailures: [{ itemIdentifier: null }] },
      { batchItemFailures: [{}] },
      { batchItemFailures: [{ itemIdentifier: { offset: 1 } }] },
    ]) {
      expect(validate('msk', answer, { response: true }).valid).toBe(false);
      expect({ answer, attempts: await attempts(() => answer) }).toStrictEqual({ answer, attempts: [2, 2, 2] });
    }
  });
});

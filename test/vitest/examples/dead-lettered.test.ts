import '../../../src/vitest/setup.ts';
import { describe, expect, it } from 'vitest';

const ledger = {
  events: [{ index: 0, outcome: 'dead-lettered', attempts: 3, reason: 'RetriesExhausted' }],
  invocations: [{ at: 0, requestId: 'r-1', events: [0], status: 'error', durationMs: 4 }],
  deadLetters: [{ event: 0, target: 'sqs', message: { body: '{}', messageAttributes: {} } }],
  destinations: [],
  end: 180_004,
} as const;

describe('an order handler that always fails', () => {
  it('is retried twice, then dead-lettered', () => {
    expect(ledger).not.toHaveSucceeded();
    expect(ledger).toHaveBeenRetried(2);
    expect(ledger).toHaveBeenDeadLettered();
  });
});

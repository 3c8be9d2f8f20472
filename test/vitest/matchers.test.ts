import { describe, expect, it } from 'vitest';
import '../../src/vitest/setup.ts';
import type { Ledger, LedgerInvocation } from '../../src/harness/ledger.ts';
import { destinationCondition } from '../../src/vitest/index.ts';

function destinationRecord(condition: string) {
  return {
    version: '1.0',
    timestamp: '2026-01-01T00:03:00.000Z',
    requestContext: {
      requestId: 'req-1',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST',
      condition,
      approximateInvokeCount: 3,
    },
    requestPayload: { id: 1 },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    responsePayload: { errorType: 'Error', errorMessage: 'boom', trace: [] },
  };
}

const invocation = (at: number, event: number, over: Partial<LedgerInvocation> = {}): LedgerInvocation => ({
  at,
  requestId: `req-${at}`,
  events: [event],
  status: 'error',
  durationMs: 5,
  error: { errorType: 'Error', errorMessage: 'boom', trace: [] },
  ...over,
});

const ledger: Ledger = {
  events: [
    { index: 0, outcome: 'succeeded', attempts: 1 },
    { index: 1, outcome: 'dead-lettered', attempts: 3, reason: 'RetriesExhausted' },
  ],
  invocations: [
    invocation(0, 0, { status: 'success', response: { statusCode: 201 } }),
    invocation(0, 1),
    invocation(60_000, 1),
    invocation(180_000, 1, { client: { statusCode: 502, headers: {}, body: '' } }),
  ],
  deadLetters: [{ event: 1, target: 'sqs', message: { body: '{"id":1}', messageAttributes: {} } }],
  destinations: [
    {
      on: 'failure',
      target: 'sqs',
      record: destinationRecord('RetriesExhausted'),
      message: { body: JSON.stringify(destinationRecord('RetriesExhausted')) },
    },
    {
      on: 'success',
      target: 'eventbridge',
      record: destinationRecord('Success'),
      message: { detail: destinationRecord('Success') },
    },
  ],
  end: 180_005,
};
const allSucceeded: Ledger = { ...ledger, events: [{ index: 0, outcome: 'succeeded', attempts: 1 }] };

describe('toHaveSucceeded', () => {
  it('passes when every event of the ledger succeeded', () => {
    expect(allSucceeded).toHaveSucceeded();
    expect(ledger).toHaveSucceeded({ event: 0 });
  });

  it('fails naming the events that did not succeed', () => {
    expect(() => expect(ledger).toHaveSucceeded()).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected every event to have succeeded; event 1 dead-lettered after 3 attempts (RetriesExhausted)]`,
    );
  });

  it('passes and fails on an invocation result', () => {
    expect({ status: 'success', response: null }).toHaveSucceeded();
    expect(() =>
      expect({ status: 'timeout', error: { errorType: 'Sandbox.Timedout', errorMessage: 'late' } }).toHaveSucceeded(),
    ).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected the invocation to have succeeded, but its status is timeout: {"errorType":"Sandbox.Timedout","errorMessage":"late"}]`,
    );
  });

  it('fails negated when everything succeeded', () => {
    expect(ledger).not.toHaveSucceeded();
    expect(() => expect(allSucceeded).not.toHaveSucceeded()).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected every event not to have succeeded, but event 0 did]`,
    );
  });

  it('fails on an empty ledger', () => {
    expect(() => expect({ ...ledger, events: [] }).toHaveSucceeded()).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected every event to have succeeded, but the ledger has no events]`,
    );
  });

  it('rejects a value that is neither a ledger nor an invocation result', () => {
    expect(() => expect(42).toHaveSucceeded()).toThrowErrorMatchingInlineSnapshot(
      `[LambdaHarnessError: [lambda-harness] toHaveSucceeded expects a Ledger or an invocation result, received number]`,
    );
  });
});

describe('toHaveBeenRetried', () => {
  it('passes when the event had n + 1 attempts', () => {
    expect(ledger).toHaveBeenRetried(0);
    expect(ledger).toHaveBeenRetried(2, { event: 1 });
  });

  it('fails with actual and expected retry counts', () => {
    expect(() => expect(ledger).toHaveBeenRetried(1, { event: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected event 1 to have been retried 1 time (2 attempts), but it had 3 attempts (dead-lettered, RetriesExhausted)]`,
    );
    const error = (() => {
      try {
        expect(ledger).toHaveBeenRetried(1, { event: 1 });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toMatchObject({ actual: 2, expected: 1 });
  });

  it('rejects an event the ledger does not have', () => {
    expect(() => expect(ledger).toHaveBeenRetried(0, { event: 7 })).toThrowErrorMatchingInlineSnapshot(
      `[LambdaHarnessError: [lambda-harness] toHaveBeenRetried: the ledger has no event 7 (it has 2)]`,
    );
  });

  it('rejects an invocation result', () => {
    expect(() => expect({ status: 'success' }).toHaveBeenRetried(0)).toThrowErrorMatchingInlineSnapshot(
      `[LambdaHarnessError: [lambda-harness] toHaveBeenRetried expects a Ledger (from simulate), received an object with keys status]`,
    );
  });
});

describe('toHaveBeenDeadLettered', () => {
  it('passes when the event reached the DLQ', () => {
    expect(ledger).toHaveBeenDeadLettered({ event: 1 });
    expect(ledger).not.toHaveBeenDeadLettered();
  });

  it('fails naming the event outcome and what the DLQ holds', () => {
    expect(() => expect(ledger).toHaveBeenDeadLettered()).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected event 0 to have been dead-lettered, but event 0 succeeded after 1 attempt; the DLQ holds events 1]`,
    );
    expect(() => expect(ledger).not.toHaveBeenDeadLettered({ event: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected event 1 not to have been dead-lettered, but the sqs DLQ got it]`,
    );
  });
});

describe('toHaveDestinationRecord', () => {
  it('passes when a record with the condition was delivered, whatever the target envelope', () => {
    expect(ledger).toHaveDestinationRecord({ condition: 'RetriesExhausted' });
    expect(ledger).toHaveDestinationRecord({ condition: 'Success', on: 'success', target: 'eventbridge' });
    expect(ledger).toHaveDestinationRecord();
  });

  it('fails listing the records that were delivered', () => {
    expect(() =>
      expect(ledger).toHaveDestinationRecord({ condition: 'EventAgeExceeded', on: 'failure' }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected a destination record with condition EventAgeExceeded on failure; delivered: condition RetriesExhausted on failure to sqs, condition Success on success to eventbridge]`,
    );
    expect(() =>
      expect({ ...ledger, destinations: [] }).toHaveDestinationRecord({ condition: 'Success' }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected a destination record with condition Success; delivered: none]`,
    );
  });

  it('finds the condition in SNS, SQS, EventBridge, Lambda and S3 wrappings', () => {
    const record = destinationRecord('RetriesExhausted');
    const sns = { Records: [{ Sns: { Message: JSON.stringify(record) } }] };
    for (const wrapped of [record, { body: JSON.stringify(record) }, { detail: record }, sns, JSON.stringify(record)]) {
      expect(destinationCondition(wrapped)).toBe('RetriesExhausted');
    }
    expect(destinationCondition({ requestContext: { requestId: 'api-gateway-event' } })).toBeUndefined();
  });
});

describe('toHaveRespondedWith', () => {
  it('passes on the client status of the last invocation of an event', () => {
    expect(ledger).toHaveRespondedWith(502, { event: 1 });
    expect(ledger).toHaveRespondedWith(201);
  });

  it('passes on an invocation result or a client response', () => {
    expect({ status: 'success', response: { statusCode: 204 } }).toHaveRespondedWith(204);
    expect({ statusCode: 404, headers: {}, body: '' }).toHaveRespondedWith(404);
  });

  it('fails with the status the client saw', () => {
    expect(() => expect(ledger).toHaveRespondedWith(200, { event: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected the last invocation of event 1 to have responded with 200, but it responded with 502 (status error)]`,
    );
    expect(() =>
      expect({ status: 'error', error: { errorMessage: 'boom' } }).toHaveRespondedWith(200),
    ).toThrowErrorMatchingInlineSnapshot(
      `[Error: [lambda-harness] expected the invocation to have responded with 200, but it has no HTTP status (status error)]`,
    );
  });
});

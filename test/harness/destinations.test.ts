import { describe, expect, it } from 'vitest';
import { invokeAsync } from '../../src/harness/async-queue.ts';
import { sqsEvent } from '../../src/index.ts';
import * as h from './handlers/handlers.mjs';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST';

describe('dead-letter queue (§3.3)', () => {
  it('§3.3 an SQS DLQ message carries the original event as body and RequestID/ErrorCode/ErrorMessage', async () => {
    const event = sqsEvent();
    const ledger = await invokeAsync(h.fail, [event], { deadLetterQueue: { type: 'sqs' } });
    const requestId = ledger.invocations[0]?.requestId;
    expect(ledger.events[0]).toMatchObject({ outcome: 'dead-lettered', reason: 'RetriesExhausted' });
    expect(ledger.deadLetters).toEqual([
      {
        event: 0,
        target: 'sqs',
        message: {
          body: JSON.stringify(event),
          messageAttributes: {
            RequestID: { stringValue: requestId, stringListValues: [], binaryListValues: [], dataType: 'String' },
            ErrorCode: { stringValue: '200', stringListValues: [], binaryListValues: [], dataType: 'Number' },
            ErrorMessage: { stringValue: 'boom', stringListValues: [], binaryListValues: [], dataType: 'String' },
          },
        },
      },
    ]);
  });

  it('§3.3 an SNS DLQ message uses SNS attribute shape; ErrorMessage keeps the first 1 KB', async () => {
    const long = 'é'.repeat(2000);
    const ledger = await invokeAsync(
      async () => {
        throw new Error(long);
      },
      [{}],
      { deadLetterQueue: { type: 'sns' }, maximumRetryAttempts: 0 },
    );
    const attrs = ledger.deadLetters[0]?.message.messageAttributes as Record<string, { Type: string; Value: string }>;
    expect(attrs.ErrorCode).toEqual({ Type: 'Number', Value: '200' });
    expect(Buffer.byteLength(attrs.ErrorMessage?.Value ?? '')).toBe(1024);
    expect(attrs.RequestID?.Type).toBe('String');
  });

  it('§3.3 a throttled-out event reports the 429 status as ErrorCode', async () => {
    const ledger = await invokeAsync(h.ok, [{}], {
      maximumEventAgeInSeconds: 60,
      deadLetterQueue: { type: 'sqs' },
      faults: [{ event: 0, kind: 'throttle' }],
    });
    const attrs = ledger.deadLetters[0]?.message.messageAttributes as Record<string, { stringValue: string }>;
    expect(attrs.ErrorCode?.stringValue).toBe('429');
  });

  it('§3.3 a succeeding event never reaches the DLQ', async () => {
    const ledger = await invokeAsync(h.ok, [{}], { deadLetterQueue: { type: 'sqs' } });
    expect(ledger.deadLetters).toEqual([]);
  });
});

describe('destinations (§3.2)', () => {
  it('§3.2 an on-success Lambda destination gets the exact record', async () => {
    const ledger = await invokeAsync(h.ok, [{ a: 1 }], { destinations: { onSuccess: { type: 'lambda' } } });
    const requestId = ledger.invocations[0]?.requestId;
    expect(ledger.destinations).toEqual([
      {
        on: 'success',
        target: 'lambda',
        record: {
          version: '1.0',
          timestamp: '2026-01-15T12:00:00.000Z',
          requestContext: { requestId, functionArn: ARN, condition: 'Success', approximateInvokeCount: 1 },
          requestPayload: { a: 1 },
          responseContext: { statusCode: 200, executedVersion: '$LATEST' },
          responsePayload: { ok: true, echo: { a: 1 } },
        },
        message: ledger.destinations[0]?.record,
      },
    ]);
  });

  it('§3.2 an on-failure SQS destination gets the record as the message body, with functionError and the error', async () => {
    const ledger = await invokeAsync(h.fail, [{ a: 1 }], { destinations: { onFailure: { type: 'sqs' } } });
    const delivery = ledger.destinations[0];
    expect(delivery?.on).toBe('failure');
    const record = delivery?.record as { responsePayload: { trace: string[] } };
    expect(delivery?.message).toEqual({ body: JSON.stringify(record) });
    expect(record).toMatchObject({
      version: '1.0',
      timestamp: '2026-01-15T12:03:00.000Z',
      requestContext: { functionArn: ARN, condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { a: 1 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'TypeError', errorMessage: 'boom' },
    });
    expect(record.responsePayload.trace[0]).toBe('TypeError: boom');
    expect(ledger.events[0]?.outcome).toBe('dead-lettered');
  });

  it('§3.2 on failure, no on-success record is written (and vice versa)', async () => {
    const failed = await invokeAsync(h.fail, [{}], { destinations: { onSuccess: { type: 'sqs' } } });
    expect(failed.destinations).toEqual([]);
    const ok = await invokeAsync(h.ok, [{}], { destinations: { onFailure: { type: 'sqs' } } });
    expect(ok.destinations).toEqual([]);
  });

  it('§3.2 EventBridge wraps the record as detail with source lambda, the result detail-type and resources [bus, function]', async () => {
    const ledger = await invokeAsync(h.ok, [{}], {
      destinations: { onSuccess: { type: 'eventbridge', arn: 'arn:aws:events:us-east-1:123456789012:event-bus/bus' } },
    });
    const delivery = ledger.destinations[0];
    expect(delivery?.record).toMatchObject({ version: '1.0', requestContext: { condition: 'Success' } });
    expect(delivery?.message).toMatchObject({
      source: 'lambda',
      'detail-type': 'Lambda Function Invocation Result - Success',
      resources: ['arn:aws:events:us-east-1:123456789012:event-bus/bus', ARN],
      detail: delivery?.record,
    });
    const failed = await invokeAsync(h.fail, [{}], { destinations: { onFailure: { type: 'eventbridge' } } });
    expect(failed.destinations[0]?.message).toMatchObject({
      'detail-type': 'Lambda Function Invocation Result - Failure',
    });
  });

  it('§3.2 S3 (on failure only) gets a JSON object under aws/lambda/async/<function>/YYYY/MM/DD/', async () => {
    const ledger = await invokeAsync(h.fail, [{}], { destinations: { onFailure: { type: 's3' } } });
    const { record, message } = ledger.destinations[0] as { record: unknown; message: { key: string; body: string } };
    expect(message.key).toMatch(
      /^aws\/lambda\/async\/my-function\/2026\/01\/15\/2026-01-15T12\.03\.00-[0-9a-f]{8}-[0-9a-f-]{27}$/,
    );
    expect(JSON.parse(message.body)).toEqual(record);
    expect(record).toMatchObject({ requestContext: { condition: 'RetriesExhausted' } });
    await expect(invokeAsync(h.ok, [{}], { destinations: { onSuccess: { type: 's3' } } })).rejects.toThrow(
      'destinations.onSuccess.type: S3 is an on-failure destination only',
    );
  });

  it('§3.2 SNS drops the payloads when the record exceeds 256 KB, keeps them below', async () => {
    const big = { data: 'x'.repeat(200 * 1024) };
    const ledger = await invokeAsync(h.ok, [big, { small: true }], { destinations: { onSuccess: { type: 'sns' } } });
    for (const d of ledger.destinations) expect(d.message).toEqual({ Message: JSON.stringify(d.record) });
    const [dropped, kept] = ledger.destinations.map((d) => d.record as Record<string, { condition?: string }>);
    expect(dropped).not.toHaveProperty('requestPayload');
    expect(dropped).not.toHaveProperty('responsePayload');
    expect(dropped?.requestContext?.condition).toBe('Success');
    expect(kept?.requestPayload).toEqual({ small: true });
  });

  it('§3.2 a DLQ and an on-failure destination coexist', async () => {
    const ledger = await invokeAsync(h.fail, [{}], {
      deadLetterQueue: { type: 'sqs' },
      destinations: { onFailure: { type: 'sns' } },
    });
    expect(ledger.deadLetters).toHaveLength(1);
    expect(ledger.destinations).toHaveLength(1);
  });

  it('§3.2 an unknown destination type is rejected naming the field', async () => {
    await expect(
      invokeAsync(h.ok, [{}], { destinations: { onFailure: { type: 'kinesis' as 'sqs' } } }),
    ).rejects.toThrow('destinations.onFailure.type: expected one of "sqs", "sns", "lambda", "eventbridge", "s3"');
  });
});

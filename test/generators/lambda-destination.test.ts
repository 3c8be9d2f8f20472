import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lambdaDestinationArbitrary } from '../../src/arbitraries.ts';
import { invokeAsync } from '../../src/harness/async-queue.ts';
import { type LambdaDestinationEvent, lambdaDestinationEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';
import * as h from '../harness/handlers/handlers.mjs';

function derived(event: LambdaDestinationEvent): void {
  const { requestContext, responseContext } = event;
  const qualifier = requestContext.functionArn.split(':')[7] as string;
  expect(responseContext).toBeDefined();
  if (/^(\$LATEST|\d+)$/.test(qualifier)) expect(responseContext?.executedVersion).toBe(qualifier);
  else expect(responseContext?.executedVersion).toMatch(/^\d+$/);
  expect(responseContext?.functionError === undefined).toBe(requestContext.condition === 'Success');
  expect(requestContext.approximateInvokeCount).toBeGreaterThanOrEqual(1);
  expect(requestContext.approximateInvokeCount).toBeLessThanOrEqual(3);
}

runEventContract<LambdaDestinationEvent>({
  id: 'lambda-destination',
  build: lambdaDestinationEvent as never,
  arbitrary: lambdaDestinationArbitrary as never,
  override: {
    value: { requestPayload: { orderId: 'o-1' } },
    check: (event) => expect(event.requestPayload).toStrictEqual({ orderId: 'o-1' }),
  },
  derived,
  requiredPath: ['requestContext', 'functionArn'],
  breaks: {
    'function-error-iff-failure': (event) => {
      (event.responseContext as { functionError?: string }).functionError = 'Unhandled';
    },
    'success-after-invoke': (event) => {
      event.requestContext.approximateInvokeCount = 0;
      delete event.responseContext;
      delete event.responsePayload;
    },
    'response-after-attempt': (event) => {
      delete event.responseContext;
    },
    'executed-version-qualifier': (event) => {
      event.requestContext.functionArn = event.requestContext.functionArn.replace(/:[^:]+$/, ':7');
      (event.responseContext as { executedVersion: string }).executedVersion = '8';
    },
    'failure-payload-is-error': (event) => {
      event.requestContext.condition = 'RetriesExhausted';
      (event.responseContext as { functionError?: string }).functionError = 'Unhandled';
      event.responsePayload = { status: 'processed' };
    },
  },
});

describe('lambdaDestinationEvent', () => {
  it('agrees with the record the harness writes to a Lambda destination, on success and on failure', async () => {
    const success = await invokeAsync(h.ok, [{ a: 1 }], { destinations: { onSuccess: { type: 'lambda' } } });
    const failure = await invokeAsync(h.fail, [lambdaDestinationEvent().requestPayload], {
      destinations: { onFailure: { type: 'lambda' } },
    });
    const expired = await invokeAsync(h.fail, [{ b: 2 }], {
      maximumEventAgeInSeconds: 90,
      destinations: { onFailure: { type: 'lambda' } },
    });
    const records = [success, failure, expired].map((ledger) => ledger.destinations[0]?.message);
    expect(records.map((r) => (r as LambdaDestinationEvent).requestContext.condition)).toStrictEqual([
      'Success',
      'RetriesExhausted',
      'EventAgeExceeded',
    ]);
    for (const record of records) expect(validate('lambda-destination', record, { strict: true }).errors).toEqual([]);
    // The generated record has the harness's keys, in the same places.
    const keys = (value: unknown): string[] => Object.keys(value as object).sort();
    const built = lambdaDestinationEvent(undefined, { variant: 'retries-exhausted' });
    const written = records[1] as LambdaDestinationEvent;
    expect(keys(built)).toStrictEqual(keys(written));
    expect(keys(built.requestContext)).toStrictEqual(keys(written.requestContext));
    expect(keys(built.responseContext)).toStrictEqual(keys(written.responseContext));
    expect(keys(built.responsePayload)).toStrictEqual(keys(written.responsePayload));
  });

  it('rejects in strict, and accepts in shape, the ZeroReservedConcurrency record the harness models (not in AWS documentation)', async () => {
    const ledger = await invokeAsync(h.ok, [{}], {
      reservedConcurrency: 0,
      destinations: { onFailure: { type: 'lambda' } },
    });
    const record = ledger.destinations[0]?.message as LambdaDestinationEvent;
    expect(record.requestContext).toMatchObject({ condition: 'ZeroReservedConcurrency', approximateInvokeCount: 0 });
    expect(validate('lambda-destination', record).errors).toEqual([]);
    expect(validate('lambda-destination', record, { strict: true }).errors.map((e) => e.path)).toStrictEqual([
      'requestContext.condition',
    ]);
  });

  it('accepts a failure record without responseContext when the event expired before any attempt', () => {
    const event: Partial<LambdaDestinationEvent> = lambdaDestinationEvent(undefined, { variant: 'event-age-exceeded' });
    event.requestContext = {
      ...(event.requestContext as LambdaDestinationEvent['requestContext']),
      approximateInvokeCount: 0,
    };
    delete event.responseContext;
    delete event.responsePayload;
    expect(validate('lambda-destination', event, { strict: true }).errors).toEqual([]);
  });

  it('gives a success record the returned value and no functionError, a failure record the error object', () => {
    const success = lambdaDestinationEvent();
    expect(success.responseContext).not.toHaveProperty('functionError');
    expect(success.responsePayload).not.toHaveProperty('errorMessage');
    const failure = lambdaDestinationEvent(undefined, { variant: 'retries-exhausted' });
    expect(failure.responseContext.functionError).toBe('Unhandled');
    expect(failure.responsePayload.trace[0]).toBe(
      `${failure.responsePayload.errorType}: ${failure.responsePayload.errorMessage}`,
    );
  });

  it('replaces the original event whole with an override, of any JSON type', () => {
    expect(lambdaDestinationEvent({ requestPayload: { only: true } }).requestPayload).toStrictEqual({ only: true });
    expect(lambdaDestinationEvent({ requestPayload: 'text' as never }).requestPayload).toBe('text');
  });

  it('follows an overridden function version with executedVersion, and keeps an alias executing a version', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:orders:12';
    expect(lambdaDestinationEvent({ requestContext: { functionArn: arn } }).responseContext.executedVersion).toBe('12');
    const alias = lambdaDestinationEvent({ requestContext: { functionArn: arn.replace(/12$/, 'live') } });
    expect(alias.responseContext.executedVersion).toMatch(/^\d+$/);
    expect(validate('lambda-destination', alias, { strict: true }).errors.map((e) => e.rule)).not.toContain(
      'executed-version-qualifier',
    );
  });

  it('rejects more than 3 attempts and a timestamp without milliseconds in strict only', () => {
    const event = lambdaDestinationEvent();
    const many = { ...event, requestContext: { ...event.requestContext, approximateInvokeCount: 4 } };
    const seconds = { ...event, timestamp: '2026-01-15T12:00:00Z' };
    for (const broken of [many, seconds]) {
      expect(validate('lambda-destination', broken).valid).toBe(true);
      expect(validate('lambda-destination', broken, { strict: true }).valid).toBe(false);
    }
  });

  it('reports a functionError on a Success record with the rule that names it', () => {
    const event = lambdaDestinationEvent();
    const broken = { ...event, responseContext: { ...event.responseContext, functionError: 'Unhandled' } };
    expect(validate('lambda-destination', broken, { strict: true }).errors).toStrictEqual([
      {
        path: 'responseContext.functionError',
        expected: 'no functionError on a Success record',
        received: '"Unhandled"',
        message: 'expected no functionError on a Success record, received "Unhandled"',
        rule: 'function-error-iff-failure',
      },
    ]);
  });

  it('carries the payload arbitrary as the original event', () => {
    fc.assert(
      fc.property(lambdaDestinationArbitrary({ payload: fc.array(fc.nat(), { maxLength: 3 }) }), (event) => {
        expect(Array.isArray(event.requestPayload)).toBe(true);
      }),
      { numRuns: 20 },
    );
  });
});

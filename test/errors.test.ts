import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/cli/args.ts';
import {
  ContractViolationError,
  FixtureError,
  getEventType,
  isLambdaHarnessError,
  LambdaHarnessError,
  OverrideError,
  readFixture,
  ScenarioError,
  simulate,
  sqsEvent,
  UnknownEventTypeError,
  UnknownVariantError,
} from '../src/index.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('the error hierarchy', () => {
  it.each([
    [
      'ContractViolationError',
      () => sqsEvent({ Records: [{ messageId: 5 as never }] }),
      ContractViolationError,
      { code: 'CONTRACT_VIOLATION', path: 'Records[0].messageId', expected: 'string', received: 'number' },
    ],
    [
      'OverrideError',
      () => sqsEvent({ Records: 5 } as never),
      OverrideError,
      { code: 'INVALID_OVERRIDE', path: 'Records', expected: 'array', received: 'number' },
    ],
    [
      'UnknownEventTypeError',
      () => getEventType('nope'),
      UnknownEventTypeError,
      { code: 'UNKNOWN_EVENT_TYPE', path: 'id', received: 'nope' },
    ],
    [
      'UnknownVariantError',
      () => sqsEvent(undefined, { variant: 'lifo' as never }),
      UnknownVariantError,
      {
        code: 'UNKNOWN_VARIANT',
        path: 'variant',
        expected: getEventType('sqs').definition.variants.join(', '),
        received: 'lifo',
      },
    ],
    [
      'FixtureError',
      () => readFixture('sqs', 'fifo', { dir: '/no/such/dir' }),
      FixtureError,
      { code: 'FIXTURE', path: '/no/such/dir/sqs/fifo.json' },
    ],
    [
      'UsageError',
      () => {
        throw new UsageError('bad flag');
      },
      UsageError,
      { code: 'USAGE', path: '' },
    ],
  ])('%s carries a stable code and its data, and is a LambdaHarnessError', (_, fn, type, data) => {
    const error = thrown(fn);
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(LambdaHarnessError);
    expect(isLambdaHarnessError(error)).toBe(true);
    expect(error).toMatchObject(data);
    expect((error as Error).message).toMatch(/^\[lambda-harness\] /);
  });

  it('ScenarioError names its field as path with code INVALID_SCENARIO', async () => {
    const error = await simulate({ handler: () => 1, events: [{}], function: { maximumRetryAttempts: 5 } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error).toMatchObject({ code: 'INVALID_SCENARIO', path: 'function.maximumRetryAttempts' });
  });

  it('the guard rejects other errors and values', () => {
    expect(isLambdaHarnessError(new TypeError('x'))).toBe(false);
    expect(isLambdaHarnessError({ code: 'USAGE', message: '[lambda-harness] x' })).toBe(false);
  });

  it('the error a generator threw travels in cause', () => {
    const error = thrown(() => sqsEvent({ Records: [{ body: undefined }] })) as OverrideError;
    expect(error.cause).toBeInstanceOf(Error);
  });
});

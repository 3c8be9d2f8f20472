import { describe, expect, it } from 'vitest';
import { s3BatchArbitrary } from '../../src/arbitraries.ts';
import { s3DecodeKey } from '../../src/core/encoders.ts';
import { type S3BatchEvent, s3BatchEvent, validate, validateS3BatchResponse } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const first = <T>(tasks: readonly T[]): T => tasks[0] as T;

function derived(event: S3BatchEvent): void {
  const [task] = event.tasks;
  expect(event.tasks).toHaveLength(1);
  expect(task?.s3Key).toMatch(/^([A-Za-z0-9_.*/+-]|%[0-9A-F]{2})+$/);
  if (event.invocationSchemaVersion === '1.0') {
    expect(task).toHaveProperty('s3BucketArn');
    expect(event.job.userArguments).toBeUndefined();
  } else expect(task).toHaveProperty('s3Bucket');
}

runEventContract<S3BatchEvent>({
  id: 's3-batch',
  build: s3BatchEvent as never,
  arbitrary: s3BatchArbitrary as never,
  override: {
    value: { tasks: [{ s3Key: 'exports/my file+1.csv' }] },
    check: (event) => expect(event.tasks[0]?.s3Key).toBe('exports/my+file%2B1.csv'),
  },
  derived,
  requiredPath: ['tasks', 0, 'taskId'],
  breaks: {
    'task-matches-schema-version': (event) => {
      event.invocationSchemaVersion = event.invocationSchemaVersion === '1.0' ? '2.0' : '1.0';
    },
  },
});

const response = (event: S3BatchEvent, resultCode = 'Succeeded') => ({
  invocationSchemaVersion: event.invocationSchemaVersion,
  treatMissingKeysAs: 'PermanentFailure',
  invocationId: event.invocationId,
  results: [{ taskId: event.tasks[0]?.taskId, resultCode, resultString: 'done' }],
});

describe('s3BatchEvent', () => {
  it('URL-encodes the key, which decodes back to the raw key', () => {
    const event = s3BatchEvent({ tasks: [{ s3Key: 'photos/ma photo (1)+été.jpg' }] });
    expect(first(event.tasks).s3Key).not.toContain(' ');
    expect(s3DecodeKey(first(event.tasks).s3Key)).toBe('photos/ma photo (1)+été.jpg');
  });

  it('rejects a raw (unencoded) key in strict', () => {
    const event = s3BatchEvent();
    first(event.tasks).s3Key = 'my file.txt';
    expect(validate('s3-batch', event, { strict: true }).valid).toBe(false);
    expect(validate('s3-batch', event).valid).toBe(true);
  });

  it('names the bucket by ARN in 1.0 and by name with user arguments in 2.0', () => {
    const v1 = s3BatchEvent();
    expect(v1.invocationSchemaVersion).toBe('1.0');
    expect(first(v1.tasks).s3BucketArn).toMatch(/^arn:aws[a-z-]*:s3:::/);
    const v2 = s3BatchEvent(undefined, { variant: 'schema-2.0' });
    expect(v2.invocationSchemaVersion).toBe('2.0');
    expect(first(v2.tasks).s3Bucket).toMatch(/^[a-z0-9][a-z0-9.-]+$/);
    expect(v2.job.userArguments).toBeTypeOf('object');
  });

  it('reports user arguments on a 1.0 invocation with the rule that names it', () => {
    const event = s3BatchEvent();
    const withArgs = { ...event, job: { ...event.job, userArguments: { k: 'v' } } };
    expect(validate('s3-batch', withArgs, { strict: true }).errors).toStrictEqual([
      {
        path: 'job.userArguments',
        expected: 'no userArguments with invocationSchemaVersion 1.0',
        received: '{"k":"v"}',
        message: 'expected no userArguments with invocationSchemaVersion 1.0, received {"k":"v"}',
        rule: 'task-matches-schema-version',
      },
    ]);
  });

  it('sends one task per invocation', () => {
    const event = s3BatchEvent();
    const two = { ...event, tasks: [event.tasks[0], { ...event.tasks[0], taskId: 'b3RoZXI' }] };
    expect(validate('s3-batch', two, { strict: true }).valid).toBe(false);
  });
});

describe('s3-batch response contract', () => {
  const check = (value: unknown) => validate('s3-batch', value, { response: true });

  it('accepts results with each documented result code', () => {
    const event = s3BatchEvent();
    for (const code of ['Succeeded', 'TemporaryFailure', 'PermanentFailure'])
      expect(check(response(event, code)).valid).toBe(true);
    const { treatMissingKeysAs: _, ...withoutTreat } = response(event);
    expect(check(withoutTreat).valid).toBe(true);
  });

  it('rejects an unknown result code, a missing results list and an unknown treatMissingKeysAs', () => {
    const event = s3BatchEvent();
    expect(check(response(event, 'Failed')).valid).toBe(false);
    const { results: _, ...noResults } = response(event);
    expect(check(noResults).valid).toBe(false);
    expect(check({ ...response(event), treatMissingKeysAs: 'Ignore' }).valid).toBe(false);
    expect(check(null).valid).toBe(false);
  });

  it('validateS3BatchResponse accepts the echo of the event', () => {
    const event = s3BatchEvent(undefined, { variant: 'schema-2.0' });
    expect(validateS3BatchResponse(event, response(event))).toStrictEqual({ valid: true, errors: [] });
  });

  it('validateS3BatchResponse reports a wrong invocationId, schema version and taskId by rule', () => {
    const event = s3BatchEvent();
    const wrong = {
      ...response(event),
      invocationId: 'b3RoZXI',
      invocationSchemaVersion: '2.0',
      results: [{ taskId: 'b3RoZXI', resultCode: 'Succeeded', resultString: '' }],
    };
    const result = validateS3BatchResponse(event, wrong);
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => [e.rule, e.path])).toStrictEqual([
      ['invocation-id-echoed', 'invocationId'],
      ['schema-version-echoed', 'invocationSchemaVersion'],
      ['task-id-echoed', 'results[0].taskId'],
      ['task-id-echoed', 'results'],
    ]);
  });

  it('validateS3BatchResponse reports schema errors before the echoes', () => {
    const event = s3BatchEvent();
    const result = validateS3BatchResponse(event, { invocationId: event.invocationId });
    expect(result.valid).toBe(false);
    expect(result.errors.every((e) => e.rule === undefined)).toBe(true);
  });
});

import type { S3BatchEvent as AwsS3BatchEvent } from 'aws-lambda';
import { runContract, type ValidationResult } from '../../src/contracts/validate.ts';
import { formatPath } from '../../src/contracts/schema.ts';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import type { Violation } from '../../src/errors.ts';
import { definition } from './definition.ts';
import { responseEchoFindings } from './rules.ts';
import type { S3BatchEvent, S3BatchResponse, S3BatchTaskV1, S3BatchTaskV2 } from './types.gen.ts';

export type { S3BatchEvent, S3BatchResponse, S3BatchTaskV1, S3BatchTaskV2 } from './types.gen.ts';

export type S3BatchVariant = 'schema-1.0' | 'schema-2.0';

/** Overrides; `tasks[i].s3Key` is given raw (`my file.txt`) and URL-encoded as S3 Batch Operations sends it. */
export type S3BatchOverrides = DeepPartial<S3BatchEvent>;

/** The event of one schema version: 1.0 is `@types/aws-lambda`'s `S3BatchEvent`. */
export interface S3BatchEvents {
  'schema-1.0': S3BatchEvent & AwsS3BatchEvent & { invocationSchemaVersion: '1.0'; tasks: S3BatchTaskV1[] };
  'schema-2.0': S3BatchEvent & {
    invocationSchemaVersion: '2.0';
    job: { id: string; userArguments?: Record<string, string> };
    tasks: S3BatchTaskV2[];
  };
}

/**
 * Builds an S3 Batch Operations invocation: one task, its `s3Key` URL-encoded (decode it before calling S3),
 * `s3VersionId` null for unversioned objects; schema 1.0 with `s3BucketArn`, 2.0 with `s3Bucket` and `userArguments`.
 * @example
 * const event = s3BatchEvent({ tasks: [{ s3Key: 'exports/my file.csv' }] }, { variant: 'schema-2.0' });
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-invoke-lambda.html
 */
export function s3BatchEvent<V extends S3BatchVariant = 'schema-1.0'>(
  overrides?: S3BatchOverrides,
  options?: BuildOptions<V> & { variant?: V },
): S3BatchEvents[V] {
  return definition.build(overrides, options) as S3BatchEvents[V];
}

/**
 * Checks a handler's answer to `event` as S3 Batch Operations reads it: the response contract
 * (`validate('s3-batch', response, { response: true })`), then the echoes — `invocationId` and
 * `invocationSchemaVersion` of the event (rules `invocation-id-echoed`, `schema-version-echoed`) and one result per
 * task with its `taskId` (rule `task-id-echoed`).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-invoke-lambda.html
 */
export function validateS3BatchResponse(event: S3BatchEvent, response: unknown): ValidationResult {
  const contract = definition.contracts.response;
  if (contract === undefined) throw new Error('[lambda-harness] s3-batch has no response contract');
  const result = runContract(contract, response);
  if (!result.valid) return result;
  const errors: Violation[] = [];
  responseEchoFindings(event, response as S3BatchResponse, ({ path, expected, received, rule }) => {
    errors.push({
      path: formatPath(path),
      expected,
      received,
      message: `expected ${expected}, received ${received}`,
      rule,
    });
  });
  return { valid: errors.length === 0, errors };
}

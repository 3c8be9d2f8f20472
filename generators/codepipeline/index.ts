import type { CodePipelineEvent } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { CodePipelineJobEvent } from './types.gen.ts';

export type {
  CodePipelineArtifact,
  CodePipelineArtifactCredentials,
  CodePipelineEncryptionKey,
  CodePipelineJob,
  CodePipelineJobData,
  CodePipelineJobEvent,
} from './types.gen.ts';

/** `job`: a first invocation; `continuation`: a job the function continued, carrying its `continuationToken`. */
export type CodePipelineVariant = 'job' | 'continuation';

export type CodePipelineOverrides = DeepPartial<CodePipelineJobEvent>;

/** The event of one variant, as `@types/aws-lambda` names it. */
export interface CodePipelineEvents {
  job: CodePipelineJobEvent & CodePipelineEvent;
  continuation: CodePipelineJobEvent &
    CodePipelineEvent & { 'CodePipeline.job': { data: { continuationToken: string } } };
}

/**
 * Builds the `CodePipeline.job` event of a Lambda invoke action: the job `id` the function passes to
 * PutJobSuccessResult / PutJobFailureResult, the action's `UserParameters`, input and output artifacts in the
 * pipeline's S3 artifact store, temporary `artifactCredentials` for that bucket and, on the `continuation` variant,
 * the `continuationToken` the function returned.
 * @example
 * const event = codepipelineEvent({ 'CodePipeline.job': { data: { actionConfiguration: { configuration: { UserParameters: '{"env":"prod"}' } } } } });
 * @see https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-invoke-lambda-function.html
 */
export function codepipelineEvent<V extends CodePipelineVariant = 'job'>(
  overrides?: CodePipelineOverrides,
  options?: BuildOptions<V> & { variant?: V },
): CodePipelineEvents[V] {
  return definition.build(overrides, options) as CodePipelineEvents[V];
}

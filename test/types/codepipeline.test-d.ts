import type { CodePipelineEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { codepipelineEvent } from '../../src/index.ts';

expectTypeOf(codepipelineEvent()).toExtend<CodePipelineEvent>();
expectTypeOf(codepipelineEvent()['CodePipeline.job'].id).toBeString();
expectTypeOf(
  codepipelineEvent(undefined, { variant: 'continuation' })['CodePipeline.job'].data.continuationToken,
).toBeString();
// @ts-expect-error an unknown variant is a type error
codepipelineEvent(undefined, { variant: 'retry' });

import { checkArnAccount } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { CodePipelineJobEvent } from './types.gen.ts';

type Event = CodePipelineJobEvent;

/**
 * The job runs in the pipeline's account: the artifact store's KMS key and a function named by ARN belong to it.
 * https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-invoke-lambda-function.html
 */
const accountScope = defineRule<Event>({
  id: 'account-scope',
  description: 'the encryption key ARN and a FunctionName given as an ARN are in accountId',
  check(event, report) {
    const job = event['CodePipeline.job'];
    const base = ['CodePipeline.job', 'data'];
    checkArnAccount(
      report,
      [...base, 'actionConfiguration', 'configuration', 'FunctionName'],
      job.data.actionConfiguration.configuration.FunctionName,
      'CodePipeline.job.accountId',
      job.accountId,
    );
    if (job.data.encryptionKey !== undefined)
      checkArnAccount(
        report,
        [...base, 'encryptionKey', 'id'],
        job.data.encryptionKey.id,
        'CodePipeline.job.accountId',
        job.accountId,
      );
  },
});

/**
 * A pipeline keeps its artifacts in one artifact store (one S3 bucket per region), so the input and output artifacts
 * of one action share a bucket. https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome-introducing-artifacts.html
 */
const oneArtifactStore = defineRule<Event>({
  id: 'one-artifact-store',
  description: 'every input and output artifact is in the same artifact store bucket',
  check(event, report) {
    const { data } = event['CodePipeline.job'];
    let bucket: string | undefined;
    for (const list of ['inputArtifacts', 'outputArtifacts'] as const)
      data[list].forEach((artifact, i) => {
        const name = artifact.location.s3Location.bucketName;
        if (bucket === undefined) bucket = name;
        else if (name !== bucket)
          report({
            path: ['CodePipeline.job', 'data', list, i, 'location', 's3Location', 'bucketName'],
            expected: `the pipeline's artifact store bucket ${show(bucket)}`,
            received: show(name),
          });
      });
  },
});

export const rules = [accountScope, oneArtifactStore];

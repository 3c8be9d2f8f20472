import { createRequire } from 'node:module';
import { arn, awsScope, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { CodePipelineOverrides, CodePipelineVariant } from './index.ts';
import { rules } from './rules.ts';
import type { CodePipelineJobEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const STAGES = ['Source', 'Build', 'Test', 'Deploy', 'Invoke'];

export const definition = defineEvent<CodePipelineJobEvent, CodePipelineOverrides, CodePipelineVariant>({
  id: 'codepipeline',
  title: 'AWS CodePipeline Lambda invoke action',
  invocation: 'async',
  variants: ['job', 'continuation'],
  docs: 'https://docs.aws.amazon.com/codepipeline/latest/userguide/actions-invoke-lambda-function.html',
  referenceVariants: { '-': 'job' },
  schema: () => require('./schema.json'),
  rules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const pipeline = resourceName(random, 'pipeline');
    // The default artifact store bucket CodePipeline creates: codepipeline-<region>-<12 digits>.
    const bucket = `codepipeline-${scope.region}-${random.digits(12)}`;
    const prefix = pipeline.slice(0, 20);
    const artifact = (name: string, revision: string | null) => ({
      name,
      revision,
      location: {
        type: 'S3',
        s3Location: { bucketName: bucket, objectKey: `${prefix}/${name.slice(0, 10)}/${random.alnum(7)}` },
      },
    });
    const data: Record<string, unknown> = {
      actionConfiguration: {
        configuration: {
          FunctionName: `${pipeline.slice(0, 40)}-${random.pick(STAGES).toLowerCase()}`,
          UserParameters: JSON.stringify({ environment: random.pick(['staging', 'production']), stage: pipeline }),
        },
      },
      inputArtifacts: [artifact('SourceArtifact', random.hex(40))],
      outputArtifacts: [artifact('InvokeOutput', null)],
      artifactCredentials: {
        accessKeyId: `ASIA${random.upperAlnum(16)}`,
        secretAccessKey: random.token(40),
        sessionToken: random.token(344),
        expirationTime: ctx.now + 3_600_000,
      },
    };
    if (random.bool(0.5)) data.encryptionKey = { id: arn(scope, 'kms', `key/${random.uuid()}`), type: 'KMS' };
    if (ctx.variant === 'continuation') data.continuationToken = random.token(64);
    return { 'CodePipeline.job': { id: random.uuid(), accountId: scope.accountId, data } };
  },
  finalize(event, ctx) {
    const { data } = event['CodePipeline.job'] as {
      data: Record<string, Array<{ location?: { s3Location?: { bucketName?: string } } }>>;
    };
    // Output artifacts go to the artifact store the given input artifacts name.
    const given = data.inputArtifacts?.[0]?.location?.s3Location?.bucketName;
    if (
      given !== undefined &&
      overridden(ctx.overrides, 'CodePipeline.job', 'data', 'inputArtifacts') &&
      !overridden(ctx.overrides, 'CodePipeline.job', 'data', 'outputArtifacts')
    )
      for (const output of data.outputArtifacts ?? [])
        if (output.location?.s3Location !== undefined) output.location.s3Location.bucketName = given;
    // An overridden account moves the artifact store's key with it, unless the key is given too.
    const job = event['CodePipeline.job'] as { accountId: string; data: { encryptionKey?: { id: string } } };
    const key = job.data.encryptionKey;
    if (
      key !== undefined &&
      overridden(ctx.overrides, 'CodePipeline.job', 'accountId') &&
      !overridden(ctx.overrides, 'CodePipeline.job', 'data', 'encryptionKey', 'id')
    ) {
      const parts = key.id.split(':');
      if (parts.length >= 6) {
        parts[4] = job.accountId;
        key.id = parts.join(':');
      }
    }
  },
});

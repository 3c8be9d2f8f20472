import { createRequire } from 'node:module';
import { awsScope, resourceName } from '../../src/core/aws-values.ts';
import { s3EncodeKey } from '../../src/core/encoders.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { overrideAt, overridden } from '../../src/core/overrides.ts';
import type { S3BatchOverrides, S3BatchVariant } from './index.ts';
import { rules } from './rules.ts';
import type { S3BatchEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** A raw key as users name objects; S3 Batch Operations sends it URL-encoded. */
function rawKey(ctx: GenerateContext): string {
  const { random } = ctx;
  const folder = random.pick(['prefix/dataset', 'exports/2026', 'images', 'logs/app']);
  const name = random.pick(['dataset.', 'report ', 'photo (', 'part-']) + random.alnum(8).toLowerCase();
  return `${folder}/${name}${name.endsWith('(') ? ')' : ''}.${random.pick(['json.gz', 'csv', 'jpg', 'parquet'])}`;
}

/** Opaque ids as S3 Batch Operations writes them: base64 text without padding. */
const opaque = (ctx: GenerateContext, length: number) => ctx.random.base64(length).replace(/=+$/, '');

export const definition = defineEvent<S3BatchEvent, S3BatchOverrides, S3BatchVariant>({
  id: 's3-batch',
  title: 'Amazon S3 Batch Operations',
  invocation: 'sync',
  variants: ['schema-1.0', 'schema-2.0'],
  docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-invoke-lambda.html',
  referenceVariants: { 'schema-1.0': 'schema-1.0', 'schema-2.0': 'schema-2.0' },
  schema: () => require('./schema.json'),
  rules,
  response: { schema: () => require('./response.schema.json') },
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const bucket = `${resourceName(random, 'bucket')}-${random.digits(6)}`;
    const v2 = ctx.variant === 'schema-2.0';
    const task: Record<string, unknown> = {
      taskId: opaque(ctx, 20),
      s3Key: s3EncodeKey(rawKey(ctx)),
      s3VersionId: random.bool(0.5) ? random.base64(32).replace(/[+/=]/g, '_') : null,
    };
    if (v2) task.s3Bucket = bucket;
    else task.s3BucketArn = `arn:${scope.partition}:s3:::${bucket}`;
    const job: Record<string, unknown> = { id: random.uuid() };
    if (v2) job.userArguments = { operation: random.pick(['transcode', 'tag', 'redact']), dryRun: 'false' };
    return {
      invocationSchemaVersion: v2 ? '2.0' : '1.0',
      invocationId: opaque(ctx, 52),
      job,
      tasks: [task],
    };
  },
  finalize(event, ctx) {
    // s3Key is given raw (`my file.txt`) and URL-encoded as S3 Batch Operations sends it.
    const tasks = event.tasks as Record<string, unknown>[];
    tasks.forEach((task, i) => {
      if (overridden(ctx.overrides, 'tasks', i, 's3Key'))
        task.s3Key = s3EncodeKey(String(overrideAt(ctx.overrides, 'tasks', i, 's3Key')));
    });
  },
});

import { createRequire } from 'node:module';
import { arn, awsScope } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import type { SecretsManagerRotationOverrides, SecretsManagerRotationVariant } from './index.ts';
import type { SecretsManagerRotationEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const PATHS = ['prod', 'staging', 'dev'];
const SECRETS = ['db-credentials', 'api-key', 'rds/orders-admin', 'redshift/analytics', 'oauth-client'];

export const definition = defineEvent<
  SecretsManagerRotationEvent,
  SecretsManagerRotationOverrides,
  SecretsManagerRotationVariant
>({
  id: 'secrets-manager-rotation',
  title: 'AWS Secrets Manager rotation',
  invocation: 'sync',
  variants: ['createSecret', 'setSecret', 'testSecret', 'finishSecret'],
  docs: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions-code.html',
  schema: () => require('./schema.json'),
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    // Secrets Manager appends a hyphen and six random characters to the secret's name in its ARN.
    const name = `${random.pick(PATHS)}/${random.pick(SECRETS)}`;
    return {
      Step: ctx.variant,
      SecretId: arn(scope, 'secretsmanager', `secret:${name}-${random.alnum(6)}`),
      ClientRequestToken: random.uuid(),
    };
  },
});

import type { SecretsManagerRotationEvent as AwsSecretsManagerRotationEvent } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { SecretsManagerRotationEvent } from './types.gen.ts';

export type { SecretsManagerRotationEvent } from './types.gen.ts';

export type SecretsManagerRotationVariant = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

export type SecretsManagerRotationOverrides = DeepPartial<SecretsManagerRotationEvent>;

/** The event of one rotation step, as `@types/aws-lambda` names it, with `Step` narrowed to that step. */
export type SecretsManagerRotationEvents = {
  [S in SecretsManagerRotationVariant]: SecretsManagerRotationEvent & AwsSecretsManagerRotationEvent & { Step: S };
};

/**
 * Builds the event Secrets Manager sends to a rotation function for one step: `SecretId` is the secret's ARN (its
 * name, a hyphen and six random characters), `ClientRequestToken` the UUID version id of the new secret version,
 * the same for all four steps of one rotation.
 * @example
 * const event = secretsManagerRotationEvent({ ClientRequestToken: token }, { variant: 'finishSecret' });
 * @see https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions-code.html
 */
export function secretsManagerRotationEvent<V extends SecretsManagerRotationVariant = 'createSecret'>(
  overrides?: SecretsManagerRotationOverrides,
  options?: BuildOptions<V> & { variant?: V },
): SecretsManagerRotationEvents[V] {
  return definition.build(overrides, options) as SecretsManagerRotationEvents[V];
}

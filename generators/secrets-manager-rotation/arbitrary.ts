import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { REGIONS } from '../../src/core/aws-values.ts';
import { definition } from './definition.ts';
import type { SecretsManagerRotationOverrides, SecretsManagerRotationVariant } from './index.ts';
import type { SecretsManagerRotationEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the secret's name (the part of `SecretId` the handler reads). */
export interface SecretsManagerRotationArbitraryOptions
  extends ArbitraryOptions<SecretsManagerRotationVariant, SecretsManagerRotationOverrides> {
  /** The secret's name, without the six-character suffix Secrets Manager adds (letters, digits, `/_+=.@-`). */
  secretName?: fc.Arbitrary<string>;
}

/** Edge mode: names at the limits of the allowed alphabet and length, and a rotation token. */
const edgeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9/_+=.@-]{1,64}$/),
  fc.constant('a'),
  fc.constant(`${'x'.repeat(500)}/secret`),
  fc.constant('prod/db-AbCdEf'),
);

/**
 * fast-check arbitrary of rotation steps; same builder as `secretsManagerRotationEvent`.
 * @example
 * fc.assert(fc.asyncProperty(secretsManagerRotationArbitrary({ variant: 'testSecret' }), async (e) => { await handler(e); }));
 */
export function secretsManagerRotationArbitrary(
  options: SecretsManagerRotationArbitraryOptions = {},
): fc.Arbitrary<SecretsManagerRotationEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const name = options.secretName ?? (ctx.edge ? edgeName : undefined);
    if (name === undefined) return fc.constant(undefined);
    return fc
      .record({
        name,
        suffix: fc.stringMatching(/^[A-Za-z0-9]{6}$/),
        region: fc.constantFrom(...REGIONS),
        account: fc.stringMatching(/^[1-9]\d{11}$/),
        token: ctx.edge ? fc.option(fc.uuid({ version: 4 }), { nil: undefined }) : fc.constant(undefined),
      })
      .map(({ name: n, suffix, region, account, token }) => {
        const overrides: SecretsManagerRotationOverrides = {
          SecretId: `arn:aws:secretsmanager:${region}:${account}:secret:${n}-${suffix}`,
        };
        if (token !== undefined) overrides.RotationToken = token;
        return overrides;
      });
  });
}

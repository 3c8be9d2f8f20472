import type { SecretsManagerRotationEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { secretsManagerRotationEvent } from '../../src/index.ts';

expectTypeOf(secretsManagerRotationEvent()).toExtend<SecretsManagerRotationEvent>();
expectTypeOf(secretsManagerRotationEvent().Step).toEqualTypeOf<'createSecret'>();
expectTypeOf(secretsManagerRotationEvent(undefined, { variant: 'finishSecret' }).Step).toEqualTypeOf<'finishSecret'>();
expectTypeOf(secretsManagerRotationEvent().RotationToken).toEqualTypeOf<string | undefined>();
// @ts-expect-error an unknown step is a type error
secretsManagerRotationEvent(undefined, { variant: 'rotateSecret' });

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secretsManagerRotationArbitrary } from '../../src/arbitraries.ts';
import { type SecretsManagerRotationEvent, secretsManagerRotationEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const ARN = /^arn:aws:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;

function derived(event: SecretsManagerRotationEvent): void {
  expect(event.SecretId).toMatch(ARN);
  expect(event.ClientRequestToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
}

runEventContract<SecretsManagerRotationEvent>({
  id: 'secrets-manager-rotation',
  build: secretsManagerRotationEvent as never,
  arbitrary: secretsManagerRotationArbitrary as never,
  override: {
    value: { ClientRequestToken: '550e8400-e29b-41d4-a716-446655440000' },
    check: (event) => expect(event.ClientRequestToken).toBe('550e8400-e29b-41d4-a716-446655440000'),
  },
  derived,
  requiredPath: ['SecretId'],
  breaks: {},
});

describe('secretsManagerRotationEvent', () => {
  it('builds each of the four steps, with the step as the variant', () => {
    for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const)
      expect(secretsManagerRotationEvent(undefined, { variant: step }).Step).toBe(step);
  });

  it('gives one rotation the same secret and token on every step when built from the same seed', () => {
    const steps = (['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const).map((variant) =>
      secretsManagerRotationEvent(undefined, { variant, seed: 3 }),
    );
    expect(new Set(steps.map((e) => e.ClientRequestToken)).size).toBe(1);
    expect(new Set(steps.map((e) => e.SecretId)).size).toBe(1);
  });

  it('rejects in strict, and accepts in shape, a secret name without the six-character suffix', () => {
    const event = secretsManagerRotationEvent();
    const bare = { ...event, SecretId: event.SecretId.replace(/-[A-Za-z0-9]{6}$/, '') };
    expect(validate('secrets-manager-rotation', bare).valid).toBe(true);
    expect(validate('secrets-manager-rotation', bare, { strict: true }).errors.map((e) => e.path)).toStrictEqual([
      'SecretId',
    ]);
  });

  it('rejects an unknown step in strict and a token that is not a UUID in strict only', () => {
    const event = secretsManagerRotationEvent();
    expect(validate('secrets-manager-rotation', { ...event, Step: 'rotateSecret' }, { strict: true }).valid).toBe(
      false,
    );
    const token = { ...event, ClientRequestToken: 'not-a-uuid' };
    expect(validate('secrets-manager-rotation', token).valid).toBe(true);
    expect(validate('secrets-manager-rotation', token, { strict: true }).valid).toBe(false);
  });

  it('accepts an optional RotationToken and rejects an empty one in strict', () => {
    const event = secretsManagerRotationEvent({ RotationToken: 'b1f0c2c8-7b1e-4f3a-9c2d-3e4f5a6b7c8d' });
    expect(validate('secrets-manager-rotation', event, { strict: true }).errors).toEqual([]);
    expect(secretsManagerRotationEvent()).not.toHaveProperty('RotationToken');
    expect(validate('secrets-manager-rotation', { ...event, RotationToken: '' }, { strict: true }).valid).toBe(false);
  });

  it('puts the arbitrary secret name into SecretId with its suffix', () => {
    fc.assert(
      fc.property(secretsManagerRotationArbitrary({ secretName: fc.constantFrom('prod/db', 'api-key') }), (e) => {
        expect(e.SecretId).toMatch(/:secret:(prod\/db|api-key)-[A-Za-z0-9]{6}$/);
      }),
      { numRuns: 20 },
    );
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codepipelineArbitrary } from '../../src/arbitraries.ts';
import { type CodePipelineJobEvent, codepipelineEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: CodePipelineJobEvent): void {
  const job = event['CodePipeline.job'];
  const buckets = new Set(
    [...job.data.inputArtifacts, ...job.data.outputArtifacts].map((a) => a.location.s3Location.bucketName),
  );
  expect(buckets.size).toBeLessThanOrEqual(1);
  if (job.data.encryptionKey !== undefined) expect(job.data.encryptionKey.id.split(':')[4]).toBe(job.accountId);
  for (const output of job.data.outputArtifacts) expect(output.revision).toBeNull();
}

runEventContract<CodePipelineJobEvent>({
  id: 'codepipeline',
  build: codepipelineEvent as never,
  arbitrary: codepipelineArbitrary as never,
  override: {
    value: { 'CodePipeline.job': { data: { actionConfiguration: { configuration: { UserParameters: 'deploy' } } } } },
    check: (event) =>
      expect(event['CodePipeline.job'].data.actionConfiguration.configuration.UserParameters).toBe('deploy'),
  },
  derived,
  requiredPath: ['CodePipeline.job', 'id'],
  breaks: {
    'account-scope': (event) => {
      event['CodePipeline.job'].data.encryptionKey = {
        id: 'arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        type: 'KMS',
      };
    },
    'one-artifact-store': (event) => {
      const output = event['CodePipeline.job'].data.outputArtifacts[0];
      if (output === undefined) throw new Error('expected an output artifact');
      output.location.s3Location.bucketName = 'another-bucket';
    },
  },
});

describe('codepipelineEvent', () => {
  it('gives a job id, JSON UserParameters and a SHA-1 source revision', () => {
    const job = codepipelineEvent()['CodePipeline.job'];
    expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(JSON.parse(job.data.actionConfiguration.configuration.UserParameters)).toBeTypeOf('object');
    expect(job.data.inputArtifacts[0]?.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(job.data.artifactCredentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
  });

  it('carries a continuation token on the continuation variant only', () => {
    expect(
      codepipelineEvent(undefined, { variant: 'continuation' })['CodePipeline.job'].data.continuationToken,
    ).toMatch(/^.{64}$/);
    expect(codepipelineEvent()['CodePipeline.job'].data.continuationToken).toBeUndefined();
  });

  it('moves the encryption key to an overridden account, unless the key is given', () => {
    const seed = [...Array(20).keys()].find(
      (s) => codepipelineEvent(undefined, { seed: s })['CodePipeline.job'].data.encryptionKey !== undefined,
    );
    const moved = codepipelineEvent({ 'CodePipeline.job': { accountId: '111122223333' } }, { seed });
    expect(moved['CodePipeline.job'].data.encryptionKey?.id).toMatch(/^arn:aws:kms:[a-z0-9-]+:111122223333:key\//);
    const key = 'arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const given = codepipelineEvent(
      { 'CodePipeline.job': { accountId: '111122223333', data: { encryptionKey: { id: key } } } },
      { seed, validate: false },
    );
    expect(given['CodePipeline.job'].data.encryptionKey?.id).toBe(key);
  });

  it('puts output artifacts in the artifact store of overridden input artifacts', () => {
    const input = {
      name: 'Source',
      revision: null,
      location: { type: 'S3' as const, s3Location: { bucketName: 'my-store', objectKey: 'p/Source/abc' } },
    };
    const job = codepipelineEvent({ 'CodePipeline.job': { data: { inputArtifacts: [input] } } })['CodePipeline.job'];
    expect(job.data.outputArtifacts.map((a) => a.location.s3Location.bucketName)).toStrictEqual(['my-store']);
  });

  it('accepts a missing UserParameters (AWS omits it when the action sets none) and rejects a non-string one', () => {
    const event = codepipelineEvent();
    const configuration = event['CodePipeline.job'].data.actionConfiguration.configuration as Record<string, unknown>;
    delete configuration.UserParameters;
    expect(validate('codepipeline', event, { strict: true }).errors).toStrictEqual([]);
    configuration.UserParameters = { env: 'prod' };
    expect(validate('codepipeline', event).valid).toBe(false);
  });

  it('accepts the documentation placeholders in shape and judges them in strict', () => {
    const sample = JSON.parse(
      readFileSync(new URL('../fixtures/aws/codepipeline/encryption-key-powertools.json', import.meta.url), 'utf8'),
    );
    expect(validate('codepipeline', sample).valid).toBe(true);
    const strict = validate('codepipeline', sample, { strict: true }).errors;
    expect(strict.some((e) => e.path.endsWith('bucketName'))).toBe(true);
    const fixed = structuredClone(sample);
    fixed['CodePipeline.job'].data.inputArtifacts[0].location.s3Location.bucketName =
      'codepipeline-us-east-2-1234567890';
    expect(validate('codepipeline', fixed, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'account-scope',
    ]);
  });

  it('reports artifacts in two buckets with the rule that names it', () => {
    const event = codepipelineEvent();
    const output = event['CodePipeline.job'].data.outputArtifacts[0];
    if (output === undefined) throw new Error('expected an output artifact');
    output.location.s3Location.bucketName = 'elsewhere';
    const errors = validate('codepipeline', event, { strict: true }).errors;
    expect(errors.map((e) => [e.rule, e.received])).toStrictEqual([['one-artifact-store', '"elsewhere"']]);
  });

  it('feeds the UserParameters arbitrary into the action configuration', () => {
    const events = fc.sample(codepipelineArbitrary({ userParameters: fc.constantFrom('a', 'b') }), {
      numRuns: 10,
      seed: 3,
    });
    for (const event of events)
      expect(['a', 'b']).toContain(event['CodePipeline.job'].data.actionConfiguration.configuration.UserParameters);
  });
});

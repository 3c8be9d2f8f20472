import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codecommitArbitrary } from '../../src/arbitraries.ts';
import { type CodeCommitEvent, codecommitEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: CodeCommitEvent): void {
  for (const record of event.Records) {
    const [, , , region, account] = record.eventSourceARN.split(':');
    expect(region).toBe(record.awsRegion);
    expect(account).toBe(record.userIdentityARN.split(':')[4]);
    expect(record.eventPartNumber).toBeLessThanOrEqual(record.eventTotalParts);
  }
}

runEventContract<CodeCommitEvent>({
  id: 'codecommit',
  build: codecommitEvent as never,
  arbitrary: codecommitArbitrary as never,
  override: {
    value: { Records: [{ customData: 'deploy' }] },
    check: (event) => expect(event.Records[0]?.customData).toBe('deploy'),
  },
  derived,
  requiredPath: ['Records', 0, 'eventSourceARN'],
  breaks: {
    'repository-scope': (event) => {
      const record = event.Records[0] as CodeCommitEvent['Records'][number];
      record.userIdentityARN = 'arn:aws:iam::999999999999:user/someone';
    },
    'event-parts': (event) => {
      (event.Records[0] as CodeCommitEvent['Records'][number]).eventPartNumber = 2;
    },
    'reference-change': (event) => {
      const reference = event.Records[0]?.codecommit.references[0];
      if (reference === undefined) throw new Error('expected a reference');
      reference.created = true;
      reference.deleted = true;
    },
  },
});

describe('codecommitEvent', () => {
  it('names the variant in eventName and sends a 40-hex commit on a branch ref', () => {
    const record = codecommitEvent(undefined, { variant: 'TriggerEventTest' }).Records[0];
    expect(record?.eventName).toBe('TriggerEventTest');
    expect(record?.codecommit.references[0]?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(record?.codecommit.references[0]?.ref).toMatch(/^refs\/heads\/./);
    expect(record?.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
  });

  it('moves the repository to an overridden region', () => {
    const record = codecommitEvent({ Records: [{ awsRegion: 'eu-west-1' }] }).Records[0];
    expect(record?.eventSourceARN.split(':')[3]).toBe('eu-west-1');
  });

  it('rejects a short commit id in strict and accepts it in shape', () => {
    const event = codecommitEvent();
    const reference = event.Records[0]?.codecommit.references[0];
    if (reference === undefined) throw new Error('expected a reference');
    reference.commit = 'abc123';
    expect(validate('codecommit', event).valid).toBe(true);
    expect(validate('codecommit', event, { strict: true }).errors.map((e) => e.path)).toStrictEqual([
      'Records[0].codecommit.references[0].commit',
    ]);
  });

  it('accepts an eventName AWS may add in shape, not in strict', () => {
    const event = codecommitEvent();
    (event.Records[0] as { eventName: string }).eventName = 'SomethingNew';
    expect(validate('codecommit', event).valid).toBe(true);
    expect(validate('codecommit', event, { strict: true }).valid).toBe(false);
  });

  it('reports a repository of another region with the rule that names it', () => {
    const event = codecommitEvent({ Records: [{ awsRegion: 'us-east-1' }] });
    const record = event.Records[0] as CodeCommitEvent['Records'][number];
    record.eventSourceARN = record.eventSourceARN.replace(':us-east-1:', ':us-west-2:');
    const errors = validate('codecommit', event, { strict: true }).errors;
    expect(errors.map((e) => [e.rule, e.path])).toStrictEqual([['repository-scope', 'Records[0].eventSourceARN']]);
  });

  it('feeds the customData arbitrary into the record', () => {
    for (const event of fc.sample(codecommitArbitrary({ customData: fc.constant('x') }), { numRuns: 5, seed: 4 }))
      expect(event.Records[0]?.customData).toBe('x');
  });
});

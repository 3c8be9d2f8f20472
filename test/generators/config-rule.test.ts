import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configRuleArbitrary } from '../../src/arbitraries.ts';
import { type ConfigRuleEvent, configRuleEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: ConfigRuleEvent): void {
  const invoking = JSON.parse(event.invokingEvent);
  const item = invoking.configurationItem ?? invoking.configurationItemSummary ?? invoking;
  expect(item.awsAccountId).toBe(event.accountId);
  expect(event.configRuleArn.endsWith(`:${event.accountId}:config-rule/${event.configRuleId}`)).toBe(true);
  expect(event.executionRoleArn.split(':')[4]).toBe(event.accountId);
  expect(JSON.parse(event.ruleParameters)).toBeTypeOf('object');
}

runEventContract<ConfigRuleEvent>({
  id: 'config-rule',
  build: configRuleEvent as never,
  arbitrary: configRuleArbitrary as never,
  override: {
    value: { ruleParameters: '{"desiredInstanceType":"t3.micro"}' },
    check: (event) => expect(JSON.parse(event.ruleParameters)).toStrictEqual({ desiredInstanceType: 't3.micro' }),
  },
  derived,
  requiredPath: ['resultToken'],
  breaks: {
    'invoking-event-message': (event) => {
      event.invokingEvent = JSON.stringify({ ...JSON.parse(event.invokingEvent), messageType: 'Periodic' });
    },
    'rule-parameters-json': (event) => {
      event.ruleParameters = 'desiredInstanceType=t3.micro';
    },
    'account-scope': (event) => {
      event.executionRoleArn = 'arn:aws:iam::999999999999:role/config-role';
    },
    'rule-arn-id': (event) => {
      event.configRuleId = 'config-rule-other1';
    },
  },
});

describe('configRuleEvent', () => {
  it('sends the variant as the messageType of the invoking event', () => {
    for (const variant of [
      'ConfigurationItemChangeNotification',
      'OversizedConfigurationItemChangeNotification',
      'ScheduledNotification',
    ] as const)
      expect(JSON.parse(configRuleEvent(undefined, { variant }).invokingEvent).messageType).toBe(variant);
  });

  it('sends the configuration item, only its summary when oversized, and neither when scheduled', () => {
    const changed = JSON.parse(configRuleEvent().invokingEvent);
    expect(changed.configurationItem.resourceType).toBe('AWS::EC2::Instance');
    expect(changed.configurationItem.ARN.split(':')[3]).toBe(changed.configurationItem.awsRegion);
    const oversized = JSON.parse(
      configRuleEvent(undefined, { variant: 'OversizedConfigurationItemChangeNotification' }).invokingEvent,
    );
    expect(oversized.configurationItem).toBeUndefined();
    expect(oversized.configurationItemSummary.changeType).toBe('UPDATE');
    const scheduled = JSON.parse(configRuleEvent(undefined, { variant: 'ScheduledNotification' }).invokingEvent);
    expect(Object.keys(scheduled).sort()).toStrictEqual([
      'awsAccountId',
      'messageType',
      'notificationCreationTime',
      'recordVersion',
    ]);
  });

  it('moves the rule, its role and the item to an overridden account', () => {
    const event = configRuleEvent({ accountId: '111122223333' });
    expect(validate('config-rule', event, { strict: true }).errors).toStrictEqual([]);
    expect(JSON.parse(event.invokingEvent).configurationItem.ARN).toContain(':111122223333:instance/');
  });

  it('follows an overridden rule id with the rule ARN', () => {
    const event = configRuleEvent({ configRuleId: 'config-rule-abc123' });
    expect(event.configRuleArn).toMatch(/:config-rule\/config-rule-abc123$/);
  });

  it('reports an invoking event that is not JSON with the rule that names it', () => {
    const event = { ...configRuleEvent(), invokingEvent: 'not json' };
    const errors = validate('config-rule', event, { strict: true }).errors;
    expect(errors.map((e) => [e.rule, e.path, e.expected])).toStrictEqual([
      ['invoking-event-message', 'invokingEvent', 'a JSON object'],
    ]);
    expect(validate('config-rule', event).valid).toBe(true);
  });

  it('rejects a non-boolean eventLeftScope in shape', () => {
    const event = { ...configRuleEvent(), eventLeftScope: 'false' };
    expect(validate('config-rule', event).errors.map((e) => e.path)).toContain('eventLeftScope');
  });

  it('JSON-encodes the parameters arbitrary into ruleParameters', () => {
    const events = fc.sample(configRuleArbitrary({ ruleParameters: fc.constant({ limit: 3 }) }), {
      numRuns: 5,
      seed: 1,
    });
    for (const event of events) expect(JSON.parse(event.ruleParameters)).toStrictEqual({ limit: 3 });
  });
});

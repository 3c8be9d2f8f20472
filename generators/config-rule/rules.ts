import { checkArnAccount, parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { ConfigRuleEvent } from './types.gen.ts';

type Event = ConfigRuleEvent;

/** The notification types AWS Config sends a rule (the variants of this event). */
export const MESSAGE_TYPES = [
  'ConfigurationItemChangeNotification',
  'OversizedConfigurationItemChangeNotification',
  'ScheduledNotification',
] as const;

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html */
const invokingEventMessage = defineRule<Event>({
  id: 'invoking-event-message',
  description: 'invokingEvent is a JSON object whose messageType is one of the notification types AWS Config sends',
  check(event, report) {
    const parsed = parseObject(event.invokingEvent);
    if (parsed === undefined) {
      report({ path: ['invokingEvent'], expected: 'a JSON object', received: show(event.invokingEvent) });
      return;
    }
    if (!(MESSAGE_TYPES as readonly unknown[]).includes(parsed.messageType))
      report({
        path: ['invokingEvent'],
        expected: `a messageType of ${MESSAGE_TYPES.join(', ')}`,
        received: `messageType ${show(parsed.messageType)}`,
      });
  },
});

const ruleParametersJson = defineRule<Event>({
  id: 'rule-parameters-json',
  description: 'ruleParameters is a JSON object ("{}" when the rule has none)',
  check(event, report) {
    if (parseObject(event.ruleParameters) === undefined)
      report({ path: ['ruleParameters'], expected: 'a JSON object', received: show(event.ruleParameters) });
  },
});

/** The rule, its execution role and the evaluated account are one account. */
const accountScope = defineRule<Event>({
  id: 'account-scope',
  description: 'configRuleArn, executionRoleArn and the awsAccountId inside invokingEvent are in accountId',
  check(event, report) {
    checkArnAccount(report, ['configRuleArn'], event.configRuleArn, 'accountId', event.accountId);
    checkArnAccount(report, ['executionRoleArn'], event.executionRoleArn, 'accountId', event.accountId);
    const parsed = parseObject(event.invokingEvent);
    const item = (parsed?.configurationItem ?? parsed?.configurationItemSummary ?? parsed) as
      | Record<string, unknown>
      | undefined;
    const account = item?.awsAccountId;
    if (account !== undefined && account !== event.accountId)
      report({
        path: ['invokingEvent'],
        expected: `awsAccountId ${show(event.accountId)} (accountId)`,
        received: `awsAccountId ${show(account)}`,
      });
  },
});

const ruleArnId = defineRule<Event>({
  id: 'rule-arn-id',
  description: 'configRuleArn names configRuleId',
  check(event, report) {
    const resource = parseArn(event.configRuleArn)?.resource;
    if (resource !== undefined && resource !== `config-rule/${event.configRuleId}`)
      report({
        path: ['configRuleArn'],
        expected: `an ARN ending in config-rule/${event.configRuleId} (configRuleId)`,
        received: show(event.configRuleArn),
      });
  },
});

export const rules = [invokingEventMessage, ruleParametersJson, accountScope, ruleArnId];

import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { ConfigRuleEvent } from './types.gen.ts';

export type { ConfigRuleEvent } from './types.gen.ts';

/** The notification type of `invokingEvent` (its `messageType`). */
export type ConfigRuleVariant =
  | 'ConfigurationItemChangeNotification'
  | 'OversizedConfigurationItemChangeNotification'
  | 'ScheduledNotification';

export type ConfigRuleOverrides = DeepPartial<ConfigRuleEvent>;

/** The event of one notification type (`@types/aws-lambda` has no AWS Config rule event). */
export interface ConfigRuleEvents {
  ConfigurationItemChangeNotification: ConfigRuleEvent & { evaluationMode: 'DETECTIVE' | 'PROACTIVE' };
  OversizedConfigurationItemChangeNotification: ConfigRuleEvent & { evaluationMode: 'DETECTIVE' | 'PROACTIVE' };
  ScheduledNotification: ConfigRuleEvent;
}

/**
 * Builds the event AWS Config sends a custom Lambda rule: `invokingEvent` is a JSON string whose `messageType` is
 * the variant (a configuration item, the summary of an oversized one, or a scheduled run), `ruleParameters` a JSON
 * string, and `resultToken` the token for PutEvaluations; the rule's ARN, role and the item are in `accountId`.
 * @example
 * const event = configRuleEvent({ ruleParameters: '{"desiredInstanceType":"t3.micro"}' }, { variant: 'ScheduledNotification' });
 * @see https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_example-events.html
 */
export function configRuleEvent<V extends ConfigRuleVariant = 'ConfigurationItemChangeNotification'>(
  overrides?: ConfigRuleOverrides,
  options?: BuildOptions<V> & { variant?: V },
): ConfigRuleEvents[V] {
  return definition.build(overrides, options) as ConfigRuleEvents[V];
}

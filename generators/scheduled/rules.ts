import { checkArnsInScope } from '../../src/contracts/rule-kit.ts';
import { defineRule } from '../../src/contracts/rules.ts';
import type { ScheduledEvent } from './types.gen.ts';

const ruleInScope = defineRule<ScheduledEvent>({
  id: 'rule-in-scope',
  description: "The rule's ARN in resources is in the event's region and account.",
  check(event, report) {
    checkArnsInScope(
      report,
      ['resources'],
      event.resources,
      { path: 'region', value: event.region },
      { path: 'account', value: event.account },
    );
  },
});

/** The cross-field rules of the strict scheduled-event contract. */
export const scheduledRules = [ruleInScope];

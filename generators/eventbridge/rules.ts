import { checkArnsInScope } from '../../src/contracts/rule-kit.ts';
import { defineRule } from '../../src/contracts/rules.ts';
import type { EventbridgeEvent } from './types.gen.ts';

const resourcesInScope = defineRule<EventbridgeEvent>({
  id: 'resources-in-scope',
  description:
    "Resource ARNs are in the event's region and account (global ARNs, such as an S3 bucket's, leave both empty).",
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

/** The cross-field rules of the strict EventBridge contract. */
export const eventbridgeRules = [resourcesInScope];

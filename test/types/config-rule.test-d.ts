import { expectTypeOf } from 'vitest';
import { type ConfigRuleEvent, configRuleEvent } from '../../src/index.ts';

expectTypeOf(configRuleEvent()).toExtend<ConfigRuleEvent>();
expectTypeOf(configRuleEvent().invokingEvent).toBeString();
expectTypeOf(configRuleEvent().eventLeftScope).toBeBoolean();
expectTypeOf(configRuleEvent().evaluationMode).toEqualTypeOf<'DETECTIVE' | 'PROACTIVE'>();
expectTypeOf(configRuleEvent(undefined, { variant: 'ScheduledNotification' }).evaluationMode).toEqualTypeOf<
  'DETECTIVE' | 'PROACTIVE' | undefined
>();
// @ts-expect-error an unknown notification type is a type error
configRuleEvent(undefined, { variant: 'PeriodicNotification' });

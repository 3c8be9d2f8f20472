import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { ScheduledEvent } from './types.gen.ts';

export type { ScheduledEvent } from './types.gen.ts';

export type ScheduledVariant = 'rate' | 'cron';

export type ScheduledOverrides = DeepPartial<ScheduledEvent>;

/**
 * Builds the event a scheduled EventBridge rule sends to Lambda: `aws.events`, `Scheduled Event`, empty detail, the
 * rule's ARN, `time` on the schedule's whole minute.
 * @example
 * const event = scheduledEvent({ time: '2026-01-15T03:00:00Z' }, { variant: 'cron' });
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html
 */
export function scheduledEvent(
  overrides?: ScheduledOverrides,
  options?: BuildOptions<ScheduledVariant>,
): ScheduledEvent {
  return definition.build(overrides, options);
}

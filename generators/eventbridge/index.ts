import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { EventbridgeEvent } from './types.gen.ts';

export type { EventbridgeEvent } from './types.gen.ts';

export type EventbridgeVariant =
  | 'custom'
  | 'aws-service'
  | 's3-object-created'
  | 'api-call-via-cloudtrail'
  | 'step-functions-status-change';

/** Overrides; `detail` replaces the generated payload as a whole (it is not merged key by key). */
export type EventbridgeOverrides = Omit<DeepPartial<EventbridgeEvent>, 'detail'> & { detail?: Record<string, unknown> };

/**
 * Builds an Amazon EventBridge event as a rule delivers it to Lambda: `detail-type`, `time` without milliseconds,
 * resource ARNs in the event's account and region.
 * @example
 * const event = eventbridgeEvent({ source: 'com.example.orders', 'detail-type': 'Order Placed', detail: { id: '42' } });
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
 */
export function eventbridgeEvent(
  overrides?: EventbridgeOverrides,
  options?: BuildOptions<EventbridgeVariant>,
): EventbridgeEvent {
  return definition.build(overrides, options);
}

import type { ScheduledEvent as AwsScheduledEvent, EventBridgeEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type ScheduledEvent, scheduledEvent } from '../../src/index.ts';

expectTypeOf(scheduledEvent()).toEqualTypeOf<ScheduledEvent>();
expectTypeOf(scheduledEvent()).toExtend<AwsScheduledEvent>();
expectTypeOf(scheduledEvent()).toExtend<EventBridgeEvent<'Scheduled Event', Record<string, never>>>();
expectTypeOf(scheduledEvent).toBeCallableWith({ time: '2026-01-15T03:00:00Z' }, { variant: 'cron' });
// @ts-expect-error an unknown variant is a type error
scheduledEvent(undefined, { variant: 'every' });
// @ts-expect-error the detail-type of a scheduled rule is fixed
scheduledEvent({ 'detail-type': 'Order Placed' });

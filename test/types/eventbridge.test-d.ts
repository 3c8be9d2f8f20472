import type { EventBridgeEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type EventbridgeEvent, eventbridgeEvent } from '../../src/index.ts';

expectTypeOf(eventbridgeEvent()).toEqualTypeOf<EventbridgeEvent>();
expectTypeOf(eventbridgeEvent()).toExtend<EventBridgeEvent<string, unknown>>();
expectTypeOf(eventbridgeEvent).toBeCallableWith({ 'detail-type': 'Order Placed', detail: { id: 1 } });
expectTypeOf(eventbridgeEvent).toBeCallableWith({ region: 'eu-west-1' }, { variant: 'aws-service' });
// @ts-expect-error an unknown variant is a type error
eventbridgeEvent(undefined, { variant: 'aws' });
// @ts-expect-error the detail is a JSON object, never a string
eventbridgeEvent({ detail: '{"id":1}' });

import type { EventBridgeEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { s3EventbridgeEvent } from '../../src/index.ts';

expectTypeOf(s3EventbridgeEvent()).toExtend<EventBridgeEvent<'Object Created', unknown>>();
expectTypeOf(s3EventbridgeEvent()['detail-type']).toEqualTypeOf<'Object Created'>();
expectTypeOf(s3EventbridgeEvent().source).toEqualTypeOf<'aws.s3'>();
expectTypeOf(s3EventbridgeEvent(undefined, { variant: 'object-deleted' })).toExtend<
  EventBridgeEvent<'Object Deleted', unknown>
>();
expectTypeOf(
  s3EventbridgeEvent(undefined, { variant: 'object-restore-completed' })['detail-type'],
).toEqualTypeOf<'Object Restore Completed'>();
expectTypeOf(s3EventbridgeEvent().detail.object.key).toBeString();
// @ts-expect-error an unknown variant is a type error
s3EventbridgeEvent(undefined, { variant: 'object-tagged' });

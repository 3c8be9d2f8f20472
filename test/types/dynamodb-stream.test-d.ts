import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import {
  type DynamodbAttributeValue,
  type DynamodbStreamEvent,
  type DynamodbStreamRecord,
  type DynamodbStreamTumblingWindowEvent,
  dynamodbStreamEvent,
} from '../../src/index.ts';

expectTypeOf(dynamodbStreamEvent()).toEqualTypeOf<DynamodbStreamEvent>();
expectTypeOf(dynamodbStreamEvent()).toExtend<DynamoDBStreamEvent>();
expectTypeOf<DynamodbStreamRecord>().toExtend<DynamoDBRecord>();
expectTypeOf<DynamodbAttributeValue>().toExtend<AttributeValue>();
// Images and keys may be plain objects or AttributeValues.
expectTypeOf(dynamodbStreamEvent).toBeCallableWith({ Records: [{ dynamodb: { NewImage: { id: 'a', n: 1 } } }] });
expectTypeOf(dynamodbStreamEvent).toBeCallableWith(
  { Records: [{ eventName: 'REMOVE', dynamodb: { Keys: { id: { S: 'a' } } } }] },
  { variant: 'keys-only' },
);
// @ts-expect-error an unknown variant is a type error
dynamodbStreamEvent(undefined, { variant: 'NEW_IMAGE' });
// @ts-expect-error eventName is INSERT, MODIFY or REMOVE
dynamodbStreamEvent({ Records: [{ eventName: 'UPDATE' }] });
// The tumbling-window variant narrows: its window fields are always there (no @types counterpart exists).
expectTypeOf(
  dynamodbStreamEvent(undefined, { variant: 'tumbling-window' }),
).toEqualTypeOf<DynamodbStreamTumblingWindowEvent>();
expectTypeOf(dynamodbStreamEvent(undefined, { variant: 'tumbling-window' }).window.end).toBeString();
expectTypeOf(dynamodbStreamEvent(undefined, { variant: 'tumbling-window' })).toExtend<DynamoDBStreamEvent>();
expectTypeOf(dynamodbStreamEvent(undefined, { variant: 'insert' })).toEqualTypeOf<DynamodbStreamEvent>();
expectTypeOf(dynamodbStreamEvent(undefined, { variant: 'insert' })).not.toExtend<{ window: unknown }>();
// An AttributeValue has one of the ten types.
expectTypeOf<{ X: string }>().not.toExtend<DynamodbAttributeValue>();
expectTypeOf<{ NULL: true }>().toExtend<DynamodbAttributeValue>();

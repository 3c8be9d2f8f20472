import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import {
  type DynamodbAttributeValue,
  type DynamodbStreamEvent,
  type DynamodbStreamRecord,
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

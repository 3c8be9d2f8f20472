/**
 * The DynamoDB Streams event types with precise AttributeValues. The schema writes an AttributeValue as an if/then
 * chain on its type key (fast to validate, see schema.json), which json-schema-to-typescript cannot type; the
 * union is written here once, and the generated record types are refined with it.
 */
import type * as Gen from './types.gen.ts';

export type { DynamodbStreamArn, DynamodbStreamUserIdentity, DynamodbStreamWindow } from './types.gen.ts';

/**
 * An AttributeValue: exactly one of the ten types, as DynamoDB Streams writes it (binary as base64).
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_AttributeValue.html
 */
export type DynamodbAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: { [name: string]: DynamodbAttributeValue } }
  | { L: DynamodbAttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

/** A key attribute: a table's partition and sort keys are strings, numbers or binary. */
export type DynamodbKeyAttributeValue = { S: string } | { N: string } | { B: string };

/** An item image: attribute name to AttributeValue. */
export interface DynamodbImage {
  [name: string]: DynamodbAttributeValue;
}

export interface DynamodbStreamRecordData extends Omit<Gen.DynamodbStreamRecordData, 'Keys' | 'NewImage' | 'OldImage'> {
  Keys: { [name: string]: DynamodbKeyAttributeValue };
  NewImage?: DynamodbImage;
  OldImage?: DynamodbImage;
}

export interface DynamodbStreamRecord extends Omit<Gen.DynamodbStreamRecord, 'dynamodb'> {
  dynamodb: DynamodbStreamRecordData;
}

export interface DynamodbStreamEvent extends Omit<Gen.DynamodbStreamEvent, 'Records'> {
  Records: DynamodbStreamRecord[];
}

/**
 * An event of the `tumbling-window` variant: the window fields are always there.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
 */
export type DynamodbStreamTumblingWindowEvent = DynamodbStreamEvent &
  Required<
    Pick<
      DynamodbStreamEvent,
      'window' | 'state' | 'shardId' | 'eventSourceARN' | 'isFinalInvokeForWindow' | 'isWindowTerminatedEarly'
    >
  >;

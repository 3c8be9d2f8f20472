import type { ValidationResult } from '../../src/contracts/validate.ts';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { checkStreamResponse } from '../kinesis-stream/response.ts';
import { definition } from './definition.ts';
import type {
  DynamodbAttributeValue,
  DynamodbStreamEvent,
  DynamodbStreamRecord,
  DynamodbStreamRecordData,
  DynamodbStreamTumblingWindowEvent,
} from './types.ts';

export type {
  DynamodbAttributeValue,
  DynamodbImage,
  DynamodbKeyAttributeValue,
  DynamodbStreamEvent,
  DynamodbStreamRecord,
  DynamodbStreamRecordData,
  DynamodbStreamTumblingWindowEvent,
  DynamodbStreamUserIdentity,
  DynamodbStreamWindow,
} from './types.ts';

/**
 * `new-and-old-images` (default: NEW_AND_OLD_IMAGES view, mixed INSERT/MODIFY/REMOVE); `insert`, `modify`,
 * `remove` (that eventName only, NEW_AND_OLD_IMAGES view); `keys-only`, `new-image`, `old-image` (that view, mixed);
 * `tumbling-window` (NEW_AND_OLD_IMAGES, mixed, with the window fields of a tumbling-window invoke).
 */
export type DynamodbStreamVariant =
  | 'new-and-old-images'
  | 'insert'
  | 'modify'
  | 'remove'
  | 'keys-only'
  | 'new-image'
  | 'old-image'
  | 'tumbling-window';

/** An item image: AttributeValues (`{ id: { S: 'x' } }`) or a plain object marshalled with @aws-sdk/util-dynamodb. */
export type DynamodbImageInput = Record<string, DynamodbAttributeValue> | Record<string, unknown>;

/**
 * Per-record overrides. `Keys`, `NewImage` and `OldImage` may be plain objects; a given image is the whole item
 * (not merged with the default one), `Keys` default to its key attributes, and images the record's eventName and
 * view type do not carry are dropped (see docs/decisions/dynamodb-stream-variants.md).
 */
export type DynamodbStreamRecordOverrides = Omit<DeepPartial<DynamodbStreamRecord>, 'dynamodb'> & {
  dynamodb?: Omit<DeepPartial<DynamodbStreamRecordData>, 'Keys' | 'NewImage' | 'OldImage'> & {
    Keys?: DynamodbImageInput;
    NewImage?: DynamodbImageInput;
    OldImage?: DynamodbImageInput;
  };
};

export type DynamodbStreamOverrides = Omit<DeepPartial<DynamodbStreamEvent>, 'Records'> & {
  Records?: DynamodbStreamRecordOverrides[];
};

/**
 * Builds an Amazon DynamoDB Streams event: marshalled images consistent with `Keys`, eventName and view type,
 * `SizeBytes` computed, sequence numbers increasing on one shard of one table stream.
 * @example
 * const event = dynamodbStreamEvent({ Records: [{ dynamodb: { NewImage: { id: 'o-1', total: 42 } } }] }, { variant: 'insert' });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
 */
export function dynamodbStreamEvent(
  overrides: DynamodbStreamOverrides | undefined,
  options: BuildOptions<DynamodbStreamVariant> & { variant: 'tumbling-window' },
): DynamodbStreamTumblingWindowEvent;
export function dynamodbStreamEvent(
  overrides?: DynamodbStreamOverrides,
  options?: BuildOptions<DynamodbStreamVariant>,
): DynamodbStreamEvent;
export function dynamodbStreamEvent(
  overrides?: DynamodbStreamOverrides,
  options?: BuildOptions<DynamodbStreamVariant>,
): DynamodbStreamEvent {
  return definition.build(overrides, options);
}

/**
 * Checks a handler's answer to a DynamoDB Streams batch: the partial batch response contract, every
 * `itemIdentifier` a `SequenceNumber` of the batch, and `state` present when the event is a tumbling-window invoke.
 * @example
 * expect(validateDynamodbStreamResponse(event, await handler(event)).errors).toStrictEqual([]);
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
export function validateDynamodbStreamResponse(event: DynamodbStreamEvent, response: unknown): ValidationResult {
  const contract = definition.contracts.response;
  if (contract === undefined) throw new Error('dynamodb-stream has a response contract');
  return checkStreamResponse(
    contract,
    response,
    event.Records.map((r) => r.dynamodb.SequenceNumber),
    event.window !== undefined,
  );
}

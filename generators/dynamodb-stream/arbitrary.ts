import fc from 'fast-check';
import {
  type ArbitraryOptions,
  eventArbitrary,
  nastyString,
  recordsArbitrary,
} from '../../src/arbitraries/define-arbitrary.ts';
import { carriesImages, definition, variantShape } from './definition.ts';
import type { DynamodbStreamOverrides, DynamodbStreamRecordOverrides, DynamodbStreamVariant } from './index.ts';
import type { DynamodbAttributeValue, DynamodbStreamEvent } from './types.ts';

/** DynamoDB Streams arbitrary options: the builder's, plus arbitraries for the item the handler reads. */
export interface DynamodbStreamArbitraryOptions
  extends ArbitraryOptions<DynamodbStreamVariant, DynamodbStreamOverrides> {
  /** New image of each record, plain (marshalled) or as AttributeValues. Default: a realistic order item (edge: every attribute type). */
  newImage?: fc.Arbitrary<Record<string, unknown>>;
  /** Old image of each record, as `newImage`. */
  oldImage?: fc.Arbitrary<Record<string, unknown>>;
  /** Key attributes of each record (copied into the images). Default: the table's keys (edge: S, N and B keys). */
  keys?: fc.Arbitrary<Record<string, unknown>>;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Numbers within DynamoDB's range (1E-130 to 9.99…E+125, 38 significant digits), as strings. */
const edgeNumber = fc.oneof(
  fc.integer().map(String),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => n === 0 || (Math.abs(n) < 1e125 && Math.abs(n) > 1e-129))
    .map(String),
  fc.constantFrom(
    '12345678901234567890123456789012345678',
    '-0.00000000000000000000000000000000000000000000000000001',
    '9.9999999999999999999999999999999999999E+125',
    '1E-130',
    '-1.5',
    '0',
  ),
);

const attributeName = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/),
  fc.constantFrom('attribute name', 'ключ', 'emoji 😀', '#hash', ':colon', 'a.b'),
);

const { value: edgeValue } = fc.letrec<{ value: DynamodbAttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString().map((S) => ({ S })),
    edgeNumber.map((N) => ({ N })),
    fc.uint8Array({ maxLength: 32 }).map((b) => ({ B: b64(b) })),
    fc.uniqueArray(nastyString({ minLength: 1 }), { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
    fc.uniqueArray(edgeNumber, { minLength: 1, maxLength: 4 }).map((NS) => ({ NS })),
    fc
      .uniqueArray(fc.uint8Array({ minLength: 1, maxLength: 16 }).map(b64), { minLength: 1, maxLength: 4 })
      .map((BS) => ({ BS })),
    fc.constant({ NULL: true as const }),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.dictionary(attributeName, tie('value'), { maxKeys: 4, noNullPrototype: true }).map((M) => ({ M })),
    fc.array(tie('value'), { maxLength: 4 }).map((L) => ({ L })),
  ),
}));

const edgeImage = fc.dictionary(attributeName, edgeValue, { maxKeys: 8, noNullPrototype: true });

const edgeKeyValue = fc.oneof(
  nastyString({ minLength: 1 }).map((S) => ({ S })),
  edgeNumber.map((N) => ({ N })),
  fc.uint8Array({ minLength: 1, maxLength: 32 }).map((b) => ({ B: b64(b) })),
);

const edgeKeys = fc.oneof(
  fc.record({ pk: edgeKeyValue }),
  fc.record({ pk: edgeKeyValue, sk: edgeKeyValue }),
  fc.record({ 'key name': edgeKeyValue }),
);

const EVENT_NAMES = ['INSERT', 'MODIFY', 'REMOVE'] as const;

function without(image: Record<string, unknown> | undefined, keys: Record<string, unknown> | undefined) {
  if (image === undefined || keys === undefined) return image;
  const out = { ...image };
  for (const name of Object.keys(keys)) delete out[name];
  return out;
}

/**
 * fast-check arbitrary of DynamoDB Streams events: records, keys and images shrink; same builder as `dynamodbStreamEvent`.
 * @example
 * fc.assert(fc.property(dynamodbStreamArbitrary({ newImage: fc.record({ id: fc.uuid() }) }), (event) => handlerAccepts(event)));
 */
export function dynamodbStreamArbitrary(
  options: DynamodbStreamArbitraryOptions = {},
): fc.Arbitrary<DynamodbStreamEvent> {
  const variants =
    options.variant === undefined
      ? definition.definition.variants
      : ([] as DynamodbStreamVariant[]).concat(options.variant);
  return fc.constantFrom(...variants).chain((variant) =>
    eventArbitrary(definition, { ...options, variant }, (ctx) => {
      const shape = variantShape(variant);
      const keys = options.keys ?? (ctx.edge ? edgeKeys : undefined);
      const newImage = options.newImage ?? (ctx.edge ? edgeImage : undefined);
      const oldImage = options.oldImage ?? (ctx.edge ? edgeImage : undefined);
      if (!keys && !newImage && !oldImage) return fc.constant(undefined);
      const record = fc
        .record({
          eventName: shape.eventName ? fc.constant(shape.eventName) : fc.constantFrom(...EVENT_NAMES),
          keys: keys ?? fc.constant(undefined),
          newImage: newImage ?? fc.constant(undefined),
          oldImage: oldImage ?? fc.constant(undefined),
        })
        .map((drawn): DynamodbStreamRecordOverrides => {
          const carries = carriesImages(drawn.eventName, shape.view);
          const dynamodb: NonNullable<DynamodbStreamRecordOverrides['dynamodb']> = {};
          if (drawn.keys) dynamodb.Keys = drawn.keys;
          const next = carries.newImage ? without(drawn.newImage, drawn.keys) : undefined;
          const previous = carries.oldImage ? without(drawn.oldImage, drawn.keys) : undefined;
          if (next) dynamodb.NewImage = next;
          if (previous) dynamodb.OldImage = previous;
          return { eventName: drawn.eventName, dynamodb };
        });
      return recordsArbitrary(ctx, record).map((Records) => ({ Records }));
    }),
  );
}

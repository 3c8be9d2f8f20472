import fc from 'fast-check';
import {
  type ArbitraryOptions,
  eventArbitrary,
  nastyString,
  recordsArbitrary,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { SqsOverrides, SqsVariant } from './index.ts';
import type { SqsEvent } from './types.gen.ts';

/** SQS arbitrary options: the builder's, plus an arbitrary for the body the handler parses. */
export interface SqsArbitraryOptions extends ArbitraryOptions<SqsVariant, SqsOverrides> {
  /** Body of each record (JSON-encoded unless a string). Default: realistic JSON (edge: nasty strings and sizes). */
  body?: fc.Arbitrary<unknown>;
}

/**
 * SQS messages may hold 1 MiB, but edge mode stays at 256 KiB of body and attributes per message (the limit most
 * queues and SDKs still enforce), so a batch fits Lambda's 6 MB synchronous payload.
 */
const MAX_BODY = 256 * 1024 - 2048;

const edgeBody = fc.oneof(
  nastyString(),
  fc.jsonValue({ maxDepth: 4 }),
  fc.constant(''),
  fc.constant('x'.repeat(MAX_BODY)),
  fc.constant(JSON.stringify({ padding: 'é'.repeat(MAX_BODY / 2 - 20) })),
);

// Names start with `x` so they never merge into a generated attribute of another data type.
const edgeAttributes = fc.dictionary(
  fc.stringMatching(/^x[A-Za-z0-9_-]{0,19}$/),
  fc.oneof(
    nastyString({ minLength: 1 }).map((stringValue) => ({ dataType: 'String', stringValue })),
    fc.integer().map((n) => ({ dataType: 'Number', stringValue: String(n) })),
    fc
      .uint8Array({ minLength: 1, maxLength: 32 })
      .map((b) => ({ dataType: 'Binary', binaryValue: Buffer.from(b).toString('base64') })),
  ),
  // At most 5: the with-attributes variants already send up to 5 and SQS allows 10.
  { maxKeys: 5 },
);

/**
 * fast-check arbitrary of SQS events: records, bodies and attributes shrink; same builder as `sqsEvent`.
 * @example
 * fc.assert(fc.property(sqsArbitrary({ body: fc.record({ id: fc.uuid() }) }), (event) => handlerAccepts(event)));
 */
export function sqsArbitrary(options: SqsArbitraryOptions = {}): fc.Arbitrary<SqsEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const body = options.body ?? (ctx.edge ? edgeBody : undefined);
    const record = fc.record(
      {
        ...(body ? { body } : {}),
        ...(ctx.edge ? { messageAttributes: edgeAttributes } : {}),
      },
      // A body arbitrary of the caller's is every record's body; edge bodies and attributes come and go.
      { requiredKeys: options.body ? ['body'] : [] },
    );
    return recordsArbitrary(ctx, record).map((Records) => ({ Records }) as SqsOverrides);
  });
}

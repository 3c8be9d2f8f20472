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

/** SQS message bodies are limited to 1 MiB (SEMANTICS §6); edge mode tries the boundary. */
const MAX_BODY = 1024 * 1024;

const edgeBody = fc.oneof(
  nastyString(),
  fc.jsonValue({ maxDepth: 4 }),
  fc.constant(''),
  fc.constant('x'.repeat(MAX_BODY)),
  fc.constant(JSON.stringify({ padding: 'é'.repeat(MAX_BODY / 2 - 20) })),
);

const edgeAttributes = fc.dictionary(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
  fc.oneof(
    nastyString({ minLength: 1 }).map((stringValue) => ({ dataType: 'String', stringValue })),
    fc.integer().map((n) => ({ dataType: 'Number', stringValue: String(n) })),
    fc
      .uint8Array({ minLength: 1, maxLength: 32 })
      .map((b) => ({ dataType: 'Binary', binaryValue: Buffer.from(b).toString('base64') })),
  ),
  { maxKeys: 10 },
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
      { requiredKeys: [] },
    );
    return recordsArbitrary(ctx, record).map((Records) => ({ Records }) as SqsOverrides);
  });
}

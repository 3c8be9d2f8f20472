import fc from 'fast-check';
import {
  type ArbitraryOptions,
  eventArbitrary,
  nastyString,
  recordsArbitrary,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { SnsEvent, SnsOverrides, SnsVariant } from './index.ts';

/** SNS arbitrary options: the builder's, plus an arbitrary for the message the handler parses. */
export interface SnsArbitraryOptions extends ArbitraryOptions<SnsVariant, SnsOverrides> {
  /** `Sns.Message` (JSON-encoded unless a string). Default: realistic JSON (edge: nasty strings and sizes). */
  message?: fc.Arbitrary<unknown>;
}

/** SNS messages are limited to 256 KiB with their attributes; edge mode comes close, leaving room for attributes. */
const MAX_MESSAGE = 256 * 1024 - 4096;

const edgeMessage = fc.oneof(
  nastyString(),
  fc.jsonValue({ maxDepth: 4 }),
  fc.constant(''),
  fc.constant('x'.repeat(MAX_MESSAGE)),
);

const edgeSubject = fc.oneof(
  fc.constant(null),
  nastyString({ minLength: 1, maxLength: 100 }).filter((s) => [...s].length <= 100),
  fc.constant('s'.repeat(100)),
);

/** At most 6: the with-attributes variant already has 4 and SNS allows 10. */
const edgeAttributes = fc.dictionary(
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/),
  fc.oneof(
    nastyString().map((Value) => ({ Type: 'String', Value })),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ Type: 'Number', Value: String(n) })),
    fc.array(nastyString(), { maxLength: 3 }).map((a) => ({ Type: 'String.Array', Value: JSON.stringify(a) })),
    fc.uint8Array({ maxLength: 32 }).map((b) => ({ Type: 'Binary', Value: Buffer.from(b).toString('base64') })),
  ),
  { maxKeys: 6 },
);

/**
 * fast-check arbitrary of SNS events: message, subject and attributes shrink; same builder as `snsEvent`.
 * @example
 * fc.assert(fc.property(snsArbitrary({ message: fc.record({ id: fc.uuid() }) }), (event) => handlerAccepts(event)));
 */
export function snsArbitrary(options: SnsArbitraryOptions = {}): fc.Arbitrary<SnsEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const message = options.message ?? (ctx.edge ? edgeMessage : undefined);
    const sns = fc.record(
      {
        ...(message ? { Message: message } : {}),
        ...(ctx.edge ? { Subject: edgeSubject, MessageAttributes: edgeAttributes } : {}),
      },
      { requiredKeys: [] },
    );
    return recordsArbitrary(ctx, fc.record({ Sns: sns })).map((Records) => ({ Records }) as SnsOverrides);
  });
}

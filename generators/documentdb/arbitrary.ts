import fc from 'fast-check';
import {
  type ArbitraryOptions,
  eventArbitrary,
  nastyString,
  recordsArbitrary,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { DocumentdbOverrides, DocumentdbVariant } from './index.ts';
import type { DocumentdbEvent } from './types.gen.ts';

/** DocumentDB arbitrary options: the builder's, plus an arbitrary for the changed document (insert/replace). */
export interface DocumentdbArbitraryOptions extends ArbitraryOptions<DocumentdbVariant, DocumentdbOverrides> {
  /** `fullDocument` of each event (its `_id` is added). Default: a realistic order document (edge: nasty keys and values). */
  fullDocument?: fc.Arbitrary<Record<string, unknown>>;
}

const edgeDocument = fc.dictionary(
  nastyString({ minLength: 1, maxLength: 20 }).filter((k) => k !== '_id' && !k.startsWith('$')),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 6 },
);

/**
 * fast-check arbitrary of Amazon DocumentDB change-stream events; same builder as `documentdbEvent`.
 * @example
 * fc.assert(fc.property(documentdbArbitrary({ variant: 'insert' }), (event) => handlerAccepts(event)));
 */
export function documentdbArbitrary(options: DocumentdbArbitraryOptions = {}): fc.Arbitrary<DocumentdbEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const fullDocument = options.fullDocument ?? (ctx.edge ? edgeDocument : undefined);
    const change = fc.record<{ fullDocument?: Record<string, unknown> }>(fullDocument ? { fullDocument } : {}, {
      requiredKeys: [],
    });
    return recordsArbitrary(ctx, fc.record({ event: change })).map((events) => ({ events }) as DocumentdbOverrides);
  });
}

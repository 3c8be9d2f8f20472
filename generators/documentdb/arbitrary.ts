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
  /** `fullDocument` of each insert, replace and update-lookup event (its `_id` is added). Default: a realistic order document (edge: nasty keys and values). */
  fullDocument?: fc.Arbitrary<Record<string, unknown>>;
}

const edgeDocument = fc.dictionary(
  nastyString({ minLength: 1, maxLength: 20 }).filter((k) => k !== '_id' && !k.startsWith('$')),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 6 },
);

const WITH_DOCUMENT: ReadonlySet<DocumentdbVariant> = new Set(['insert', 'replace', 'update-lookup']);

/**
 * fast-check arbitrary of Amazon DocumentDB change-stream events; same builder as `documentdbEvent`.
 * @example
 * fc.assert(fc.property(documentdbArbitrary({ variant: 'insert' }), (event) => handlerAccepts(event)));
 */
export function documentdbArbitrary(options: DocumentdbArbitraryOptions = {}): fc.Arbitrary<DocumentdbEvent> {
  const variants: readonly DocumentdbVariant[] =
    options.variant === undefined
      ? definition.definition.variants
      : ([] as DocumentdbVariant[]).concat(options.variant);
  // Only the operations that carry a document get one: a delete never has fullDocument.
  return fc.constantFrom(...variants).chain((variant) =>
    eventArbitrary(definition, { ...options, variant }, (ctx) => {
      const fullDocument = WITH_DOCUMENT.has(variant)
        ? (options.fullDocument ?? (ctx.edge ? edgeDocument : undefined))
        : undefined;
      const change = fc.record<{ fullDocument?: Record<string, unknown> }>(fullDocument ? { fullDocument } : {}, {
        requiredKeys: [],
      });
      return recordsArbitrary(ctx, fc.record({ event: change })).map((events) => ({ events }) as DocumentdbOverrides);
    }),
  );
}

import { isDeepStrictEqual } from 'node:util';
import { defineRule, show } from '../../src/contracts/rules.ts';

interface Change {
  readonly operationType: string;
  readonly clusterTime: { readonly $timestamp: { readonly t: number; readonly i: number } };
  readonly ns?: { readonly db: string; readonly coll?: string };
  readonly documentKey?: { readonly _id: unknown };
  readonly fullDocument?: Record<string, unknown> | null;
  readonly updateDescription?: unknown;
  readonly to?: unknown;
}
interface DocumentdbBatch {
  readonly events: readonly { readonly event: Change }[];
}

/** Operations on one document: they carry its `documentKey`. */
const DOCUMENT_OPERATIONS = new Set(['insert', 'update', 'replace', 'delete']);
const at = (i: number, field: string) => ['events', i, 'event', field];

/** insert and replace carry the document; update only with UpdateLookup; the others never. */
export const fullDocumentRule = defineRule<DocumentdbBatch>({
  id: 'full-document-per-operation',
  description:
    'fullDocument is on every insert and replace, on update only with FullDocument UpdateLookup, never on other operations.',
  check(event, report) {
    event.events.forEach(({ event: change }, i) => {
      const op = change.operationType;
      const has = change.fullDocument !== undefined;
      if ((op === 'insert' || op === 'replace') && (change.fullDocument === null || !has))
        report({
          path: at(i, 'fullDocument'),
          expected: `the ${op}ed document (operationType ${show(op)})`,
          received: show(change.fullDocument),
        });
      else if (has && op !== 'insert' && op !== 'replace' && op !== 'update')
        report({
          path: at(i, 'fullDocument'),
          expected: `nothing: a ${show(op)} event has no fullDocument`,
          received: 'a fullDocument',
        });
    });
  },
});

/** updateDescription belongs to update events, and every update has one. */
export const updateDescriptionRule = defineRule<DocumentdbBatch>({
  id: 'update-description-per-operation',
  description: 'Every update event carries updateDescription, and only update events do.',
  check(event, report) {
    event.events.forEach(({ event: change }, i) => {
      const update = change.operationType === 'update';
      if (update !== (change.updateDescription !== undefined))
        report({
          path: at(i, 'updateDescription'),
          expected: update
            ? 'the updated and removed fields (operationType "update")'
            : `nothing (operationType ${show(change.operationType)})`,
          received: update ? 'nothing' : 'an updateDescription',
        });
    });
  },
});

/** Document operations name the document; collection and database operations do not. */
export const documentKeyRule = defineRule<DocumentdbBatch>({
  id: 'document-key-per-operation',
  description:
    'insert, update, replace and delete events carry documentKey; drop, rename, dropDatabase and invalidate do not.',
  check(event, report) {
    event.events.forEach(({ event: change }, i) => {
      const document = DOCUMENT_OPERATIONS.has(change.operationType);
      if (document !== (change.documentKey !== undefined))
        report({
          path: at(i, 'documentKey'),
          expected: document
            ? `the changed document's _id (operationType ${show(change.operationType)})`
            : `nothing (operationType ${show(change.operationType)})`,
          received: document ? 'nothing' : show(change.documentKey),
        });
    });
  },
});

/** The document's `_id` is its key. */
export const documentKeyMatchesRule = defineRule<DocumentdbBatch>({
  id: 'document-key-matches-full-document',
  description: 'documentKey._id is the _id of fullDocument.',
  check(event, report) {
    event.events.forEach(({ event: change }, i) => {
      const full = change.fullDocument;
      if (full === null || full === undefined || change.documentKey === undefined) return;
      if (!isDeepStrictEqual(full._id, change.documentKey._id))
        report({
          path: [...at(i, 'fullDocument'), '_id'],
          expected: `${show(change.documentKey._id)} (events[${i}].event.documentKey._id)`,
          received: show(full._id),
        });
    });
  },
});

/** A mapping watches one database; its stream is read in cluster-time order. */
export const streamRule = defineRule<DocumentdbBatch>({
  id: 'one-database-in-order',
  description: "A mapping reads one database's change stream in order: one ns.db, cluster times never decrease.",
  check(event, report) {
    let db: string | undefined;
    let previous: { t: number; i: number } | undefined;
    event.events.forEach(({ event: change }, i) => {
      if (change.ns !== undefined) {
        db ??= change.ns.db;
        if (change.ns.db !== db)
          report({
            path: [...at(i, 'ns'), 'db'],
            expected: `${show(db)}, the database of the batch's first event`,
            received: show(change.ns.db),
          });
      }
      const time = change.clusterTime.$timestamp;
      if (previous !== undefined && (time.t < previous.t || (time.t === previous.t && time.i < previous.i)))
        report({
          path: [...at(i, 'clusterTime'), '$timestamp'],
          expected: `a cluster time at or after {t: ${previous.t}, i: ${previous.i}} (events[${i - 1}].event.clusterTime)`,
          received: show(time),
        });
      previous = time;
    });
  },
});

export const documentdbRules = [
  fullDocumentRule,
  updateDescriptionRule,
  documentKeyRule,
  documentKeyMatchesRule,
  streamRule,
];

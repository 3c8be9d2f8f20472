/**
 * The Amazon DocumentDB change-stream poller of an event source mapping (aws-behaviour §4.5): change events in order,
 * batches by batchSize / window / 6 MB, errors retried until success (no retry limits, no filtering); when
 * events expire from the change stream Lambda disables the mapping. See docs/decisions/streams-poller.md.
 */
import type { DocumentdbEvent, DocumentdbEventRecord } from '../../../../generators/documentdb/index.ts';
import { documentdbEvent } from '../../../../generators/documentdb/index.ts';
import { checkInteger, describeValue, ScenarioError } from '../../errors.ts';
import type { Handler } from '../../invoke.ts';
import {
  type MappingConfig,
  type MappingLedger,
  MappingRun,
  type MappingRunOptions,
  type PreparedMapping,
  type SourceRunner,
} from '../core.ts';
import { EPOCH, type LogRecord, runLogPoller } from '../streams/log-poller.ts';
import {
  arrivalOf,
  entryInputs,
  logRecord,
  nameAt,
  objectAt,
  optionsAt,
  type ParsedPollerInvocation,
  pollerRunner,
  type PollerSource,
  RECORDS_PER_BUILD,
  simulatePoller,
} from '../streams/shared.ts';

/** One change: the change event's fields (operationType, fullDocument, documentKey, updateDescription, ns). */
export interface DocumentdbChangeInput {
  /** Default `insert`. */
  operationType?: 'insert' | 'update' | 'replace' | 'delete';
  fullDocument?: Record<string, unknown> | null;
  documentKey?: Record<string, unknown>;
  updateDescription?: { updatedFields: Record<string, unknown>; removedFields: string[] };
  /** Virtual ms at which the change is written. Default 0. */
  at?: number;
}

/** The cluster and its change stream. */
export interface DocumentdbClusterOptions {
  /** Cluster name. Default `my-docdb-cluster`. */
  name?: string;
  /** Default `my_database`. */
  database?: string;
  /** Default `my_collection`. */
  collection?: string;
  /** `change_stream_log_retention_duration` in hours, 1–168. Default 3 (DocumentDB's 10 800 s). */
  changeStreamRetentionHours?: number;
}

/** Options of `simulateDocumentdb`. */
export interface DocumentdbSimulationOptions extends MappingConfig, MappingRunOptions {
  cluster?: DocumentdbClusterOptions;
}

interface PreparedCluster {
  readonly name: string;
  readonly database: string;
  readonly collection: string;
  readonly retentionMs: number;
}

function prepareCluster(value: unknown, field: string): PreparedCluster {
  const c = optionsAt(`${field}.cluster`, value, ['name', 'database', 'collection', 'changeStreamRetentionHours']);
  const text = (key: string, fallback: string, pattern: RegExp) =>
    nameAt(`${field}.cluster`, c, key, fallback, pattern);
  return {
    name: text('name', 'my-docdb-cluster', /^[a-z][a-z0-9-]{0,62}$/),
    database: text('database', 'my_database', /^[^\s./"$]{1,63}$/),
    collection: text('collection', 'my_collection', /^[^\s$]{1,255}$/),
    retentionMs:
      (checkInteger(`${field}.cluster.changeStreamRetentionHours`, c.changeStreamRetentionHours, 1, 168) ?? 3) *
      3_600_000,
  };
}

const CHANGE_KEYS = ['operationType', 'fullDocument', 'documentKey', 'updateDescription', 'at'];
const OPERATIONS = ['insert', 'update', 'replace', 'delete'];

/** Checks scenario entries / API inputs and expands `{"generate": "documentdb"}` into changes. */
export function documentdbInputs(entries: readonly unknown[], field = 'events'): DocumentdbChangeInput[] {
  return entryInputs<DocumentdbChangeInput>(entries, field, {
    what: '{"operationType"?, "fullDocument"?, …} or {"generate": "documentdb", …}',
    generate: ['documentdb'],
    fromEvent: (event, at) =>
      (event as DocumentdbEvent).events.map(({ event: change }) => {
        const input: DocumentdbChangeInput = {
          operationType: change.operationType as DocumentdbChangeInput['operationType'],
          at,
        };
        if (change.fullDocument !== undefined) input.fullDocument = change.fullDocument;
        if (change.documentKey !== undefined) input.documentKey = change.documentKey;
        if (change.updateDescription !== undefined) input.updateDescription = change.updateDescription;
        return input;
      }),
    keys: CHANGE_KEYS,
    fromEntry(entry, at) {
      const op = entry.operationType ?? 'insert';
      if (!OPERATIONS.includes(op as string)) {
        throw new ScenarioError(
          `${at}.operationType`,
          `expected insert, update, replace or delete, received ${describeValue(op)}`,
        );
      }
      const input: DocumentdbChangeInput = {
        operationType: op as DocumentdbChangeInput['operationType'],
        at: arrivalOf(at, entry.at),
      };
      if (entry.fullDocument !== undefined) {
        input.fullDocument =
          entry.fullDocument === null ? null : objectAt(`${at}.fullDocument`, entry.fullDocument, 'a document');
      }
      if (entry.documentKey !== undefined)
        input.documentKey = objectAt(`${at}.documentKey`, entry.documentKey, 'an object');
      if (entry.updateDescription !== undefined) {
        input.updateDescription = objectAt(`${at}.updateDescription`, entry.updateDescription, 'an object') as never;
      }
      return input;
    },
  });
}

/** Runs change events through a prepared DocumentDB mapping (used by `simulateDocumentdb` and scenarios). */
export function pollDocumentdb(
  cluster: PreparedCluster,
  mapping: PreparedMapping,
  handler: Handler,
  inputs: readonly DocumentdbChangeInput[],
  options: MappingRunOptions,
): Promise<MappingLedger> {
  const run = new MappingRun(handler, options, inputs.length);
  const fn = run.fn;
  const arn = `arn:aws:rds:${fn.region}:${fn.accountId}:cluster:${cluster.name}`;
  const order = inputs.map((input, index) => ({ input, index })).sort((a, b) => (a.input.at ?? 0) - (b.input.at ?? 0));
  const records: LogRecord[] = [];
  let second = -1;
  let increment = 0;
  for (let start = 0; start < order.length; start += RECORDS_PER_BUILD) {
    const chunk = order.slice(start, start + RECORDS_PER_BUILD);
    const overrides = chunk.map(({ input }) => {
      const t = Math.floor((EPOCH + (input.at ?? 0)) / 1000);
      increment = t === second ? increment + 1 : 1;
      second = t;
      const change: Record<string, unknown> = {
        operationType: input.operationType ?? 'insert',
        clusterTime: { $timestamp: { t, i: increment } },
        ns: { db: cluster.database, coll: cluster.collection },
      };
      for (const key of ['fullDocument', 'documentKey', 'updateDescription'] as const) {
        if (input[key] !== undefined) change[key] = input[key];
      }
      return { event: change };
    });
    const event = documentdbEvent(
      { eventSourceArn: arn, events: overrides as never },
      { seed: (run.seed + start) >>> 0, now: EPOCH, validate: false, variant: 'insert' },
    );
    event.events.forEach((record: DocumentdbEventRecord, i) => {
      const { input, index } = chunk[i] as (typeof chunk)[number];
      records.push(logRecord(index, input.at ?? 0, { record, id: record.event._id._data, filterView: record }));
    });
  }
  return runLogPoller(
    run,
    {
      mapping,
      retentionMs: cluster.retentionMs,
      retentionText: `change-stream retention (${cluster.retentionMs / 3_600_000} h)`,
      overheadBytes: 100 + arn.length,
      filteredReason: 'filtered',
      section: '§4.5',
      onExpiry: 'disable',
      retryOptions: false,
      buildEvent: (_lane, batch) => ({
        eventSourceArn: arn,
        events: batch.map((r) => r.record as DocumentdbEventRecord),
        eventSource: 'aws:docdb',
      }),
    },
    records.length === 0 ? [] : [{ name: `${cluster.database}.${cluster.collection}`, records }],
  );
}

/** The DocumentDB source: a cluster's change stream. */
const DOCUMENTDB: PollerSource<PreparedCluster, DocumentdbChangeInput> = {
  ownKeys: ['cluster'],
  prepare: (own, field) => prepareCluster(own.cluster, field),
  inputs: (entries, _cluster, field) => documentdbInputs(entries, field),
  poll: pollDocumentdb,
};

/**
 * Writes `changes` to a DocumentDB collection and runs its change stream through an event source mapping invoking
 * `handler` (aws-behaviour §4.5); returns the ledger, one event per change in input order.
 * @example
 * const ledger = await simulateDocumentdb(handler, [{ fullDocument: { name: 'Ada' } }], { batchSize: 10 });
 */
export async function simulateDocumentdb(
  handler: Handler,
  changes: readonly DocumentdbChangeInput[],
  options: DocumentdbSimulationOptions = {},
): Promise<MappingLedger> {
  return simulatePoller(DOCUMENTDB, 'documentdb', handler, changes, 'changes', options);
}

/** A validated `invocation` of source `documentdb`. */
export interface ParsedDocumentdbInvocation extends ParsedPollerInvocation<'documentdb'> {
  readonly cluster: PreparedCluster;
}

/** The scenario runner of source `documentdb`: entries are change events' fields, or `{"generate": "documentdb"}`. */
export const documentdbSource: SourceRunner<ParsedDocumentdbInvocation> = pollerRunner(
  DOCUMENTDB,
  'documentdb',
  'cluster',
);

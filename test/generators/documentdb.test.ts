import { describe, expect, it } from 'vitest';
import { documentdbArbitrary } from '../../src/arbitraries.ts';
import { type DocumentdbEvent, documentdbEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const firstChange = (event: DocumentdbEvent) =>
  (event.events[0] as DocumentdbEvent['events'][number]).event as unknown as Record<string, unknown>;

function derived(event: DocumentdbEvent): void {
  expect(event.eventSourceArn).toMatch(/^arn:aws:rds:[a-z0-9-]+:\d{12}:cluster:/);
  let previous = [0, 0];
  for (const { event: change } of event.events) {
    const { t, i } = change.clusterTime.$timestamp;
    expect(change._id._data.slice(0, 18)).toBe(`01${hex8(t)}${hex8(i)}`);
    expect(t > (previous[0] ?? 0) || (t === previous[0] && i > (previous[1] ?? 0))).toBe(true);
    previous = [t, i];
    const full = change.fullDocument as { _id?: unknown } | null | undefined;
    if (full?._id !== undefined) expect(change.documentKey?._id).toStrictEqual(full._id);
  }
}

runEventContract<DocumentdbEvent>({
  id: 'documentdb',
  build: documentdbEvent as never,
  arbitrary: documentdbArbitrary as never,
  override: {
    value: { events: [{ event: { fullDocument: { name: 'Ada' } } }] },
    check: (event) => {
      const change = event.events[0]?.event;
      expect(change?.fullDocument).toMatchObject({ name: 'Ada' });
      expect((change?.fullDocument as { _id?: unknown } | undefined)?._id).toStrictEqual(change?.documentKey?._id);
    },
  },
  derived,
  requiredPath: ['events', 0, 'event', 'operationType'],
  breaks: {
    'full-document-per-operation': (event) => {
      delete firstChange(event).fullDocument;
    },
    'update-description-per-operation': (event) => {
      firstChange(event).updateDescription = {
        updatedFields: {},
        removedFields: [],
      };
    },
    'document-key-per-operation': (event) => {
      delete firstChange(event).documentKey;
    },
    'document-key-matches-full-document': (event) => {
      (event.events[0]?.event.fullDocument as { _id: unknown })._id = { $oid: '0'.repeat(24) };
    },
    'one-database-in-order': (event) => {
      const copy = structuredClone(event.events[0]) as { event: { ns: { db: string } } };
      copy.event.ns.db = `${copy.event.ns.db}_other`;
      event.events.push(copy as never);
    },
  },
});

describe('documentdb strict profile', () => {
  const change = (fields: Record<string, unknown>) => ({
    _id: { _data: '0163eeb6e7000000090100000009000041e1' },
    clusterTime: { $timestamp: { t: 1676588775, i: 9 } },
    ...fields,
  });
  const batch = (...events: Record<string, unknown>[]) => ({
    eventSourceArn: 'arn:aws:rds:us-east-1:123456789012:cluster:orders-cluster',
    events: events.map((event) => ({ event })),
    eventSource: 'aws:docdb',
  });
  const ns = { db: 'shop', coll: 'orders' };

  it('accepts collection and database operations without a document, and invalidate without ns', () => {
    const event = batch(
      change({
        operationType: 'update',
        ns,
        documentKey: { _id: 1 },
        fullDocument: null,
        updateDescription: { updatedFields: { a: 1 }, removedFields: [] },
      }),
      change({ operationType: 'rename', ns, to: { db: 'shop', coll: 'orders_old' } }),
      change({ operationType: 'drop', ns }),
      change({ operationType: 'dropDatabase', ns: { db: 'shop' } }),
      change({ operationType: 'invalidate' }),
    );
    expect(validate('documentdb', event, { strict: true }).errors).toStrictEqual([]);
  });

  it('rejects a document on a drop, a delete with fullDocument, and a missing ns on an insert', () => {
    const drop = batch(change({ operationType: 'drop', ns, documentKey: { _id: 1 } }));
    expect(validate('documentdb', drop, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'document-key-per-operation',
    ]);
    const del = batch(change({ operationType: 'delete', ns, documentKey: { _id: 1 }, fullDocument: { _id: 1 } }));
    expect(validate('documentdb', del, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'full-document-per-operation',
    ]);
    const insert = batch(change({ operationType: 'insert', documentKey: { _id: 1 }, fullDocument: { _id: 1 } }));
    expect(validate('documentdb', insert).errors.map((e) => e.path)).toContain('events[0].event.ns');
  });

  it('rejects a batch whose cluster time goes back', () => {
    const later = change({ operationType: 'delete', ns, documentKey: { _id: 1 } });
    const earlier = { ...later, clusterTime: { $timestamp: { t: 1676588775, i: 8 } } };
    expect(validate('documentdb', batch(later, earlier), { strict: true }).errors).toStrictEqual([
      expect.objectContaining({ path: 'events[1].event.clusterTime.$timestamp', rule: 'one-database-in-order' }),
    ]);
    expect(validate('documentdb', batch(earlier, later), { strict: true }).errors).toStrictEqual([]);
  });

  it('builds update-lookup events: an update carrying the current document', () => {
    const update = documentdbEvent(undefined, { variant: 'update-lookup' }).events[0]?.event;
    expect(update?.operationType).toBe('update');
    expect(update?.updateDescription).toBeDefined();
    expect((update?.fullDocument as { _id?: unknown } | undefined)?._id).toStrictEqual(update?.documentKey?._id);
    expect(update?.documentKey?._id).toBeDefined();
  });
});

describe('documentdbEvent', () => {
  it('carries fullDocument on insert and replace, updateDescription on update, neither on delete', () => {
    const [insert, update, replace, remove] = (['insert', 'update', 'replace', 'delete'] as const).map(
      (variant) => documentdbEvent(undefined, { variant }).events[0]?.event,
    );
    expect(insert?.fullDocument).toBeDefined();
    expect(replace?.fullDocument).toBeDefined();
    expect(update?.fullDocument).toBeUndefined();
    expect(update?.updateDescription?.updatedFields).toBeDefined();
    expect(remove?.fullDocument).toBeUndefined();
    expect(remove?.updateDescription).toBeUndefined();
  });

  it('starts an inserted ObjectId with the cluster time, as ObjectIds embed their creation second', () => {
    const change = documentdbEvent().events[0]?.event;
    const oid = (change?.documentKey?._id as { $oid: string } | undefined)?.$oid ?? '';
    expect(Number.parseInt(oid.slice(0, 8), 16)).toBe(change?.clusterTime.$timestamp.t);
  });

  it('re-encodes the resume token from an overridden cluster time', () => {
    const change = documentdbEvent({ events: [{ event: { clusterTime: { $timestamp: { t: 1676588775, i: 9 } } } }] })
      .events[0]?.event;
    expect(change?._id._data.slice(0, 18)).toBe('0163eeb6e700000009');
  });

  it('drops fullDocument when an insert is overridden into a delete', () => {
    const change = documentdbEvent({ events: [{ event: { operationType: 'delete' } }] }).events[0]?.event;
    expect(change?.fullDocument).toBeUndefined();
  });

  it('rejects an unknown operation type', () => {
    expect(() => documentdbEvent({ events: [{ event: { operationType: 'upsert' as never } }] })).toThrow(
      /operationType/,
    );
  });
});

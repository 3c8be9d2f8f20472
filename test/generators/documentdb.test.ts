import { describe, expect, it } from 'vitest';
import { documentdbArbitrary } from '../../src/arbitraries.ts';
import { type DocumentdbEvent, documentdbEvent } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

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

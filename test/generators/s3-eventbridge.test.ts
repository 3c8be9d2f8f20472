import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { s3EventbridgeArbitrary } from '../../src/arbitraries.ts';
import { type S3EventbridgeEvent, s3EventbridgeEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

function derived(event: S3EventbridgeEvent): void {
  expect(event.resources).toStrictEqual([`arn:aws:s3:::${event.detail.bucket.name}`]);
  expect(event.source).toBe('aws.s3');
  if (event['detail-type'] === 'Object Created') {
    expect(event.detail.object.size).toBeTypeOf('number');
    expect(event.detail.object.etag).toMatch(/^[0-9a-f]{32}$/);
    expect(event.detail.requester).toBe(event.account);
  }
  if (event.detail['restore-expiry-time'] !== undefined)
    expect(Date.parse(event.detail['restore-expiry-time'])).toBeGreaterThan(Date.parse(event.time));
}

runEventContract<S3EventbridgeEvent>({
  id: 's3-eventbridge',
  build: s3EventbridgeEvent as never,
  arbitrary: s3EventbridgeArbitrary as never,
  override: {
    value: { detail: { object: { key: 'photos/my cat+dog.jpg' } } },
    check: (event) => expect(event.detail.object.key).toBe('photos/my cat+dog.jpg'),
  },
  derived,
  requiredPath: ['detail', 'object', 'key'],
  breaks: {
    'detail-by-type': (event) => {
      delete event.detail.object.sequencer;
    },
    'bucket-resource': (event) => {
      event.resources = ['arn:aws:s3:::another-bucket'];
    },
    'restore-expires-later': (event) => {
      event.detail['restore-expiry-time'] = '2001-01-01T00:00:00Z';
    },
  },
});

describe('s3EventbridgeEvent', () => {
  it('keeps the object key raw, unlike S3 notifications, and the handler needs no decoding', () => {
    const event = s3EventbridgeEvent({ detail: { object: { key: 'reports/Q1 résumé+final.pdf' } } });
    expect(event.detail.object.key).toBe('reports/Q1 résumé+final.pdf');
    expect(validate('s3-eventbridge', event, { strict: true }).valid).toBe(true);
  });

  it('names the detail-type of each variant', () => {
    expect(s3EventbridgeEvent()['detail-type']).toBe('Object Created');
    expect(s3EventbridgeEvent(undefined, { variant: 'object-deleted' })['detail-type']).toBe('Object Deleted');
    expect(s3EventbridgeEvent(undefined, { variant: 'object-restore-completed' })['detail-type']).toBe(
      'Object Restore Completed',
    );
  });

  it('sends a delete reason and deletion-type on Object Deleted, without size', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { detail } = s3EventbridgeEvent(undefined, { variant: 'object-deleted', seed });
      expect(['DeleteObject', 'Lifecycle Expiration']).toContain(detail.reason);
      expect(detail['deletion-type']).toBe(
        detail.object['version-id'] === undefined ? 'Permanently Deleted' : 'Delete Marker Created',
      );
      expect(detail.object.size).toBeUndefined();
      if (detail.reason === 'Lifecycle Expiration') {
        expect(detail.requester).toBe('s3.amazonaws.com');
        expect(detail['source-ip-address']).toBeUndefined();
      }
    }
  });

  it('restores from an archive storage class, requested by S3 itself', () => {
    const { detail } = s3EventbridgeEvent(undefined, { variant: 'object-restore-completed' });
    expect(detail.requester).toBe('s3.amazonaws.com');
    expect(['GLACIER', 'DEEP_ARCHIVE']).toContain(detail['source-storage-class']);
    expect(detail['restore-expiry-time']).toMatch(/T00:00:00Z$/);
  });

  it('follows an overridden bucket name with resources, unless resources are given', () => {
    const event = s3EventbridgeEvent({ detail: { bucket: { name: 'my-bucket' } } });
    expect(event.resources).toStrictEqual(['arn:aws:s3:::my-bucket']);
    const given = s3EventbridgeEvent(
      { detail: { bucket: { name: 'my-bucket' } }, resources: ['arn:aws:s3:::other-bucket'] },
      { validate: false },
    );
    expect(given.resources).toStrictEqual(['arn:aws:s3:::other-bucket']);
    expect(validate('s3-eventbridge', given, { strict: true }).errors.map((e) => e.rule)).toStrictEqual([
      'bucket-resource',
    ]);
  });

  it('follows an overridden account with the requester', () => {
    const event = s3EventbridgeEvent({ account: '111122223333' });
    expect(event.detail.requester).toBe('111122223333');
  });

  it('reports a create reason on Object Deleted with the rule that names it', () => {
    const event = s3EventbridgeEvent(undefined, { variant: 'object-deleted' });
    event.detail.reason = 'PutObject';
    expect(validate('s3-eventbridge', event, { strict: true }).errors).toStrictEqual([
      {
        path: 'detail.reason',
        expected: 'a reason of Object Deleted (DeleteObject, Lifecycle Expiration)',
        received: '"PutObject"',
        message: 'expected a reason of Object Deleted (DeleteObject, Lifecycle Expiration), received "PutObject"',
        rule: 'detail-by-type',
      },
    ]);
    expect(validate('s3-eventbridge', event).valid).toBe(true);
  });

  it('accepts detail-types it does not generate in shape only', () => {
    const event = { ...s3EventbridgeEvent(), 'detail-type': 'Object Future Thing' };
    expect(validate('s3-eventbridge', event).valid).toBe(true);
    expect(validate('s3-eventbridge', event, { strict: true }).valid).toBe(false);
  });

  it('rejects a source other than aws.s3 and a resource that is not a bucket ARN in strict', () => {
    const event = s3EventbridgeEvent();
    expect(validate('s3-eventbridge', { ...event, source: 'aws.ec2' }, { strict: true }).valid).toBe(false);
    expect(validate('s3-eventbridge', { ...event, resources: ['example-bucket'] }, { strict: true }).valid).toBe(false);
  });

  it('passes edge keys through untouched', () => {
    fc.assert(
      fc.property(s3EventbridgeArbitrary({ key: fc.constantFrom('a b+c%20.txt', '日本/😀.png') }), (event) =>
        ['a b+c%20.txt', '日本/😀.png'].includes(event.detail.object.key),
      ),
      { numRuns: 10 },
    );
  });
});

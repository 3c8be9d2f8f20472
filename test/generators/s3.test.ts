import { describe, expect, it } from 'vitest';
import { s3Arbitrary } from '../../src/arbitraries.ts';
import { s3DecodeKey, s3EncodeKey } from '../../src/core/encoders.ts';
import { ContractViolationError, type S3Event, s3Event, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const keyOf = (event: S3Event, i = 0) => event.Records[i]!.s3.object.key;

function derived(event: S3Event): void {
  let previous = '';
  for (const record of event.Records) {
    const { bucket, object } = record.s3;
    expect(bucket.arn).toBe(`arn:aws:s3:::${bucket.name}`);
    expect(record.eventName).not.toMatch(/^s3:/);
    const removal = /^(ObjectRemoved|LifecycleExpiration):/.test(record.eventName);
    expect(object.size === undefined && object.eTag === undefined).toBe(removal);
    expect(record.glacierEventData !== undefined).toBe(record.eventName === 'ObjectRestore:Completed');
    expect(s3EncodeKey(s3DecodeKey(object.key))).toBe(object.key);
    expect(object.sequencer > previous).toBe(true);
    previous = object.sequencer;
  }
  expect(new Set(event.Records.map((r) => r.s3.bucket.name)).size).toBe(1);
}

runEventContract<S3Event>({
  id: 's3',
  build: s3Event as never,
  arbitrary: s3Arbitrary as never,
  override: {
    value: { Records: [{ s3: { object: { key: 'my file+1.txt' } } }] },
    check: (event) => expect(keyOf(event)).toBe('my+file%2B1.txt'),
  },
  derived,
  requiredPath: ['Records', 0, 's3', 'object', 'sequencer'],
});

describe('s3Event', () => {
  it('URL-encodes a raw key override as S3 does, and encodes an already-encoded key again', () => {
    expect(keyOf(s3Event({ Records: [{ s3: { object: { key: 'photos/ключ 1.jpg' } } }] }))).toBe(
      'photos/%D0%BA%D0%BB%D1%8E%D1%87+1.jpg',
    );
    expect(keyOf(s3Event({ Records: [{ s3: { object: { key: 'my+file' } } }] }))).toBe('my%2Bfile');
  });

  it('accepts a 1024-byte key', () => {
    const event = s3Event({ Records: [{ s3: { object: { key: 'é'.repeat(512) } } }] });
    expect(s3DecodeKey(keyOf(event))).toBe('é'.repeat(512));
  });

  it('sends no size or eTag for deletions, and rejects a deletion that has them', () => {
    const object = s3Event(undefined, { variant: 'delete' }).Records[0]!.s3.object;
    expect(object).not.toHaveProperty('size');
    expect(object).not.toHaveProperty('eTag');
    expect(() => s3Event({ Records: [{ eventName: 'ObjectRemoved:Delete', s3: { object: { size: 1 } } }] })).toThrow(
      ContractViolationError,
    );
  });

  it('drops size and eTag when the event name is overridden to a deletion', () => {
    const object = s3Event({ Records: [{ eventName: 'ObjectRemoved:Delete' }] }).Records[0]!.s3.object;
    expect(object).not.toHaveProperty('size');
    expect(object).not.toHaveProperty('eTag');
  });

  it('requires size and eTag for created objects', () => {
    const event = s3Event();
    expect(event.Records[0]!.s3.object.size).toBeTypeOf('number');
    const broken = structuredClone(event) as S3Event;
    delete broken.Records[0]!.s3.object.eTag;
    expect(validate('s3', broken, { strict: true }).valid).toBe(false);
  });

  it('moves the bucket ARN with an overridden bucket name, but keeps an explicit ARN', () => {
    expect(s3Event({ Records: [{ s3: { bucket: { name: 'my-bucket' } } }] }).Records[0]!.s3.bucket.arn).toBe(
      'arn:aws:s3:::my-bucket',
    );
    const bucket = s3Event({ Records: [{ s3: { bucket: { name: 'my-bucket', arn: 'arn:aws:s3:::other' } } }] })
      .Records[0]!.s3.bucket;
    expect(bucket.arn).toBe('arn:aws:s3:::other');
  });

  it('rejects an event name with the s3: prefix of the notification configuration', () => {
    expect(() => s3Event({ Records: [{ eventName: 's3:ObjectCreated:Put' }] })).toThrow(/eventName/);
  });

  it('builds each variant with its AWS event name and version', () => {
    const shape = (variant: never) => {
      const record = s3Event(undefined, { variant }).Records[0]!;
      return `${record.eventName} ${record.eventVersion}`;
    };
    expect(shape('put' as never)).toBe('ObjectCreated:Put 2.1');
    expect(shape('copy' as never)).toBe('ObjectCreated:Copy 2.1');
    expect(shape('multipart' as never)).toBe('ObjectCreated:CompleteMultipartUpload 2.1');
    expect(shape('restore' as never)).toBe('ObjectRestore:Completed 2.1');
    expect(shape('delete' as never)).toMatch(/^ObjectRemoved:(Delete|DeleteMarkerCreated) 2\.1$/);
    expect(shape('lifecycle' as never)).toMatch(/^LifecycleExpiration:(Delete|DeleteMarkerCreated) 2\.3$/);
    expect(shape('replication' as never)).toMatch(/^Replication:Operation\w+ 2\.2$/);
  });

  it('names S3 as principal and source of service-originated events, and a requester otherwise', () => {
    const lifecycle = s3Event(undefined, { variant: 'lifecycle' }).Records[0]!;
    expect(lifecycle.userIdentity.principalId).toBe('s3.amazonaws.com');
    expect(lifecycle.requestParameters.sourceIPAddress).toBe('s3.amazonaws.com');
    const put = s3Event().Records[0]!;
    expect(put.userIdentity.principalId).toMatch(/^AWS:A[IR]DA/);
    expect(put.requestParameters.sourceIPAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('adds restore and replication data to their variants only', () => {
    const restore = s3Event(undefined, { variant: 'restore' }).Records[0]!;
    expect(restore.glacierEventData?.restoreEventData.lifecycleRestoreStorageClass).toMatch(/^(GLACIER|DEEP_ARCHIVE)$/);
    const replication = s3Event(undefined, { variant: 'replication' }).Records[0]!;
    expect(replication.replicationEventData?.destinationBucket).toMatch(/^arn:aws:s3:::/);
    expect(replication.s3.object.versionId).toBeTypeOf('string');
    expect(s3Event().Records[0]).not.toHaveProperty('replicationEventData');
  });

  it('gives multipart uploads an eTag with the part count', () => {
    expect(s3Event(undefined, { variant: 'multipart' }).Records[0]!.s3.object.eTag).toMatch(/^[0-9a-f]{32}-\d+$/);
    expect(s3Event().Records[0]!.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
  });
});

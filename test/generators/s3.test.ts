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
  breaks: {
    'object-content': (event) => {
      delete event.Records[0]!.s3.object.size;
    },
    'event-data': (event) => {
      event.Records[0]!.intelligentTieringEventData = { destinationAccessTier: 'ARCHIVE_ACCESS' };
    },
    'event-version': (event) => {
      event.Records[0]!.eventVersion = '2.3';
    },
    'key-encoding': (event) => {
      event.Records[0]!.s3.object.key = 'test%2Fkey';
    },
    'bucket-arn': (event) => {
      event.Records[0]!.s3.bucket.arn = 'arn:aws:s3:::another-bucket';
    },
  },
});

const strictRules = (event: unknown) => validate('s3', event, { strict: true }).errors.map((e) => e.rule ?? e.path);

describe('s3 event types', () => {
  it('builds every event name with its version and extra data, each strict-valid', () => {
    const seen = (variant: string) => {
      const record = s3Event(undefined, { variant: variant as never }).Records[0]!;
      const data = Object.keys(record).filter((k) => k.endsWith('EventData'));
      return `${record.eventName} ${record.eventVersion} ${data.join(',')}`;
    };
    expect(seen('post')).toBe('ObjectCreated:Post 2.1 ');
    expect(seen('restore-post')).toBe('ObjectRestore:Post 2.1 ');
    expect(seen('restore-delete')).toBe('ObjectRestore:Delete 2.3 ');
    expect(seen('reduced-redundancy-lost')).toBe('ReducedRedundancyLostObject 2.1 ');
    expect(seen('lifecycle-transition')).toBe('LifecycleTransition 2.3 lifecycleEventData');
    expect(seen('intelligent-tiering')).toBe('IntelligentTiering 2.3 intelligentTieringEventData');
    expect(seen('tagging')).toMatch(/^ObjectTagging:(Put|Delete) 2\.3 $/);
    expect(seen('acl')).toBe('ObjectAcl:Put 2.3 ');
  });

  it('moves version and extra data with an overridden event name', () => {
    const record = s3Event(
      { Records: [{ eventName: 'LifecycleTransition' }] },
      { variant: 'restore', validate: 'shape' },
    ).Records[0]!;
    expect(record.eventVersion).toBe('2.3');
    expect(record).not.toHaveProperty('glacierEventData');
    expect(strictRules({ Records: [record] })).toStrictEqual(['event-data']);
  });

  it('encodes keys as S3 does: space as +, slash kept; the Lambda guide sample and a %20 key pass shape only', () => {
    expect(keyOf(s3Event({ Records: [{ s3: { object: { key: 'test/my key.txt' } } }] }))).toBe('test/my+key.txt');
    for (const key of ['test%2Fkey', 'Happy%20Face.jpg']) {
      const event = s3Event({ Records: [{ s3: { object: { key: 'x' } } }] });
      event.Records[0]!.s3.object.key = key;
      expect(validate('s3', event).valid).toBe(true);
      expect(strictRules(event)).toStrictEqual(['key-encoding']);
    }
  });

  it('admits unknown event names in shape and rejects them in strict', () => {
    const event = s3Event();
    (event.Records[0] as { eventName: string }).eventName = 'ObjectCreated:FutureApi';
    expect(validate('s3', event).valid).toBe(true);
    expect(validate('s3', event, { strict: true }).errors.map((e) => e.path)).toStrictEqual(['Records[0].eventName']);
  });

  it('sends one record per notification', () => {
    expect(() => s3Event(undefined, { records: 2 })).toThrow(/records must be an integer from 1 to 1/);
  });
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
    const bucket = s3Event(
      { Records: [{ s3: { bucket: { name: 'my-bucket', arn: 'arn:aws:s3:::other' } } }] },
      { validate: 'shape' },
    ).Records[0]!.s3.bucket;
    expect(bucket.arn).toBe('arn:aws:s3:::other');
  });

  it('rejects an event name with the s3: prefix of the notification configuration', () => {
    expect(() => s3Event({ Records: [{ eventName: 's3:ObjectCreated:Put' as never }] })).toThrow(/eventName/);
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

import type { S3Event as AwsS3Event, S3EventRecord } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type S3ContentEvent, type S3ContentRecord, type S3Event, s3Event } from '../../src/index.ts';

expectTypeOf(s3Event()).toEqualTypeOf<S3ContentEvent>();
expectTypeOf(s3Event()).toExtend<AwsS3Event>();
expectTypeOf(s3Event(undefined, { seed: 1 })).toEqualTypeOf<S3ContentEvent>();
expectTypeOf(s3Event(undefined, { variant: 'copy' })).toExtend<AwsS3Event>();
expectTypeOf<S3ContentRecord>().toExtend<S3EventRecord>();
// Deletions carry no size or eTag, so their type does not claim them.
expectTypeOf(s3Event(undefined, { variant: 'delete' })).toEqualTypeOf<S3Event>();
expectTypeOf(s3Event(undefined, { variant: 'delete' })).not.toExtend<AwsS3Event>();
expectTypeOf(s3Event).toBeCallableWith({ Records: [{ s3: { object: { key: 'my file.txt' } } }] });
// @ts-expect-error an unknown variant is a type error
s3Event(undefined, { variant: 'upload' });
// @ts-expect-error the size is a number, as S3 sends it
s3Event({ Records: [{ s3: { object: { size: '12' } } }] });
// Every variant whose object exists after the event is typed with size and eTag.
expectTypeOf(s3Event(undefined, { variant: 'intelligent-tiering' })).toEqualTypeOf<S3ContentEvent>();
expectTypeOf(s3Event(undefined, { variant: 'lifecycle-transition' })).toExtend<AwsS3Event>();
expectTypeOf(s3Event(undefined, { variant: 'lifecycle' })).toEqualTypeOf<S3Event>();

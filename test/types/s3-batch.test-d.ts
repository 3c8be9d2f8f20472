import type { S3BatchEvent, S3BatchResultResultCode } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type S3BatchResponse, s3BatchEvent } from '../../src/index.ts';

expectTypeOf(s3BatchEvent()).toExtend<S3BatchEvent>();
expectTypeOf(s3BatchEvent().invocationSchemaVersion).toEqualTypeOf<'1.0'>();
expectTypeOf(s3BatchEvent(undefined, { variant: 'schema-2.0' }).tasks[0]?.s3Bucket).toEqualTypeOf<string | undefined>();
expectTypeOf(s3BatchEvent(undefined, { variant: 'schema-2.0' }).invocationSchemaVersion).toEqualTypeOf<'2.0'>();
expectTypeOf<S3BatchResponse['results'][number]['resultCode']>().toEqualTypeOf<S3BatchResultResultCode>();
// @ts-expect-error an unknown schema version is a type error
s3BatchEvent(undefined, { variant: 'schema-3.0' });

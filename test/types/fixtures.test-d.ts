import { expectTypeOf } from 'vitest';
import { type EventId, readFixture, type S3Event, type SqsEvent, type VariantOf } from '../../src/index.ts';

// A fixture read by id and variant is typed as that event.
expectTypeOf(readFixture('sqs', 'fifo')).toEqualTypeOf<SqsEvent>();
expectTypeOf(readFixture('sqs', 'fifo')).not.toBeAny();
expectTypeOf(readFixture('s3', 'copy', { dir: 'test/events' })).toEqualTypeOf<S3Event>();
expectTypeOf<'standard' | 'fifo'>().toExtend<VariantOf<'sqs'>>();
expectTypeOf<VariantOf<'sqs'>>().toEqualTypeOf<import('../../src/index.ts').SqsVariant>();
expectTypeOf<'sqs'>().toExtend<EventId>();
// @ts-expect-error an unknown variant of a known id is a type error
readFixture('sqs', 'lifo');
// @ts-expect-error a variant of another event type is a type error
readFixture('sqs', 'copy');
// An id known only at run time reads as unknown.
declare const id: string;
expectTypeOf(readFixture(id, 'anything')).toBeUnknown();

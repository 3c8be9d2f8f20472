import { expectTypeOf } from 'vitest';
import { type DocumentdbChangeEvent, type DocumentdbEvent, documentdbEvent } from '../../src/index.ts';

// @types/aws-lambda has no DocumentDB types; these pin the builder's own shape.
expectTypeOf(documentdbEvent()).toEqualTypeOf<DocumentdbEvent>();
expectTypeOf<DocumentdbEvent['eventSource']>().toEqualTypeOf<'aws:docdb'>();
expectTypeOf<DocumentdbChangeEvent['operationType']>().toExtend<string>();
expectTypeOf(documentdbEvent).toBeCallableWith(
  { events: [{ event: { fullDocument: { a: 1 } } }] },
  { variant: 'update' },
);
// @ts-expect-error an unknown variant is a type error
documentdbEvent(undefined, { variant: 'upsert' });

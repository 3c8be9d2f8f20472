import type { MSKEvent, MSKRecord } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type MskEvent, type MskRecord, mskEvent } from '../../src/index.ts';

expectTypeOf(mskEvent()).toEqualTypeOf<MskEvent>();
// @types/aws-lambda says every record has a key; keyless records have none (null or absent).
expectTypeOf<Omit<MskEvent, 'records'>>().toExtend<Omit<MSKEvent, 'records'>>();
expectTypeOf<Omit<MskRecord, 'key'>>().toExtend<Omit<MSKRecord, 'key'>>();
expectTypeOf<MskRecord['key']>().toEqualTypeOf<string | null | undefined>();
// Values and keys may be given decoded; header values as text.
expectTypeOf(mskEvent).toBeCallableWith({ records: { 'orders-0': [{ value: { id: 1 }, headers: [{ a: 'b' }] }] } });
// @ts-expect-error an unknown variant is a type error
mskEvent(undefined, { variant: 'create_time' });
// @ts-expect-error offsets are numbers
mskEvent({ records: { 'orders-0': [{ offset: '1' }] } });

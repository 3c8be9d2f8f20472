import type { MSKEvent, MSKRecord } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type MskEvent, type MskRecord, mskEvent } from '../../src/index.ts';

expectTypeOf(mskEvent()).toEqualTypeOf<MskEvent>();
expectTypeOf(mskEvent()).toExtend<MSKEvent>();
expectTypeOf<MskRecord>().toExtend<MSKRecord>();
// Values and keys may be given decoded; header values as text.
expectTypeOf(mskEvent).toBeCallableWith({ records: { 'orders-0': [{ value: { id: 1 }, headers: [{ a: 'b' }] }] } });
// @ts-expect-error an unknown variant is a type error
mskEvent(undefined, { variant: 'create_time' });
// @ts-expect-error offsets are numbers
mskEvent({ records: { 'orders-0': [{ offset: '1' }] } });

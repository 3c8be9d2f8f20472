import type { ALBEvent, ALBResult } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { type AlbEvent, type AlbResult, albEvent } from '../../src/index.ts';

expectTypeOf(albEvent()).toEqualTypeOf<AlbEvent>();
expectTypeOf(albEvent()).toExtend<ALBEvent>();
// A result with isBase64Encoded (which ALB requires) is one the response contract types.
expectTypeOf<ALBResult & { isBase64Encoded: boolean }>().toExtend<AlbResult>();
expectTypeOf(albEvent(undefined, { variant: 'base64-body' })).toEqualTypeOf<AlbEvent>();
// Bodies may be given decoded.
expectTypeOf(albEvent).toBeCallableWith({ body: { orderId: 1 } }, { variant: 'multi-value' });
// @ts-expect-error an unknown variant is a type error
albEvent(undefined, { variant: 'multi' });
// @ts-expect-error multi-value header values are lists
albEvent({ multiValueHeaders: { accept: 'text/html' } });

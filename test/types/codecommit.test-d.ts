import type { CodeCommitTriggerEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { codecommitEvent } from '../../src/index.ts';

expectTypeOf(codecommitEvent()).toExtend<CodeCommitTriggerEvent>();
expectTypeOf(codecommitEvent(undefined, { variant: 'TriggerEventTest' }).Records[0]?.eventName).toEqualTypeOf<
  'TriggerEventTest' | undefined
>();
// @ts-expect-error an unknown variant is a type error
codecommitEvent(undefined, { variant: 'Push' });

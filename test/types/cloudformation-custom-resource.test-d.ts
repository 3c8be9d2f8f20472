import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { cloudformationCustomResourceEvent } from '../../src/index.ts';

expectTypeOf(cloudformationCustomResourceEvent()).toExtend<CloudFormationCustomResourceCreateEvent>();
expectTypeOf(cloudformationCustomResourceEvent()).toExtend<CloudFormationCustomResourceEvent>();
expectTypeOf(
  cloudformationCustomResourceEvent(undefined, { variant: 'Update' }),
).toExtend<CloudFormationCustomResourceUpdateEvent>();
expectTypeOf(
  cloudformationCustomResourceEvent(undefined, { variant: 'Delete' }),
).toExtend<CloudFormationCustomResourceDeleteEvent>();
expectTypeOf(cloudformationCustomResourceEvent(undefined, { variant: 'Update' }).OldResourceProperties).toBeObject();
// @ts-expect-error an unknown request type is a type error
cloudformationCustomResourceEvent(undefined, { variant: 'Replace' });

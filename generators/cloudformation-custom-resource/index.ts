import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { CloudFormationCustomResourceEvent } from './types.gen.ts';

export type {
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceProperties,
  CloudFormationPropertyValue,
} from './types.gen.ts';

export type CloudFormationCustomResourceVariant = 'Create' | 'Update' | 'Delete';

export type CloudFormationCustomResourceOverrides = DeepPartial<CloudFormationCustomResourceEvent>;

/** The event of one request type, as `@types/aws-lambda` names it. */
export interface CloudFormationCustomResourceEvents {
  Create: CloudFormationCustomResourceEvent & CloudFormationCustomResourceCreateEvent;
  Update: CloudFormationCustomResourceEvent & CloudFormationCustomResourceUpdateEvent;
  Delete: CloudFormationCustomResourceEvent & CloudFormationCustomResourceDeleteEvent;
}

/**
 * Builds a request CloudFormation sends to a Lambda-backed custom resource: a pre-signed S3 `ResponseURL` for the
 * answer, `PhysicalResourceId` on Update and Delete, `OldResourceProperties` on Update only, every scalar property
 * as a string (as CloudFormation passes them).
 * @example
 * const event = cloudformationCustomResourceEvent({ ResourceProperties: { TableName: 'orders' } }, { variant: 'Delete' });
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html
 */
export function cloudformationCustomResourceEvent<V extends CloudFormationCustomResourceVariant = 'Create'>(
  overrides?: CloudFormationCustomResourceOverrides,
  options?: BuildOptions<V> & { variant?: V },
): CloudFormationCustomResourceEvents[V] {
  return definition.build(overrides, options) as CloudFormationCustomResourceEvents[V];
}

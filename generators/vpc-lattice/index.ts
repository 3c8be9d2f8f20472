import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { VpcLatticeV1Event, VpcLatticeV2Event } from './types.gen.ts';

export type {
  VpcLatticeEvent,
  VpcLatticeIdentity,
  VpcLatticeMethod,
  VpcLatticeRequestContext,
  VpcLatticeResult,
  VpcLatticeV1Event,
  VpcLatticeV2Event,
} from './types.gen.ts';

/** The event structure version of the target group (`LambdaEventStructureVersion` V2 or V1). */
export type VpcLatticeVariant = 'v2' | 'v1';

/** The event of each structure version (@types/aws-lambda has no VPC Lattice types). */
export interface VpcLatticeEvents {
  v2: VpcLatticeV2Event;
  v1: VpcLatticeV1Event;
}

/** Overrides in AWS's shape; `body` may also be given decoded (JSON value → JSON string, bytes → base64). */
export type VpcLatticeOverrides = Omit<DeepPartial<VpcLatticeV2Event & VpcLatticeV1Event>, 'body'> & { body?: unknown };

/**
 * Builds a request VPC Lattice sends to a Lambda target: structure 2.0 (lower-case headers and query as lists,
 * `requestContext` with the service network, service, target group and the caller's VPC and IAM principal) or
 * 1.0 (snake_case keys, single values). `body` is always a string (`""` without one).
 * @example
 * const event = vpcLatticeEvent({ method: 'POST', body: { sku: 'A-1' } });
 * @see https://docs.aws.amazon.com/vpc-lattice/latest/ug/lambda-functions.html
 */
export function vpcLatticeEvent<V extends VpcLatticeVariant = 'v2'>(
  overrides?: VpcLatticeOverrides,
  options?: BuildOptions<V> & { variant?: V },
): VpcLatticeEvents[V] {
  return definition.build(overrides, options) as VpcLatticeEvents[V];
}

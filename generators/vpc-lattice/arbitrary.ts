import fc from 'fast-check';
import {
  type ArbitraryOptions,
  eventArbitrary,
  jsonValue,
  nastyString,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { VpcLatticeOverrides, VpcLatticeVariant } from './index.ts';
import type { VpcLatticeEvent } from './types.gen.ts';

/** Options: the builder's, plus the request body (decoded: string as is, bytes base64, other values JSON). */
export interface VpcLatticeArbitraryOptions extends ArbitraryOptions<VpcLatticeVariant, VpcLatticeOverrides> {
  body?: fc.Arbitrary<unknown>;
}

const edgeBody: fc.Arbitrary<unknown> = fc.oneof(
  nastyString(),
  jsonValue({ maxDepth: 3 }),
  fc.uint8Array({ minLength: 1, maxLength: 512 }),
  fc.constant(''),
);

/**
 * fast-check arbitrary of VPC Lattice requests (structure 1.0 and 2.0); same builder as `vpcLatticeEvent`.
 * @example
 * fc.assert(fc.property(vpcLatticeArbitrary({ body: fc.record({ sku: fc.string() }) }), (e) => accepts(e)));
 */
export function vpcLatticeArbitrary(options: VpcLatticeArbitraryOptions = {}): fc.Arbitrary<VpcLatticeEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const body = options.body ?? (ctx.edge ? edgeBody : undefined);
    if (body === undefined) return fc.constant(undefined);
    return body.map((b) => ({ body: b }) as VpcLatticeOverrides);
  });
}

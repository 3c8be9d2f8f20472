import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { CloudFormationCustomResourceOverrides, CloudFormationCustomResourceVariant } from './index.ts';
import type { CloudFormationCustomResourceEvent, CloudFormationPropertyValue } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the template's properties (scalars are passed as strings). */
export interface CloudFormationCustomResourceArbitraryOptions
  extends ArbitraryOptions<CloudFormationCustomResourceVariant, CloudFormationCustomResourceOverrides> {
  properties?: fc.Arbitrary<Record<string, CloudFormationPropertyValue>>;
}

const key = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,19}$/).filter((k) => k !== 'ServiceToken' && k !== 'ServiceTimeout');
const value: fc.Arbitrary<CloudFormationPropertyValue> = fc.letrec<{ value: CloudFormationPropertyValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 40 }),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/**
 * fast-check arbitrary of custom resource requests; same builder as `cloudformationCustomResourceEvent`.
 * @example
 * fc.assert(fc.asyncProperty(cloudformationCustomResourceArbitrary({ variant: 'Delete' }), async (e) => { await handler(e); }));
 */
export function cloudformationCustomResourceArbitrary(
  options: CloudFormationCustomResourceArbitraryOptions = {},
): fc.Arbitrary<CloudFormationCustomResourceEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const properties = options.properties ?? (ctx.edge ? fc.dictionary(key, value, { maxKeys: 6 }) : undefined);
    if (properties === undefined) return fc.constant(undefined);
    return properties.map((p) => ({ ResourceProperties: p }) as CloudFormationCustomResourceOverrides);
  });
}

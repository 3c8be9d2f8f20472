import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { ConfigRuleOverrides, ConfigRuleVariant } from './index.ts';
import type { ConfigRuleEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the rule's parameters (sent JSON-encoded in `ruleParameters`). */
export interface ConfigRuleArbitraryOptions extends ArbitraryOptions<ConfigRuleVariant, ConfigRuleOverrides> {
  ruleParameters?: fc.Arbitrary<Record<string, unknown>>;
}

/**
 * fast-check arbitrary of AWS Config rule events; same builder as `configRuleEvent`. Edge mode adds empty and
 * unusual parameters and resources that left the rule's scope.
 * @example
 * fc.assert(fc.asyncProperty(configRuleArbitrary({ variant: 'ScheduledNotification' }), async (e) => { await handler(e); }));
 */
export function configRuleArbitrary(options: ConfigRuleArbitraryOptions = {}): fc.Arbitrary<ConfigRuleEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const parameters =
      options.ruleParameters ??
      (ctx.edge ? fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue(), { maxKeys: 4 }) : undefined);
    if (parameters === undefined) return fc.constant(undefined);
    return fc
      .tuple(parameters, ctx.edge ? fc.boolean() : fc.constant(false))
      .map(([p, left]) => ({ ruleParameters: JSON.stringify(p), eventLeftScope: left }) as ConfigRuleOverrides);
  });
}

import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary, nastyString } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { LambdaDestinationOverrides, LambdaDestinationVariant } from './index.ts';
import type { LambdaDestinationEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the original event (`requestPayload`, any JSON). */
export interface LambdaDestinationArbitraryOptions
  extends ArbitraryOptions<LambdaDestinationVariant, LambdaDestinationOverrides> {
  /** The original event the function was invoked with (replaces the generated one). */
  payload?: fc.Arbitrary<unknown>;
}

/** Edge mode: any JSON value as the original event (strings, arrays, null, nasty keys), and Unicode messages. */
const edgePayload: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(nastyString({ minLength: 1, maxLength: 16 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  fc.constant(null),
  fc.constant({}),
);

/**
 * fast-check arbitrary of destination records; same builder as `lambdaDestinationEvent`.
 * @example
 * fc.assert(fc.property(lambdaDestinationArbitrary({ variant: 'retries-exhausted' }), (e) => handlerRuns(e)));
 */
export function lambdaDestinationArbitrary(
  options: LambdaDestinationArbitraryOptions = {},
): fc.Arbitrary<LambdaDestinationEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const payload = options.payload ?? (ctx.edge ? edgePayload : undefined);
    if (payload === undefined) return fc.constant(undefined);
    return payload.map((requestPayload) => ({ requestPayload }) as LambdaDestinationOverrides);
  });
}

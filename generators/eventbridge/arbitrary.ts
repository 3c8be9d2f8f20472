import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary, nastyString } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { EventbridgeOverrides, EventbridgeVariant } from './index.ts';
import type { EventbridgeEvent } from './types.gen.ts';

/** EventBridge arbitrary options: the builder's, plus an arbitrary for the `detail` the handler interprets. */
export interface EventbridgeArbitraryOptions extends ArbitraryOptions<EventbridgeVariant, EventbridgeOverrides> {
  /** The event's `detail` (replaces the generated one). Default: realistic per variant (edge: nasty objects). */
  detail?: fc.Arbitrary<Record<string, unknown>>;
}

/** A PutEvents entry is limited to 256 KiB; edge mode sends a detail close to it. */
const LARGE_DETAIL = { data: 'x'.repeat(250 * 1024) };

const edgeDetail: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant({}),
  fc.dictionary(nastyString({ minLength: 1, maxLength: 16 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  fc.constant(LARGE_DETAIL),
);

/**
 * fast-check arbitrary of EventBridge events: the detail shrinks; same builder as `eventbridgeEvent`.
 * @example
 * fc.assert(fc.property(eventbridgeArbitrary({ detail: fc.record({ id: fc.uuid() }) }), (e) => handlerAccepts(e)));
 */
export function eventbridgeArbitrary(options: EventbridgeArbitraryOptions = {}): fc.Arbitrary<EventbridgeEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const detail = options.detail ?? (ctx.edge ? edgeDetail : undefined);
    if (detail === undefined) return fc.constant(undefined);
    return fc.record(
      {
        detail,
        ...(ctx.edge ? { 'replay-name': fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/), resources: fc.constant([]) } : {}),
      },
      { requiredKeys: ['detail'] },
    );
  });
}

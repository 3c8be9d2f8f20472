import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { REGIONS } from '../../src/core/aws-values.ts';
import { definition } from './definition.ts';
import type { ScheduledOverrides, ScheduledVariant } from './index.ts';
import type { ScheduledEvent } from './types.gen.ts';

/** Scheduled events carry no payload: the arbitrary varies the rule, account, region and firing time. */
export type ScheduledArbitraryOptions = ArbitraryOptions<ScheduledVariant, ScheduledOverrides>;

/** Edge mode: firing times at day, month, year and leap-day boundaries. */
const edgeTime = fc.constantFrom(
  '2024-02-29T00:00:00Z',
  '2025-12-31T23:59:00Z',
  '2026-01-01T00:00:00Z',
  '2026-03-29T01:00:00Z',
  '1970-01-01T00:00:00Z',
);

/**
 * fast-check arbitrary of scheduled events; same builder as `scheduledEvent`.
 * @example
 * fc.assert(fc.property(scheduledArbitrary({ variant: 'cron' }), (event) => handlerRuns(event)));
 */
export function scheduledArbitrary(options: ScheduledArbitraryOptions = {}): fc.Arbitrary<ScheduledEvent> {
  return eventArbitrary(definition, options, (ctx) =>
    ctx.edge
      ? fc.record({ time: edgeTime, region: fc.constantFrom(...REGIONS) }, { requiredKeys: [] })
      : fc.constant(undefined),
  );
}

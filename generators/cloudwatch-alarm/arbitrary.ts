import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { CloudWatchAlarmOverrides, CloudWatchAlarmVariant } from './index.ts';
import type { CloudWatchAlarmEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the alarm's name and description (what handlers route on). */
export interface CloudWatchAlarmArbitraryOptions
  extends ArbitraryOptions<CloudWatchAlarmVariant, CloudWatchAlarmOverrides> {
  /** The alarm's name (1 to 255 characters); the ARN follows it. */
  alarmName?: fc.Arbitrary<string>;
}

/** Whether a character can be in an alarm name as the ARN carries it (no control characters, line breaks or colons). */
function printable(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return code > 0x1f && code !== 0x7f && code !== 0x2028 && code !== 0x2029 && c !== ':';
}

/** Edge mode: names with spaces, dots and Unicode, up to the 255-character limit. */
const edgeName = fc.oneof(
  fc.string({ minLength: 1, maxLength: 255, unit: 'grapheme' }).filter((s) => [...s].every(printable)),
  fc.constant('Test alert'),
  fc.constant('a'.repeat(255)),
);

/**
 * fast-check arbitrary of alarm events; same builder as `cloudwatchAlarmEvent`.
 * @example
 * fc.assert(fc.asyncProperty(cloudwatchAlarmArbitrary({ variant: 'composite' }), async (e) => { await handler(e); }));
 */
export function cloudwatchAlarmArbitrary(
  options: CloudWatchAlarmArbitraryOptions = {},
): fc.Arbitrary<CloudWatchAlarmEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const name = options.alarmName ?? (ctx.edge ? edgeName : undefined);
    if (name === undefined) return fc.constant(undefined);
    return name.map((alarmName) => ({ alarmData: { alarmName } }) as CloudWatchAlarmOverrides);
  });
}

import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary, nastyString } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { CloudwatchLogsOverrides, CloudwatchLogsVariant } from './index.ts';
import type { CloudwatchLogsEvent } from './types.gen.ts';

/** CloudWatch Logs arbitrary options: the builder's, plus an arbitrary for the log message text. */
export interface CloudwatchLogsArbitraryOptions
  extends ArbitraryOptions<CloudwatchLogsVariant, CloudwatchLogsOverrides> {
  /** Message of each log event (data messages only). Default: Lambda-style log lines (edge: unicode, JSON, 256 KB). */
  message?: fc.Arbitrary<string>;
}

/** A log event is at most 256 KB including 26 bytes of overhead. */
const MAX_MESSAGE = 256 * 1024 - 26;

const edgeMessage = fc.oneof(
  nastyString({ minLength: 1 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constant('x'.repeat(MAX_MESSAGE)),
  fc.constant('\n'),
);

/**
 * fast-check arbitrary of CloudWatch Logs events: log events and messages shrink; same builder as `cloudwatchLogsEvent`.
 * @example
 * fc.assert(fc.property(cloudwatchLogsArbitrary({ message: fc.string({ minLength: 1 }) }), (event) => handlerAccepts(event)));
 */
export function cloudwatchLogsArbitrary(
  options: CloudwatchLogsArbitraryOptions = {},
): fc.Arbitrary<CloudwatchLogsEvent> {
  const variants =
    options.variant === undefined
      ? definition.definition.variants
      : ([] as CloudwatchLogsVariant[]).concat(options.variant);
  return fc.constantFrom(...variants).chain((variant) =>
    eventArbitrary(definition, { ...options, variant }, (ctx) => {
      const message = options.message ?? (ctx.edge ? edgeMessage : undefined);
      if (variant === 'control-message' || message === undefined) return fc.constant(undefined);
      return fc
        .array(fc.record({ message }), { minLength: 1, maxLength: ctx.edge ? 20 : 5 })
        .map((logEvents): CloudwatchLogsOverrides => ({ awslogs: { data: { logEvents } } }));
    }),
  );
}

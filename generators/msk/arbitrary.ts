import type fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { MskOverrides, MskVariant } from './index.ts';
import { edgeKafkaValue, kafkaRecordsArbitrary } from './kafka-arbitrary.ts';
import type { MskEvent } from './types.gen.ts';

/** MSK arbitrary options: the builder's, plus an arbitrary for the record value the handler decodes. */
export interface MskArbitraryOptions extends ArbitraryOptions<MskVariant, MskOverrides> {
  /** Value of each record: bytes as is, strings as UTF-8, anything else as JSON. Default: realistic JSON (edge: binary, nasty text, ~1 MB). */
  value?: fc.Arbitrary<unknown>;
}

/**
 * fast-check arbitrary of Amazon MSK events: records, partitions and values shrink; same builder as `mskEvent`.
 * @example
 * fc.assert(fc.property(mskArbitrary({ value: fc.record({ id: fc.uuid() }) }), (event) => handlerAccepts(event)));
 */
export function mskArbitrary(options: MskArbitraryOptions = {}): fc.Arbitrary<MskEvent> {
  return eventArbitrary(definition, options, (ctx) =>
    kafkaRecordsArbitrary(ctx, options.value ?? (ctx.edge ? edgeKafkaValue : undefined)).map(
      (records) => ({ records }) as MskOverrides,
    ),
  );
}

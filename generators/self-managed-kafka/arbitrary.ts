import type fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { edgeKafkaValue, kafkaRecordsArbitrary } from '../msk/kafka-arbitrary.ts';
import { definition } from './definition.ts';
import type { SelfManagedKafkaOverrides, SelfManagedKafkaVariant } from './index.ts';
import type { SelfManagedKafkaEvent } from './types.gen.ts';

/** Self-managed Kafka arbitrary options: the builder's, plus an arbitrary for the record value. */
export interface SelfManagedKafkaArbitraryOptions
  extends ArbitraryOptions<SelfManagedKafkaVariant, SelfManagedKafkaOverrides> {
  /** Value of each record: bytes as is, strings as UTF-8, anything else as JSON. Default: realistic JSON (edge: binary, nasty text, ~1 MB). */
  value?: fc.Arbitrary<unknown>;
}

/**
 * fast-check arbitrary of self-managed Kafka events; same builder as `selfManagedKafkaEvent`.
 * @example
 * fc.assert(fc.property(selfManagedKafkaArbitrary(), (event) => handlerAccepts(event)));
 */
export function selfManagedKafkaArbitrary(
  options: SelfManagedKafkaArbitraryOptions = {},
): fc.Arbitrary<SelfManagedKafkaEvent> {
  return eventArbitrary(definition, options, (ctx) =>
    kafkaRecordsArbitrary(ctx, options.value ?? (ctx.edge ? edgeKafkaValue : undefined)).map(
      (records) => ({ records }) as SelfManagedKafkaOverrides,
    ),
  );
}

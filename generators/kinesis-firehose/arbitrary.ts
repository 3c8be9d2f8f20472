import fc from 'fast-check';
import {
  type ArbitraryOptions,
  edgeBlob,
  eventArbitrary,
  recordsArbitrary,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import { largestEdgeData } from './edge.ts';
import type { KinesisFirehoseOverrides, KinesisFirehoseVariant } from './index.ts';
import type { KinesisFirehoseEvent } from './types.gen.ts';

/** Firehose arbitrary options: the builder's, plus an arbitrary for the record data. */
export interface KinesisFirehoseArbitraryOptions
  extends ArbitraryOptions<KinesisFirehoseVariant, KinesisFirehoseOverrides> {
  /** Data of each record: bytes as is, strings as UTF-8, anything else as JSON. Default: JSON records (edge: binary, empty, 1000 KiB). */
  data?: fc.Arbitrary<unknown>;
}

function edgeData(maxRecords: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: edgeBlob(), weight: 4 },
    fc.constant(new Uint8Array(largestEdgeData(maxRecords)).fill(0x7b)),
  );
}

/**
 * fast-check arbitrary of Firehose transformation events: records and data shrink; same builder as `kinesisFirehoseEvent`.
 * @example
 * fc.assert(fc.property(kinesisFirehoseArbitrary({ data: fc.record({ id: fc.uuid() }) }), (event) => transformAccepts(event)));
 */
export function kinesisFirehoseArbitrary(
  options: KinesisFirehoseArbitraryOptions = {},
): fc.Arbitrary<KinesisFirehoseEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const data = options.data ?? (ctx.edge ? edgeData(ctx.maxRecords) : undefined);
    const record = data
      ? fc.record({ data }, { requiredKeys: options.data ? ['data'] : [] })
      : fc.constant({} as { data?: unknown });
    return recordsArbitrary(ctx, record).map((records) => ({ records }) as KinesisFirehoseOverrides);
  });
}

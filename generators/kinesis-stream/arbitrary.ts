import fc from 'fast-check';
import {
  type ArbitraryOptions,
  edgeBlob,
  eventArbitrary,
  nastyString,
  recordsArbitrary,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import { largestEdgeData } from './edge.ts';
import type { KinesisStreamOverrides, KinesisStreamVariant } from './index.ts';
import type { KinesisStreamEvent } from './types.gen.ts';

/** Kinesis Data Streams arbitrary options: the builder's, plus an arbitrary for the record data. */
export interface KinesisStreamArbitraryOptions extends ArbitraryOptions<KinesisStreamVariant, KinesisStreamOverrides> {
  /** Data of each record: bytes as is, strings as UTF-8, anything else as JSON. Default: realistic JSON (edge: binary, empty, 1 MiB). */
  data?: fc.Arbitrary<unknown>;
}

function edgeData(maxRecords: number): fc.Arbitrary<unknown> {
  const largest = largestEdgeData(maxRecords);
  return fc.oneof({ arbitrary: edgeBlob(), weight: 4 }, fc.constant(new Uint8Array(largest).fill(0xff)));
}

/**
 * fast-check arbitrary of Kinesis Data Streams events: records and data shrink; same builder as `kinesisStreamEvent`.
 * @example
 * fc.assert(fc.property(kinesisStreamArbitrary({ data: fc.record({ id: fc.uuid() }) }), (event) => handlerAccepts(event)));
 */
export function kinesisStreamArbitrary(options: KinesisStreamArbitraryOptions = {}): fc.Arbitrary<KinesisStreamEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const data = options.data ?? (ctx.edge ? edgeData(ctx.maxRecords) : undefined);
    const partitionKey = ctx.edge ? nastyString({ minLength: 1, maxLength: 256 }) : undefined;
    const kinesis = fc.record(
      { ...(data ? { data } : {}), ...(partitionKey ? { partitionKey } : {}) },
      { requiredKeys: options.data ? ['data'] : [] },
    );
    return recordsArbitrary(ctx, fc.record({ kinesis })).map((Records) => ({ Records }) as KinesisStreamOverrides);
  });
}

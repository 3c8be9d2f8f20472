import fc from 'fast-check';
import {
  type ArbitraryOptions,
  edgeBlob,
  eventArbitrary,
  nastyString,
  recordsArbitrary,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { MqActivemqOverrides, MqActivemqVariant } from './index.ts';
import type { MqActivemqEvent } from './types.gen.ts';

/** ActiveMQ arbitrary options: the builder's, plus an arbitrary for the message body the handler decodes. */
export interface MqActivemqArbitraryOptions extends ArbitraryOptions<MqActivemqVariant, MqActivemqOverrides> {
  /** Body of each message: bytes as is, strings as UTF-8, anything else as JSON. Default: realistic (edge: nasty text, binary, empty). */
  data?: fc.Arbitrary<unknown>;
}

const edgeData = edgeBlob();

const edgeProperties = fc.dictionary(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/),
  fc.oneof(nastyString(), fc.integer(), fc.boolean()),
  { maxKeys: 5 },
);

/**
 * fast-check arbitrary of Amazon MQ for ActiveMQ events; same builder as `mqActivemqEvent`.
 * @example
 * fc.assert(fc.property(mqActivemqArbitrary({ data: fc.string() }), (event) => handlerAccepts(event)));
 */
export function mqActivemqArbitrary(options: MqActivemqArbitraryOptions = {}): fc.Arbitrary<MqActivemqEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const data = options.data ?? (ctx.edge ? edgeData : undefined);
    const message = fc.record(
      {
        ...(data ? { data } : {}),
        ...(ctx.edge ? { properties: edgeProperties, redelivered: fc.boolean() } : {}),
      },
      { requiredKeys: [] },
    );
    return recordsArbitrary(ctx, message).map((messages) => ({ messages }) as MqActivemqOverrides);
  });
}

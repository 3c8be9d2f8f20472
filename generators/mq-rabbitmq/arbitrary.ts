import fc from 'fast-check';
import {
  type ArbitraryOptions,
  edgeBlob,
  eventArbitrary,
  nastyString,
  recordsArbitrary,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { MqRabbitmqOverrides, MqRabbitmqVariant } from './index.ts';
import type { MqRabbitmqEvent } from './types.gen.ts';

/** RabbitMQ arbitrary options: the builder's, plus an arbitrary for the message body the handler decodes. */
export interface MqRabbitmqArbitraryOptions extends ArbitraryOptions<MqRabbitmqVariant, MqRabbitmqOverrides> {
  /** Body of each message: bytes as is, strings as UTF-8, anything else as JSON. Default: a realistic JSON body (edge: nasty text, binary, empty). */
  data?: fc.Arbitrary<unknown>;
}

const edgeData = edgeBlob();

const edgeHeaders = fc.option(
  fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/), fc.oneof(nastyString(), fc.integer(), fc.boolean()), {
    maxKeys: 4,
  }),
);

/**
 * fast-check arbitrary of Amazon MQ for RabbitMQ events; same builder as `mqRabbitmqEvent`.
 * @example
 * fc.assert(fc.property(mqRabbitmqArbitrary({ data: fc.string() }), (event) => handlerAccepts(event)));
 */
export function mqRabbitmqArbitrary(options: MqRabbitmqArbitraryOptions = {}): fc.Arbitrary<MqRabbitmqEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const data = options.data ?? (ctx.edge ? edgeData : fc.uuid().map((id) => ({ orderId: id, status: 'CREATED' })));
    const message = fc.record(
      {
        data,
        ...(ctx.edge ? { basicProperties: fc.record({ headers: edgeHeaders }), redelivered: fc.boolean() } : {}),
      },
      { requiredKeys: ['data'] },
    );
    const queue = ctx.edge ? fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/) : fc.constantFrom('orders', 'payments');
    const vhost = ctx.edge ? fc.constantFrom('/', '/prod', 'vhost with space') : fc.constant('/');
    return fc
      .tuple(queue, vhost, recordsArbitrary(ctx, message))
      .map(([q, v, messages]) => ({ rmqMessagesByQueue: { [`${q}::${v}`]: messages } }) as MqRabbitmqOverrides);
  });
}

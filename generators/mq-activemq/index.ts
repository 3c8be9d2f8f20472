import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { MqActivemqEvent, MqActivemqMessage } from './types.gen.ts';

export type { MqActivemqDestination, MqActivemqEvent, MqActivemqMessage } from './types.gen.ts';

/** The JMS message type of the generated messages. */
export type MqActivemqVariant = 'text-message' | 'bytes-message';

/** Per-message overrides; `data` may be given decoded (bytes as is, text as UTF-8, anything else as JSON). */
export type MqActivemqMessageOverrides = Omit<DeepPartial<MqActivemqMessage>, 'data'> & { data?: unknown };

export interface MqActivemqOverrides extends Omit<DeepPartial<MqActivemqEvent>, 'messages'> {
  messages?: MqActivemqMessageOverrides[];
}

/**
 * Builds an Amazon MQ for ActiveMQ event as the event source mapping delivers it: broker ARN, JMS message ids
 * nested in their connection id, base64 `data`, broker in/out times after the send time.
 * @example
 * const event = mqActivemqEvent({ messages: [{ data: { orderId: '42' } }] }, { records: 3 });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html
 */
export function mqActivemqEvent(
  overrides?: MqActivemqOverrides,
  options?: BuildOptions<MqActivemqVariant>,
): MqActivemqEvent {
  return definition.build(overrides, options);
}

import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { MqRabbitmqBasicProperties, MqRabbitmqEvent, MqRabbitmqMessage } from './types.gen.ts';

export type {
  MqRabbitmqBasicProperties,
  MqRabbitmqEvent,
  MqRabbitmqHeaderValue,
  MqRabbitmqMessage,
} from './types.gen.ts';

/** The body of the generated messages: JSON (`application/json`) or text (`text/plain`). */
export type MqRabbitmqVariant = 'json' | 'text';

/** Per-message overrides; `data` may be given decoded, header values as text (→ `{bytes}`). */
export type MqRabbitmqMessageOverrides = Omit<DeepPartial<MqRabbitmqMessage>, 'data' | 'basicProperties'> & {
  data?: unknown;
  basicProperties?: Omit<Partial<MqRabbitmqBasicProperties>, 'headers'> & { headers?: Record<string, unknown> | null };
};

/** Overrides; a `rmqMessagesByQueue` map replaces the default messages, each completed (nulls, bodySize…). */
export interface MqRabbitmqOverrides extends Omit<DeepPartial<MqRabbitmqEvent>, 'rmqMessagesByQueue'> {
  rmqMessagesByQueue?: Record<string, MqRabbitmqMessageOverrides[]>;
}

/**
 * Builds an Amazon MQ for RabbitMQ event as the event source mapping delivers it: messages keyed
 * `queue::virtual-host`, every AMQP basic property present (null when unset), `bodySize` matching `data`.
 * @example
 * const event = mqRabbitmqEvent({ rmqMessagesByQueue: { 'orders::/': [{ data: { orderId: '42' } }] } });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-mq.html
 */
export function mqRabbitmqEvent(
  overrides?: MqRabbitmqOverrides,
  options?: BuildOptions<MqRabbitmqVariant>,
): MqRabbitmqEvent {
  return definition.build(overrides, options);
}

import { defineRule, show } from '../../src/contracts/rules.ts';

interface RabbitmqBatch {
  readonly rmqMessagesByQueue: Readonly<
    Record<string, readonly { readonly data: string; readonly basicProperties: { readonly bodySize: number } }[]>
  >;
}

/** An event source mapping reads one queue of one virtual host. */
export const oneQueueRule = defineRule<RabbitmqBatch>({
  id: 'one-queue-per-event',
  description: 'An event source mapping consumes one queue, so rmqMessagesByQueue has exactly one "queue::vhost" key.',
  check(event, report) {
    const keys = Object.keys(event.rmqMessagesByQueue);
    if (keys.length !== 1)
      report({
        path: ['rmqMessagesByQueue'],
        expected: 'exactly one "<queue>::<virtual host>" key (the queue of the event source mapping)',
        received: keys.length === 0 ? 'no key' : `${keys.length} keys: ${show(keys)}`,
      });
  },
});

/** `bodySize` is the AMQP body size: the byte length of the base64 `data`. */
export const bodySizeRule = defineRule<RabbitmqBatch>({
  id: 'body-size',
  description: 'basicProperties.bodySize is the byte length of the message body, which data carries in base64.',
  check(event, report) {
    for (const [key, list] of Object.entries(event.rmqMessagesByQueue)) {
      list.forEach((message, i) => {
        const size = Buffer.byteLength(message.data, 'base64');
        if (message.basicProperties.bodySize !== size)
          report({
            path: ['rmqMessagesByQueue', key, i, 'basicProperties', 'bodySize'],
            expected: `${size}, the byte length of rmqMessagesByQueue[${show(key)}][${i}].data`,
            received: show(message.basicProperties.bodySize),
          });
      });
    }
  },
});

export const rabbitmqRules = [oneQueueRule, bodySizeRule];

import { describe, expect, it } from 'vitest';
import { mqRabbitmqArbitrary } from '../../src/arbitraries.ts';
import { type MqRabbitmqEvent, mqRabbitmqEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

const PROPERTIES = [
  'contentType',
  'contentEncoding',
  'headers',
  'deliveryMode',
  'priority',
  'correlationId',
  'replyTo',
  'expiration',
  'messageId',
  'timestamp',
  'type',
  'userId',
  'appId',
  'clusterId',
  'bodySize',
];

function derived(event: MqRabbitmqEvent): void {
  expect(event.eventSourceArn.split(':').slice(2, 3)).toStrictEqual(['mq']);
  for (const [key, messages] of Object.entries(event.rmqMessagesByQueue)) {
    expect(key).toMatch(/^.+::.+$/);
    for (const message of messages) {
      expect(Object.keys(message.basicProperties).sort()).toStrictEqual([...PROPERTIES].sort());
      expect(message.basicProperties.bodySize).toBe(Buffer.from(message.data, 'base64').length);
    }
  }
}

runEventContract<MqRabbitmqEvent>({
  id: 'mq-rabbitmq',
  build: mqRabbitmqEvent as never,
  arbitrary: mqRabbitmqArbitrary as never,
  override: {
    value: { rmqMessagesByQueue: { 'orders::/': [{ data: { orderId: 'o-1' } }] } },
    check: (event) => {
      const message = event.rmqMessagesByQueue['orders::/']?.[0];
      expect(decode(message?.data ?? '')).toBe('{"orderId":"o-1"}');
      expect(message?.basicProperties.bodySize).toBe(17);
      expect(message?.basicProperties.correlationId).toBeNull();
    },
  },
  derived,
  requiredPath: ['rmqMessagesByQueue'],
  breaks: {
    'one-queue-per-event': (event) => {
      const [messages] = Object.values(event.rmqMessagesByQueue);
      event.rmqMessagesByQueue['other-queue::/'] = structuredClone(messages ?? []);
    },
    'body-size': (event) => {
      const [message] = Object.values(event.rmqMessagesByQueue)[0] ?? [];
      if (message) message.basicProperties.bodySize += 1;
    },
  },
});

describe('mqRabbitmqEvent', () => {
  it('prints AMQP timestamps the way the AWS sample does', () => {
    const event = mqRabbitmqEvent({
      rmqMessagesByQueue: { 'q::/': [{ basicProperties: { timestamp: 'Jan 1, 1970, 12:33:41 AM' } }] },
    });
    expect(event.rmqMessagesByQueue['q::/']?.[0]?.basicProperties.timestamp).toBe('Jan 1, 1970, 12:33:41 AM');
    const generated = Object.values(mqRabbitmqEvent(undefined, { records: 10 }).rmqMessagesByQueue)
      .flat()
      .map((m) => m.basicProperties.timestamp)
      .filter((t) => t !== null);
    for (const t of generated) expect(t).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/);
  });

  it('turns text header values into {bytes} as AWS sends long strings', () => {
    const event = mqRabbitmqEvent({
      rmqMessagesByQueue: { 'q::/': [{ basicProperties: { headers: { header1: 'value1', count: 10 } } }] },
    });
    expect(event.rmqMessagesByQueue['q::/']?.[0]?.basicProperties.headers).toStrictEqual({
      header1: { bytes: [118, 97, 108, 117, 101, 49] },
      count: 10,
    });
  });

  it('rejects a queue key without the ::virtual-host part', () => {
    expect(() => mqRabbitmqEvent({ rmqMessagesByQueue: { orders: [{}] } })).toThrow(/rmqMessagesByQueue/);
  });

  it('checks AMQP timestamps in strict: Gson forms with or without the comma, a narrow space before AM/PM', () => {
    const event = mqRabbitmqEvent();
    const [message] = Object.values(event.rmqMessagesByQueue)[0] ?? [];
    const properties = message?.basicProperties as { timestamp: string | null };
    for (const timestamp of ['Jan 1, 1970, 12:33:41 AM', 'Jan 1, 1970 12:33:41 AM', 'Dec 31, 2025, 1:02:03\u202fPM']) {
      properties.timestamp = timestamp;
      expect({ timestamp, errors: validate('mq-rabbitmq', event, { strict: true }).errors }).toStrictEqual({
        timestamp,
        errors: [],
      });
    }
    properties.timestamp = '1970-01-01T00:33:41Z';
    expect(validate('mq-rabbitmq', event, { strict: true }).errors.map((e) => e.path)).toStrictEqual([
      expect.stringMatching(/basicProperties\.timestamp$/),
    ]);
    expect(validate('mq-rabbitmq', event).valid).toBe(true);
  });

  it('reports a bodySize that differs from the decoded data, naming data', () => {
    const event = mqRabbitmqEvent(
      { rmqMessagesByQueue: { 'q::/': [{ data: 'abc', basicProperties: { bodySize: 80 } }] } },
      { validate: 'shape' },
    );
    expect(validate('mq-rabbitmq', event, { strict: true }).errors).toStrictEqual([
      expect.objectContaining({
        rule: 'body-size',
        expected: '3, the byte length of rmqMessagesByQueue["q::/"][0].data',
        received: '80',
      }),
    ]);
  });
});

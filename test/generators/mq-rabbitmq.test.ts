import { describe, expect, it } from 'vitest';
import { mqRabbitmqArbitrary } from '../../src/arbitraries.ts';
import { type MqRabbitmqEvent, mqRabbitmqEvent } from '../../src/index.ts';
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
});

import { describe, expect, it } from 'vitest';
import { mqActivemqArbitrary } from '../../src/arbitraries.ts';
import { type MqActivemqEvent, mqActivemqEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

function derived(event: MqActivemqEvent): void {
  const [, , service, region, account, kind, , brokerId] = event.eventSourceArn.split(':');
  expect([service, kind]).toStrictEqual(['mq', 'broker']);
  expect(account).toMatch(/^\d{12}$/);
  for (const message of event.messages) {
    expect(message.brokerInTime).toBeGreaterThanOrEqual(message.timestamp);
    expect(message.brokerOutTime).toBeGreaterThanOrEqual(message.brokerInTime);
    expect(Buffer.from(message.data, 'base64').toString('base64')).toBe(message.data);
    if (message.connectionId !== undefined) {
      expect(message.messageID.startsWith(`${message.connectionId}:`)).toBe(true);
      expect(message.connectionId).toContain(`${brokerId}-1.mq.${region}.amazonaws.com`);
    }
  }
}

runEventContract<MqActivemqEvent>({
  id: 'mq-activemq',
  build: mqActivemqEvent as never,
  arbitrary: mqActivemqArbitrary as never,
  override: {
    value: { messages: [{ data: { orderId: 'o-1' } }] },
    check: (event) => expect(decode(event.messages[0]?.data ?? '')).toBe('{"orderId":"o-1"}'),
  },
  derived,
  requiredPath: ['messages', 0, 'messageID'],
  breaks: {
    'broker-in-before-out': (event) => {
      const message = event.messages[0] as { brokerInTime: number; brokerOutTime: number };
      message.brokerOutTime = message.brokerInTime - 1;
    },
    'persistent-matches-delivery-mode': (event) => {
      const message = event.messages[0] as { deliveryMode?: number; persistent?: boolean };
      message.persistent = message.deliveryMode !== 2;
    },
  },
});

describe('mqActivemqEvent', () => {
  it('builds text messages whose data decodes to JSON, and bytes messages for the bytes-message variant', () => {
    const text = mqActivemqEvent(undefined, { records: 2 });
    expect(text.messages.map((m) => m.messageType)).toStrictEqual(['jms/text-message', 'jms/text-message']);
    expect(() => JSON.parse(decode(text.messages[0]?.data ?? ''))).not.toThrow();
    expect(mqActivemqEvent(undefined, { variant: 'bytes-message' }).messages[0]?.messageType).toBe('jms/bytes-message');
  });

  it('numbers messages of one connection in sequence', () => {
    const event = mqActivemqEvent(undefined, { records: 5, seed: 3 });
    const sequences = event.messages.map((m) => Number(m.messageID.split(':').at(-1)));
    for (let i = 1; i < sequences.length; i++) expect(sequences[i]).toBe((sequences[i - 1] ?? 0) + 1);
  });

  it('encodes data given as bytes without touching them', () => {
    const event = mqActivemqEvent({ messages: [{ data: Buffer.from([0, 255]) }] });
    expect(event.messages[0]?.data).toBe('AP8=');
  });

  it('accepts the legacy "aws:amq" eventSource in both profiles, and rejects the RabbitMQ one', () => {
    expect(mqActivemqEvent({ eventSource: 'aws:amq' }).eventSource).toBe('aws:amq');
    expect(validate('mq-activemq', { ...mqActivemqEvent(), eventSource: 'aws:rmq' }).valid).toBe(false);
  });

  it('accepts persistent alongside a matching delivery mode, or alone', () => {
    const event = mqActivemqEvent({
      messages: [
        { deliveryMode: 2, persistent: true },
        { persistent: false },
        { persistent: true, deliveryMode: undefined },
      ],
    });
    expect(event.messages.map((m) => m.deliveryMode)).toStrictEqual([2, 1, undefined]);
    expect(validate('mq-activemq', event, { strict: true }).errors).toStrictEqual([]);
    const wrong = mqActivemqEvent({ messages: [{ deliveryMode: 1, persistent: true }] }, { validate: 'shape' });
    expect(validate('mq-activemq', wrong, { strict: true }).errors).toStrictEqual([
      expect.objectContaining({ path: 'messages[0].persistent', rule: 'persistent-matches-delivery-mode' }),
    ]);
  });

  it('accepts a message type Lambda does not document in shape only', () => {
    const event = mqActivemqEvent();
    (event.messages[0] as { messageType: string }).messageType = 'jms/map-message';
    expect(validate('mq-activemq', event).valid).toBe(true);
    expect(validate('mq-activemq', event, { strict: true }).valid).toBe(false);
  });
});

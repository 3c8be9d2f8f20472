import { describe, expect, it } from 'vitest';
import { mqActivemqArbitrary } from '../../src/arbitraries.ts';
import { type MqActivemqEvent, mqActivemqEvent } from '../../src/index.ts';
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

  it('rejects the legacy "aws:amq" eventSource', () => {
    expect(() => mqActivemqEvent({ eventSource: 'aws:amq' as never })).toThrow(/eventSource/);
  });
});

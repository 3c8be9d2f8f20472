import { describe, expect, it } from 'vitest';
import { parseMappingInvocation, runMapping } from '../../../../src/harness/esm/mapping.ts';
import { simulateMq } from '../../../../src/harness/esm/mq/mq.ts';
import { registerStreamSources } from '../../../../src/harness/esm/streams/register.ts';
import { decode, outcomes } from '../streams/helpers.ts';

interface ActiveMqEvent {
  eventSource: string;
  messages: { data: string; redelivered: boolean; messageID: string; destination: { physicalName: string } }[];
}

function recorder(answer: (event: ActiveMqEvent, call: number) => unknown = () => null) {
  const batches: string[][] = [];
  const events: ActiveMqEvent[] = [];
  const handler = async (event: ActiveMqEvent) => {
    events.push(event);
    batches.push(event.messages.map((m) => decode(m.data)));
    return answer(event, batches.length - 1);
  };
  return { handler, batches, events };
}

const bodies = (n: number) => Array.from({ length: n }, (_, i) => ({ body: String(i) }));
const throwOn = (bad: string) => (event: ActiveMqEvent) => {
  if (event.messages.some((m) => decode(m.data) === bad)) throw new Error('poison');
  return null;
};

describe('Amazon MQ batches (aws-behaviour §4.5)', () => {
  it('delivers ActiveMQ messages in order after the 500 ms default window, batchSize default 100', async () => {
    const { handler, batches, events } = recorder();
    const ledger = await simulateMq(handler, bodies(150), { broker: { queue: 'orders' } });
    expect(batches.map((b) => b.length)).toStrictEqual([100, 50]);
    expect(ledger.invocations[0]?.at).toBe(0);
    expect(events[0]?.eventSource).toBe('aws:mq');
    expect(events[0]?.messages[0]?.destination.physicalName).toBe('orders');
    expect(events[0]?.messages[0]?.redelivered).toBe(false);
  });

  it('waits for the window when the batch is not full', async () => {
    const ledger = await simulateMq(async () => null, bodies(2));
    expect(ledger.invocations.map((i) => i.at)).toStrictEqual([500]);
  });

  it('delivers RabbitMQ messages keyed queue::virtual-host with AMQP properties', async () => {
    const events: Record<string, unknown>[] = [];
    await simulateMq(
      async (event: Record<string, unknown>) => {
        events.push(event);
      },
      [{ body: { a: 1 }, properties: { source: 'web' } }],
      { broker: { engine: 'rabbitmq', queue: 'pizza', virtualHost: '/shop' } },
    );
    const byQueue = events[0]?.rmqMessagesByQueue as Record<
      string,
      { data: string; basicProperties: Record<string, unknown> }[]
    >;
    expect(events[0]?.eventSource).toBe('aws:rmq');
    expect(Object.keys(byQueue)).toStrictEqual(['pizza::/shop']);
    const message = byQueue['pizza::/shop']?.[0];
    expect(decode(message?.data ?? '')).toBe('{"a":1}');
    expect(message?.basicProperties.headers).toStrictEqual({ source: { bytes: [119, 101, 98] } });
    expect(message?.basicProperties.bodySize).toBe(7);
  });

  it('rejects an unknown engine', async () => {
    await expect(simulateMq(async () => null, bodies(1), { broker: { engine: 'kafka' as never } })).rejects.toThrow(
      /options.broker.engine: expected "activemq" or "rabbitmq"/,
    );
  });
});

describe('Amazon MQ redelivery (aws-behaviour §4.5)', () => {
  it('redelivers a failed batch with redelivered: true until it succeeds', async () => {
    let calls = 0;
    const { handler, events } = recorder(() => {
      if (calls++ < 2) throw new Error('transient');
      return null;
    });
    const ledger = await simulateMq(handler, bodies(2));
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'succeeded']);
    expect(events.map((e) => e.messages[0]?.redelivered)).toStrictEqual([false, true, true]);
    // Redelivery after 1 s, then the 500 ms batching window again.
    expect(ledger.invocations.map((i) => i.at)).toStrictEqual([500, 2000, 3500]);
  });

  it('moves a message to ActiveMQ.DLQ after maximumRedeliveries (default 6) redeliveries', async () => {
    const ledger = await simulateMq(throwOn('1'), bodies(3), { batchSize: 1 });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'redriven', 'succeeded']);
    expect(ledger.events[1]).toMatchObject({ attempts: 7 });
    expect(ledger.events[1]?.reason).toMatch(/^moved to ActiveMQ.DLQ after 7 deliveries \(maximumRedeliveries 6\)/);
  });

  it('drops a RabbitMQ message over its delivery limit when no dead-letter exchange is set', async () => {
    const ledger = await simulateMq(
      async () => {
        throw new Error('down');
      },
      bodies(1),
      { broker: { engine: 'rabbitmq', maximumRedeliveries: 2 } },
    );
    expect(ledger.events[0]).toMatchObject({ outcome: 'failed', attempts: 3 });
    expect(ledger.events[0]?.reason).toMatch(/^dropped by the broker after 3 deliveries/);
  });

  it('drops records larger than 6 MB without invoking', async () => {
    const { handler, batches } = recorder();
    const ledger = await simulateMq(handler, [{ body: 'x'.repeat(5 * 1024 * 1024) }, { body: 'ok' }]);
    expect(outcomes(ledger)).toStrictEqual(['failed', 'succeeded']);
    expect(ledger.events[0]?.reason).toMatch(/larger than the 6 MB/);
    expect(batches).toStrictEqual([['ok']]);
  });
});

describe('Amazon MQ event filtering (aws-behaviour §4.6)', () => {
  it('acknowledges messages no pattern matches', async () => {
    const { handler, batches } = recorder();
    const ledger = await simulateMq(handler, [{ body: { kind: 'order' } }, { body: { kind: 'ping' } }], {
      filterCriteria: { Filters: [{ Pattern: '{"data":{"kind":["order"]}}' }] },
    });
    expect(outcomes(ledger)).toStrictEqual(['succeeded', 'filtered']);
    expect(ledger.events[1]?.reason).toMatch(/acknowledged by event filtering/);
    expect(batches).toStrictEqual([['{"kind":"order"}']]);
  });

  it('rejects options MQ mappings do not have', async () => {
    await expect(simulateMq(async () => null, bodies(1), { maximumRetryAttempts: 2 })).rejects.toThrow(
      /maximumRetryAttempts: not supported for source "mq"/,
    );
  });
});

describe('mq scenarios', () => {
  registerStreamSources();

  it('runs invocation {"source": "mq"} with body entries and generated events', async () => {
    const parsed = parseMappingInvocation({ source: 'mq', broker: { engine: 'rabbitmq' }, batchSize: 2 });
    const ledger = await runMapping(parsed, async () => null, [
      { body: 'hello' },
      { body: { a: 1 }, properties: { h: 1 } },
      { generate: 'mq-rabbitmq', records: 2 },
    ]);
    expect(ledger.events).toHaveLength(4);
    expect(new Set(outcomes(ledger))).toStrictEqual(new Set(['succeeded']));
  });

  it('names an entry that gives no body and a generator of the other engine', async () => {
    const parsed = parseMappingInvocation({ source: 'mq' });
    await expect(runMapping(parsed, async () => null, [{ data: 'x' }])).rejects.toThrow(
      /events\[0\].data: unknown key/,
    );
    await expect(runMapping(parsed, async () => null, [{ generate: 'mq-rabbitmq' }])).rejects.toThrow(
      /reads "mq-activemq" events/,
    );
  });
});

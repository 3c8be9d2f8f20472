/**
 * The Amazon MQ poller of an event source mapping, ActiveMQ and RabbitMQ (aws-behaviour §4.5): batches by batchSize /
 * window (500 ms default) / 6 MB, a failing batch rolled back and redelivered (`redelivered: true`) until it
 * succeeds or the broker gives up (ActiveMQ `maximumRedeliveries` 6 → `ActiveMQ.DLQ`, outcome `redriven`),
 * records over 6 MB dropped, filtering acknowledging unmatched messages. See docs/decisions/streams-kafka-mq-pollers.md.
 */
import type { MqActivemqMessage } from '../../../../generators/mq-activemq/index.ts';
import { mqActivemqEvent } from '../../../../generators/mq-activemq/index.ts';
import type { MqRabbitmqMessage } from '../../../../generators/mq-rabbitmq/index.ts';
import { mqRabbitmqEvent } from '../../../../generators/mq-rabbitmq/index.ts';
import { checkInteger, checkNumber, describeValue, ScenarioError } from '../../errors.ts';
import type { Handler } from '../../invoke.ts';
import {
  BATCH_PAYLOAD_LIMIT,
  failureReason,
  type MappingConfig,
  type MappingLedger,
  MappingRun,
  type MappingRunOptions,
  type PreparedMapping,
  pumpScheduler,
  type SourceRunner,
  takeBatch,
  windowDue,
} from '../core.ts';
import { EPOCH, RETRY_BACKOFF_MAX_MS, RETRY_BACKOFF_MIN_MS } from '../streams/log-poller.ts';
import {
  arrivalOf,
  dataBytes,
  entryInputs,
  nameAt,
  objectAt,
  optionsAt,
  type ParsedPollerInvocation,
  pollerRunner,
  type PollerSource,
  RECORDS_PER_BUILD,
  simulatePoller,
} from '../streams/shared.ts';

/** The broker engine. */
export type MqEngine = 'activemq' | 'rabbitmq';

/** One message sent to the queue. */
export interface MqMessageInput {
  /** The body: a string is UTF-8 text, bytes are kept, anything else is JSON-encoded (base64 `data` in the event). */
  body: unknown;
  /** ActiveMQ message properties, or RabbitMQ headers. */
  properties?: Record<string, string | number | boolean>;
  /** ActiveMQ only: `jms/text-message` (default) or `jms/bytes-message`. */
  messageType?: 'jms/text-message' | 'jms/bytes-message';
  /** Virtual ms at which the message is sent. Default 0. */
  at?: number;
}

/** The broker and queue the mapping reads. */
export interface MqBrokerOptions {
  /** Default `activemq`. */
  engine?: MqEngine;
  /** Broker name. Default `my-broker`. */
  name?: string;
  /** Queue name. Default `my-queue`. */
  queue?: string;
  /** RabbitMQ virtual host. Default `/`. */
  virtualHost?: string;
  /**
   * Redeliveries before the broker gives up: ActiveMQ default 6 (then `ActiveMQ.DLQ`,
   * https://docs.aws.amazon.com/lambda/latest/dg/services-mq-errors.html); RabbitMQ
   * default 20 (a quorum queue's delivery limit; then dropped, or dead-lettered with `deadLetter`). −1 = never.
   */
  maximumRedeliveries?: number;
  /** Whether messages over the limit go to a dead-letter queue. Default: true for ActiveMQ, false for RabbitMQ. */
  deadLetter?: boolean;
  /** Delay before a rolled-back batch is redelivered, in ms. Default 1 000 (ActiveMQ's initialRedeliveryDelay). */
  redeliveryDelayMs?: number;
}

/** Options of `simulateMq`. */
export interface MqSimulationOptions extends MappingConfig, MappingRunOptions {
  broker?: MqBrokerOptions;
}

interface PreparedBroker {
  readonly engine: MqEngine;
  readonly name: string;
  readonly queue: string;
  readonly virtualHost: string;
  readonly maximumRedeliveries: number;
  readonly deadLetter: boolean;
  readonly redeliveryDelayMs: number;
}

const BROKER_KEYS = [
  'engine',
  'name',
  'queue',
  'virtualHost',
  'maximumRedeliveries',
  'deadLetter',
  'redeliveryDelayMs',
];

function prepareBroker(value: unknown, field: string): PreparedBroker {
  const b = optionsAt(`${field}.broker`, value, BROKER_KEYS);
  const engine = b.engine ?? 'activemq';
  if (engine !== 'activemq' && engine !== 'rabbitmq') {
    throw new ScenarioError(
      `${field}.broker.engine`,
      `expected "activemq" or "rabbitmq", received ${describeValue(engine)}`,
    );
  }
  const text = (key: string, fallback: string, pattern: RegExp) => nameAt(`${field}.broker`, b, key, fallback, pattern);
  if (b.deadLetter !== undefined && typeof b.deadLetter !== 'boolean') {
    throw new ScenarioError(`${field}.broker.deadLetter`, `expected boolean, received ${describeValue(b.deadLetter)}`);
  }
  return {
    engine,
    name: text('name', 'my-broker', /^[A-Za-z0-9_-]{1,50}$/),
    queue: text('queue', 'my-queue', /^[^\s:]{1,255}$/),
    virtualHost: text('virtualHost', '/', /^\S{1,255}$/),
    maximumRedeliveries:
      checkInteger(`${field}.broker.maximumRedeliveries`, b.maximumRedeliveries, -1, 1000) ??
      (engine === 'activemq' ? 6 : 20),
    deadLetter: (b.deadLetter as boolean | undefined) ?? engine === 'activemq',
    redeliveryDelayMs: checkNumber(`${field}.broker.redeliveryDelayMs`, b.redeliveryDelayMs, 0, 3_600_000) ?? 1000,
  };
}

const ENTRY_KEYS = ['body', 'properties', 'messageType', 'at'];

/** Checks scenario entries / API inputs and expands `{"generate": "mq-activemq" | "mq-rabbitmq"}`. */
export function mqInputs(entries: readonly unknown[], engine: MqEngine, field = 'events'): MqMessageInput[] {
  return entryInputs<MqMessageInput>(entries, field, {
    what: '{"body": …} or {"generate": "mq-activemq", …}',
    generate: [engine === 'activemq' ? 'mq-activemq' : 'mq-rabbitmq'],
    fromEvent(event, at) {
      const e = event as Record<string, unknown>;
      const messages =
        engine === 'activemq'
          ? (e.messages as MqActivemqMessage[])
          : Object.values(e.rmqMessagesByQueue as Record<string, MqRabbitmqMessage[]>).flat();
      return messages.map((m) => {
        const input: MqMessageInput = { body: Buffer.from(m.data, 'base64'), at };
        if ('messageType' in m) input.messageType = m.messageType;
        return input;
      });
    },
    keys: ENTRY_KEYS,
    fromEntry(entry, at) {
      if (entry.body === undefined)
        throw new ScenarioError(`${at}.body`, 'expected the message body, received undefined');
      const input: MqMessageInput = { body: entry.body, at: arrivalOf(at, entry.at) };
      if (entry.properties !== undefined) {
        input.properties = objectAt(`${at}.properties`, entry.properties, 'an object') as MqMessageInput['properties'] &
          object;
      }
      if (entry.messageType !== undefined) {
        if (
          engine !== 'activemq' ||
          (entry.messageType !== 'jms/text-message' && entry.messageType !== 'jms/bytes-message')
        ) {
          throw new ScenarioError(
            `${at}.messageType`,
            `ActiveMQ takes "jms/text-message" or "jms/bytes-message", received ${describeValue(entry.messageType)}`,
          );
        }
        input.messageType = entry.messageType;
      }
      return input;
    },
  });
}

interface Msg {
  readonly index: number;
  readonly availableAt: number;
  readonly record: MqActivemqMessage | MqRabbitmqMessage;
  readonly bytes: number;
  deliveries: number;
  /** Not before this virtual ms (redelivery delay). */
  readyAt: number;
  done: boolean;
  lastError: string | undefined;
}

/** Runs messages through a prepared MQ mapping (used by `simulateMq` and scenarios). */
export function pollMq(
  broker: PreparedBroker,
  mapping: PreparedMapping,
  handler: Handler,
  inputs: readonly MqMessageInput[],
  options: MappingRunOptions,
): Promise<MappingLedger> {
  const run = new MappingRun(handler, options, inputs.length);
  const { clock, ledger, fn } = run;
  const brokerArn = `arn:aws:mq:${fn.region}:${fn.accountId}:broker:${broker.name}:b-${run.random.uuid()}`;
  const activemq = broker.engine === 'activemq';
  const queueKey = `${broker.queue}::${broker.virtualHost}`;
  const order = inputs.map((input, index) => ({ input, index })).sort((a, b) => (a.input.at ?? 0) - (b.input.at ?? 0));
  const messages: Msg[] = [];
  for (let start = 0; start < order.length; start += RECORDS_PER_BUILD) {
    const chunk = order.slice(start, start + RECORDS_PER_BUILD);
    const seed = (run.seed + start) >>> 0;
    let built: (MqActivemqMessage | MqRabbitmqMessage)[];
    if (activemq) {
      const overrides = chunk.map(({ input }) => {
        const sent = EPOCH + (input.at ?? 0);
        const m: Record<string, unknown> = {
          data: dataBytes(input.body),
          destination: { physicalName: broker.queue },
          timestamp: sent,
          brokerInTime: sent,
          brokerOutTime: sent,
          messageType: input.messageType ?? 'jms/text-message',
        };
        if (input.properties !== undefined) m.properties = input.properties;
        return m;
      });
      built = mqActivemqEvent(
        { eventSourceArn: brokerArn, messages: overrides as never },
        { seed, now: EPOCH, validate: false },
      ).messages;
    } else {
      const overrides = chunk.map(({ input }) => ({
        data: dataBytes(input.body),
        basicProperties: {
          contentType: typeof input.body === 'string' ? 'text/plain' : 'application/json',
          deliveryMode: 2,
          ...(input.properties === undefined ? {} : { headers: input.properties }),
        },
      }));
      const event = mqRabbitmqEvent(
        { eventSourceArn: brokerArn, rmqMessagesByQueue: { [queueKey]: overrides as never } },
        { seed, now: EPOCH, validate: false },
      );
      built = event.rmqMessagesByQueue[queueKey] ?? [];
    }
    built.forEach((record, i) => {
      const { input, index } = chunk[i] as (typeof chunk)[number];
      messages.push({
        index,
        availableAt: input.at ?? 0,
        record,
        bytes: Buffer.byteLength(JSON.stringify(record)),
        deliveries: 0,
        readyAt: input.at ?? 0,
        done: false,
        lastError: undefined,
      });
    });
  }

  const byIndex = new Map(messages.map((m) => [m.index, m]));
  let head = 0;
  let busy = false;
  let openedAt: number | undefined;
  const requestPump = pumpScheduler(clock, () => pump());
  const settle = (m: Msg, outcome: Parameters<typeof ledger.settle>[1], reason?: string) => {
    m.done = true;
    ledger.settle(m.index, outcome, reason);
  };
  const deliveredRecord = (m: Msg) => ({ ...m.record, redelivered: m.deliveries > 1 });
  const overhead = activemq ? 200 : 250 + queueKey.length;

  const pump = async (): Promise<void> => {
    if (busy) return;
    const now = clock.now;
    // Messages are read in queue order; a rolled-back batch blocks the consumer until its redelivery (§4.5).
    const candidates: Msg[] = [];
    let next: number | undefined;
    for (let i = head; i < messages.length && candidates.length < mapping.batchSize; i++) {
      const m = messages[i] as Msg;
      if (m.done) {
        if (i === head) head++;
        continue;
      }
      if (m.availableAt > now || m.readyAt > now) {
        next = Math.max(m.availableAt, m.readyAt);
        break;
      }
      if (m.bytes + overhead > BATCH_PAYLOAD_LIMIT) {
        settle(m, 'failed', `dropped: the record is larger than the 6 MB batch payload limit (aws-behaviour §4.5)`);
        continue;
      }
      if (mapping.filter !== undefined && m.deliveries === 0 && !mapping.filter.matches(m.record)) {
        settle(m, 'filtered', 'acknowledged by event filtering: no filter pattern matched (aws-behaviour §4.6)');
        continue;
      }
      candidates.push(m);
    }
    if (candidates.length === 0) {
      openedAt = undefined;
      if (next !== undefined) requestPump(next);
      return;
    }
    openedAt ??= now;
    const pick = takeBatch(candidates, (m) => m.bytes, { batchSize: mapping.batchSize, overheadBytes: overhead });
    if (!windowDue(pick, openedAt, mapping.windowMs, now)) {
      requestPump(openedAt + mapping.windowMs);
      if (next !== undefined && next < openedAt + mapping.windowMs) requestPump(next);
      return;
    }
    openedAt = undefined;
    await deliver(candidates.slice(0, Math.max(1, pick.count)), RETRY_BACKOFF_MIN_MS);
  };

  const deliver = async (batch: Msg[], backoff: number): Promise<void> => {
    busy = true;
    for (const m of batch) m.deliveries++;
    const records = batch.map(deliveredRecord);
    const event = activemq
      ? { eventSource: 'aws:mq', eventSourceArn: brokerArn, messages: records }
      : { eventSource: 'aws:rmq', eventSourceArn: brokerArn, rmqMessagesByQueue: { [queueKey]: records } };
    const { result, endsAt } = await run.invokeBatch(
      event,
      batch.map((m) => m.index),
      (i) => byIndex.get(i)?.deliveries ?? 1,
    );
    const apply = () => {
      if (result.status === 'throttled' || result.invocationError !== undefined) {
        // The consumer holds the batch and retries the invoke with backoff; no redelivery is counted.
        for (const m of batch) {
          m.deliveries--;
          m.lastError = failureReason(result);
        }
        clock.schedule(clock.now + backoff, () => deliver(batch, Math.min(backoff * 2, RETRY_BACKOFF_MAX_MS)));
        return;
      }
      busy = false;
      if (result.status === 'success') {
        for (const m of batch) settle(m, 'succeeded');
        requestPump(clock.now);
        return;
      }
      // aws-behaviour §4.5: the whole batch is rolled back and redelivered by the broker.
      const why = failureReason(result);
      const limit = broker.maximumRedeliveries;
      for (const m of batch) {
        m.lastError = why;
        if (limit >= 0 && m.deliveries > limit) {
          const where = activemq ? 'ActiveMQ.DLQ' : 'the dead-letter exchange';
          if (broker.deadLetter) {
            settle(
              m,
              'redriven',
              `moved to ${where} after ${m.deliveries} deliveries (maximumRedeliveries ${limit}); last error: ${why}`,
            );
          } else {
            settle(
              m,
              'failed',
              `dropped by the broker after ${m.deliveries} deliveries (limit ${limit}); last error: ${why}`,
            );
          }
          continue;
        }
        m.readyAt = clock.now + broker.redeliveryDelayMs;
      }
      requestPump(clock.now + broker.redeliveryDelayMs);
      requestPump(clock.now);
    };
    if (endsAt > clock.now) clock.schedule(endsAt, apply);
    else apply();
  };

  const first = messages[0];
  if (first !== undefined) requestPump(first.availableAt);
  return run.finish();
}

/** The Amazon MQ source: a broker's queue. */
const MQ: PollerSource<PreparedBroker, MqMessageInput> = {
  ownKeys: ['broker'],
  prepare: (own, field) => prepareBroker(own.broker, field),
  inputs: (entries, broker, field) => mqInputs(entries, broker.engine, field),
  poll: pollMq,
};

/**
 * Sends `messages` to an Amazon MQ queue (ActiveMQ by default) and runs them through an event source mapping
 * invoking `handler` (aws-behaviour §4.5); returns the ledger, one event per message in input order.
 * @example
 * const ledger = await simulateMq(handler, [{ body: 'hello' }], { broker: { engine: 'rabbitmq' } });
 */
export async function simulateMq(
  handler: Handler,
  messages: readonly MqMessageInput[],
  options: MqSimulationOptions = {},
): Promise<MappingLedger> {
  return simulatePoller(MQ, 'mq', handler, messages, 'messages', options);
}

/** A validated `invocation` of source `mq`. */
export interface ParsedMqInvocation extends ParsedPollerInvocation<'mq'> {
  readonly broker: PreparedBroker;
}

/** The scenario runner of source `mq`: entries `{"body", "properties"?, "messageType"?, "at"?}` or `{"generate": …}`. */
export const mqSource: SourceRunner<ParsedMqInvocation> = pollerRunner(MQ, 'mq', 'broker');

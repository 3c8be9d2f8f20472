/**
 * The SQS poller of an event source mapping (aws-behaviour §4.2), standard and FIFO, on the virtual clock: batches by
 * batchSize / window / 6 MB, visibility timeout, redrive to the queue's DLQ after maxReceiveCount, partial batch
 * responses, FIFO group order, filtering (§4.6), throttles, scaling and at-least-once duplicates.
 */
import { checkOptions, defineOptions, MAPPING_RUN_OPTIONS, UNSIMULATED_MAPPING_SETTINGS } from '../options.ts';
import { DEFAULT_NOW } from '../../core/aws-values.ts';
import { asText } from '../../core/encoders.ts';
import { findNonJson, nonJsonText } from '../../core/overrides.ts';
import { formatPath } from '../../contracts/schema.ts';
import type { SqsMessageAttribute, SqsRecord } from '../../../generators/sqs/index.ts';
import { definition as sqsType } from '../../../generators/sqs/definition.ts';
import { sqsEvent } from '../../../generators/sqs/index.ts';
import { checkInteger, checkNumber, describeValue, ScenarioError } from '../errors.ts';
import type { Handler } from '../invoke.ts';
import {
  type BatchResponse,
  failureReason,
  generatedRecords,
  MAPPING_KEYS,
  type MappingConfig,
  type MappingLedger,
  MappingRun,
  type MappingRunOptions,
  objectAt,
  onlyKeys,
  type ParsedSource,
  type PreparedMapping,
  parseBatchItemFailures,
  prepareMapping,
  pumpScheduler,
  type SourceRunner,
  BATCH_PAYLOAD_LIMIT,
  takeBatch,
  windowDue,
} from './core.ts';

/** An SQS queue's own configuration (the source queue of the mapping). */
export interface SqsQueueOptions {
  /** A FIFO queue (name ends in `.fifo`). Default false. */
  fifo?: boolean;
  /** Queue name. Default `my-queue` (`my-queue.fifo` for FIFO). */
  name?: string;
  /** Seconds a received message stays hidden, 0–43 200 (aws-behaviour §4.2). Default 30. */
  visibilityTimeout?: number;
  /** Redrive policy: after this many receives the next receive moves the message to the DLQ, 1–1 000. Default: no DLQ. */
  maxReceiveCount?: number;
  /** Seconds a message is kept, 60–1 209 600. Default 345 600 (4 days). */
  messageRetentionPeriod?: number;
  /** Largest message in bytes, 1 024–1 048 576 (aws-behaviour §4.2, §6). Default 1 048 576. */
  maximumMessageSize?: number;
}

/** A message attribute: AWS's shape, or a string / number shorthand. */
export type SqsAttributeInput = SqsMessageAttribute | string | number;

/** One message sent to the queue. */
export interface SqsMessage {
  /** The body; a non-string value is JSON-encoded. */
  body: unknown;
  messageAttributes?: Record<string, SqsAttributeInput>;
  /** FIFO only, required there. */
  messageGroupId?: string;
  /** FIFO only. Default: a random 64-hex id (as if content-based deduplication were on). */
  messageDeduplicationId?: string;
  /** Standard queues only: seconds before the message becomes visible, 0–900. Default 0. */
  delaySeconds?: number;
}

/** Options of `queue.drain`: the mapping (AWS names) plus the function and simulation options. */
export interface SqsDrainOptions extends MappingConfig, MappingRunOptions {
  /** Filters allowed in `filterCriteria`: 5, or up to 10 with a raised quota (aws-behaviour §4.6). Default 5. */
  filterQuota?: number;
}

/** Options of `simulateSqs`: `queue` plus everything `drain` takes. */
export interface SqsSimulationOptions extends SqsDrainOptions {
  queue?: SqsQueueOptions;
}

/** Function and simulation options `drain` passes on; a Record so a new FunctionOptions key fails to compile here. */
const RUN_KEY_SET: Record<keyof MappingRunOptions, true> = {
  functionName: true,
  functionVersion: true,
  alias: true,
  region: true,
  accountId: true,
  timeout: true,
  memorySize: true,
  environment: true,
  runtime: true,
  callbackHandlerError: true,
  timeoutPayload: true,
  functionError: true,
  logs: true,
  faults: true,
  duplicateRate: true,
  invocationDurationMs: true,
  seed: true,
  until: true,
};
const RUN_KEYS = Object.keys(RUN_KEY_SET);
const SQS_DRAIN_OPTIONS = defineOptions(
  [...MAPPING_KEYS, 'filterQuota'],
  UNSIMULATED_MAPPING_SETTINGS,
  MAPPING_RUN_OPTIONS,
);

interface PreparedQueue {
  readonly fifo: boolean;
  readonly name: string;
  readonly visibilityMs: number;
  readonly maxReceiveCount: number | undefined;
  readonly retentionMs: number;
  readonly maximumMessageSize: number;
}

function prepareQueue(value: unknown, fifo: boolean | undefined, field: string): PreparedQueue {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new ScenarioError(field, `expected an object, received ${describeValue(value)}`);
  }
  const q = (value ?? {}) as Record<string, unknown>;
  const known = [
    'fifo',
    'name',
    'visibilityTimeout',
    'maxReceiveCount',
    'messageRetentionPeriod',
    'maximumMessageSize',
  ];
  for (const key of Object.keys(q)) {
    if (!known.includes(key)) throw new ScenarioError(`${field}.${key}`, `unknown option; known: ${known.join(', ')}`);
  }
  if (q.fifo !== undefined && typeof q.fifo !== 'boolean') {
    throw new ScenarioError(`${field}.fifo`, `expected boolean, received ${describeValue(q.fifo)}`);
  }
  if (fifo !== undefined && q.fifo !== undefined && q.fifo !== fifo) {
    throw new ScenarioError(`${field}.fifo`, `contradicts the source (${fifo ? 'sqs-fifo' : 'sqs'})`);
  }
  const isFifo = fifo ?? (q.fifo as boolean | undefined) ?? false;
  const name = q.name ?? (isFifo ? 'my-queue.fifo' : 'my-queue');
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,75}(\.fifo)?$/.test(name) || name.length > 80) {
    throw new ScenarioError(`${field}.name`, `expected 1–80 letters, digits, - or _, received ${describeValue(name)}`);
  }
  if (name.endsWith('.fifo') !== isFifo) {
    throw new ScenarioError(
      `${field}.name`,
      isFifo ? 'a FIFO queue name ends in .fifo' : 'only FIFO queue names end in .fifo',
    );
  }
  return {
    fifo: isFifo,
    name,
    visibilityMs: (checkInteger(`${field}.visibilityTimeout`, q.visibilityTimeout, 0, 43_200) ?? 30) * 1000,
    maxReceiveCount: checkInteger(`${field}.maxReceiveCount`, q.maxReceiveCount, 1, 1000),
    retentionMs:
      (checkInteger(`${field}.messageRetentionPeriod`, q.messageRetentionPeriod, 60, 1_209_600) ?? 345_600) * 1000,
    maximumMessageSize: checkInteger(`${field}.maximumMessageSize`, q.maximumMessageSize, 1024, 1_048_576) ?? 1_048_576,
  };
}

/** A message as the queue stores it. */
interface Msg {
  readonly index: number;
  readonly body: string;
  readonly messageAttributes: Record<string, SqsMessageAttribute>;
  readonly group: string | undefined;
  readonly dedup: string | undefined;
  readonly availableAt: number;
  /** The messageId the queue assigned. */
  messageId: string;
  /** Message attributes as the record carries them (list fields completed by the generator). */
  recordAttributes: Record<string, SqsMessageAttribute>;
  /** The record's JSON around its per-receive parts: receipt handle, receive count, first-receive timestamp. */
  json: [string, string, string, string] | undefined;
  /** UTF-16 length of the record's JSON without its per-receive parts (3 × is an upper bound of its bytes). */
  chars: number;
  /** Exact UTF-8 bytes (plus per-receive room), computed when a batch could reach 6 MB. */
  bytes: number;
  receives: number;
  firstReceiveAt: number;
  visibleAt: number;
  done: boolean;
  lastError: string | undefined;
  /** The filter matched at the first receive (checked once). */
  matched: boolean;
  /** Why a deleted message's deletion deserves attention (ignored partial response, broken FIFO order). */
  note: string | undefined;
}

interface QueueState {
  readonly queue: PreparedQueue;
  readonly messages: readonly Msg[];
}
const internals = new WeakMap<SqsQueue, QueueState>();

const ATTRIBUTE_TYPES = /^(String|Number|Binary)(\..+)?$/;

function attributes(value: unknown, field: string): Record<string, SqsMessageAttribute> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError(field, `expected an object, received ${describeValue(value)}`);
  }
  const out: Record<string, SqsMessageAttribute> = {};
  const entries = Object.entries(value);
  if (entries.length > 10) throw new ScenarioError(field, `at most 10 message attributes, received ${entries.length}`);
  for (const [name, raw] of entries) {
    if (typeof raw === 'string') out[name] = { dataType: 'String', stringValue: raw };
    else if (typeof raw === 'number' && Number.isFinite(raw))
      out[name] = { dataType: 'Number', stringValue: String(raw) };
    else if (typeof raw === 'object' && raw !== null && typeof (raw as SqsMessageAttribute).dataType === 'string') {
      const a = raw as SqsMessageAttribute;
      if (!ATTRIBUTE_TYPES.test(a.dataType)) {
        throw new ScenarioError(
          `${field}.${name}.dataType`,
          `expected String, Number or Binary, received ${describeValue(a.dataType)}`,
        );
      }
      if (a.stringValue === undefined && a.binaryValue === undefined) {
        throw new ScenarioError(`${field}.${name}`, 'expected a stringValue or binaryValue');
      }
      out[name] = { ...a };
    } else {
      throw new ScenarioError(
        `${field}.${name}`,
        `expected a string, a number or {"dataType", "stringValue"|"binaryValue"}, received ${describeValue(raw)}`,
      );
    }
  }
  return out;
}

function messageSize(body: string, attrs: Record<string, SqsMessageAttribute>): number {
  let size = Buffer.byteLength(body);
  for (const [name, a] of Object.entries(attrs)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.dataType);
    size +=
      Buffer.byteLength(a.stringValue ?? '') +
      (a.binaryValue === undefined ? 0 : Buffer.from(a.binaryValue, 'base64').length);
  }
  return size;
}

/**
 * An SQS queue to send messages to and drain through an event source mapping (aws-behaviour §4.2). `drain` simulates
 * from the start each time (the queue is a description), so one queue can be drained by several handlers.
 * @example
 * const queue = sqsQueue({ maxReceiveCount: 3 });
 * queue.send({ body: { orderId: 1 } });
 * const ledger = await queue.drain(handler, { functionResponseTypes: ['ReportBatchItemFailures'] });
 */
export class SqsQueue {
  readonly #queue: PreparedQueue;
  readonly #messages: Msg[] = [];

  /** Use `sqsQueue(options)`. */
  constructor(queue: PreparedQueue) {
    this.#queue = queue;
    internals.set(this, { queue, messages: this.#messages });
  }

  get fifo(): boolean {
    return this.#queue.fifo;
  }

  get name(): string {
    return this.#queue.name;
  }

  /** Messages sent so far. */
  get size(): number {
    return this.#messages.length;
  }

  /** Sends one message (a string is the body); returns its index in the ledger. Errors name `field`. */
  send(message: SqsMessage | string, field = `messages[${this.#messages.length}]`): number {
    const m: SqsMessage = typeof message === 'string' ? { body: message } : message;
    if (typeof m !== 'object' || m === null)
      throw new ScenarioError(field, `expected a message, received ${describeValue(m)}`);
    if (m.body === undefined) throw new ScenarioError(`${field}.body`, 'expected a body, received undefined');
    const bad = findNonJson(m.body);
    if (bad !== undefined)
      throw new ScenarioError(`${field}.${formatPath(['body', ...bad.path])}`, nonJsonText(bad.received));
    const body = asText(m.body);
    const messageAttributes = attributes(m.messageAttributes, `${field}.messageAttributes`);
    const size = messageSize(body, messageAttributes);
    if (size > this.#queue.maximumMessageSize) {
      throw new ScenarioError(
        `${field}.body`,
        `message is ${size} bytes; the queue's maximumMessageSize is ${this.#queue.maximumMessageSize} (aws-behaviour §4.2)`,
      );
    }
    const fifo = this.#queue.fifo;
    const group = m.messageGroupId;
    if (fifo) {
      if (typeof group !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(group)) {
        throw new ScenarioError(
          `${field}.messageGroupId`,
          `a FIFO queue requires 1–128 printable characters, received ${describeValue(group)}`,
        );
      }
      if (m.delaySeconds !== undefined)
        throw new ScenarioError(`${field}.delaySeconds`, 'FIFO queues do not support per-message delays');
    } else if (group !== undefined || m.messageDeduplicationId !== undefined) {
      throw new ScenarioError(
        `${field}.${group !== undefined ? 'messageGroupId' : 'messageDeduplicationId'}`,
        'applies to FIFO queues (source "sqs-fifo")',
      );
    }
    const dedup = m.messageDeduplicationId;
    if (dedup !== undefined && (typeof dedup !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(dedup))) {
      throw new ScenarioError(
        `${field}.messageDeduplicationId`,
        `expected 1–128 printable characters, received ${describeValue(dedup)}`,
      );
    }
    const delay = checkInteger(`${field}.delaySeconds`, m.delaySeconds, 0, 900) ?? 0;
    const index = this.#messages.length;
    this.#messages.push({
      index,
      body,
      messageAttributes,
      group,
      dedup,
      availableAt: delay * 1000,
      messageId: '',
      recordAttributes: messageAttributes,
      json: undefined,
      chars: 0,
      bytes: 0,
      receives: 0,
      firstReceiveAt: 0,
      visibleAt: 0,
      done: false,
      lastError: undefined,
      matched: false,
      note: undefined,
    });
    return index;
  }

  /** Sends several messages; returns their indices. */
  sendBatch(messages: readonly (SqsMessage | string)[]): number[] {
    return messages.map((m) => this.send(m));
  }

  /**
   * Runs every message sent so far through an event source mapping invoking `handler` (aws-behaviour §4.2, §4.6)
   * and returns the ledger: one event per message, in send order.
   */
  async drain(handler: Handler, options: SqsDrainOptions = {}): Promise<MappingLedger> {
    const mapping: Record<string, unknown> = {};
    const run: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      if ((MAPPING_KEYS as readonly string[]).includes(key)) mapping[key] = value;
      else if ((RUN_KEYS as readonly string[]).includes(key)) run[key] = value;
      else if (key === 'queue') throw new ScenarioError('queue', 'queue options belong to sqsQueue(options)');
      else if (key === 'filterQuota') continue;
      else checkOptions(SQS_DRAIN_OPTIONS, { [key]: value });
    }
    const prepared = prepareMapping(this.#queue.fifo ? 'sqs-fifo' : 'sqs', mapping, {
      field: '',
      filterQuota: options.filterQuota,
    });
    return pollSqs(this.#queue, prepared, handler, this.#messages, run);
  }
}

/**
 * Creates an SQS queue (standard or FIFO) to send messages to and drain through a mapping (aws-behaviour §4.2).
 * @example
 * const queue = sqsQueue({ fifo: true, visibilityTimeout: 60, maxReceiveCount: 5 });
 */
export function sqsQueue(options: SqsQueueOptions = {}): SqsQueue {
  return new SqsQueue(prepareQueue(options, undefined, 'queue'));
}

/**
 * Sends `messages` to a fresh queue and drains it through an event source mapping (aws-behaviour §4.2).
 * @example
 * const ledger = await simulateSqs(handler, ['a', 'b'], { queue: { maxReceiveCount: 2 } });
 */
export function simulateSqs(
  handler: Handler,
  messages: readonly (SqsMessage | string)[],
  options: SqsSimulationOptions = {},
): Promise<MappingLedger> {
  const { queue: queueOptions, ...rest } = options;
  const queue = sqsQueue(queueOptions);
  queue.sendBatch(messages);
  return queue.drain(handler, rest);
}

// ---------------------------------------------------------------------------------------------------------------
// The poller.

const EPOCH = DEFAULT_NOW;
/** Room for the per-receive parts of a record: a receipt handle (≤ 264), the receive count and a timestamp. */
const PER_RECEIVE_SLACK = 300;
const THROTTLE_MIN_MS = 1000;
/** Every message is sent at virtual time 0 (delaySeconds only delays its visibility). */
const SENT_AT = 0;

interface Group {
  readonly messages: Msg[];
  head: number;
  busy: boolean;
  lockedUntil: number;
}

/** What the generator's `finalize` reads: no overrides, so every derived field is recomputed. */
const FINALIZE = { overrides: undefined } as unknown as Parameters<NonNullable<typeof sqsType.definition.finalize>>[1];

/**
 * Builds each message's record once: the sqs generator makes a seeded template (sender, layout), each message gets
 * its own messageId, body and attributes, and the generator's own `finalize` derives md5OfBody and
 * md5OfMessageAttributes (docs/decisions/esm-sqs-records.md). Per-receive fields are set at each receive.
 */
function buildBases(queue: PreparedQueue, run: MappingRun, messages: readonly Msg[]): void {
  const fn = run.fn;
  const arn = `arn:aws:sqs:${fn.region}:${fn.accountId}:${queue.name}`;
  const template = sqsEvent(
    { Records: [{ eventSourceARN: arn, awsRegion: fn.region }] },
    { variant: queue.fifo ? 'fifo' : 'standard', seed: run.seed, now: EPOCH, records: 1 },
  ).Records[0] as SqsRecord;
  const sender = template.attributes.SenderId;
  const constants = {
    sender: JSON.stringify(sender),
    place: `,"eventSource":"aws:sqs","eventSourceARN":${JSON.stringify(arn)},"awsRegion":${JSON.stringify(fn.region)}`,
  };
  let sequence = BigInt(template.attributes.SequenceNumber ?? `1${run.random.digits(19)}`);
  const chunk = 1000;
  for (let start = 0; start < messages.length; start += chunk) {
    const slice = messages.slice(start, start + chunk);
    const Records = slice.map((m): SqsRecord => {
      const attributes: SqsRecord['attributes'] = {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(EPOCH + SENT_AT),
        SenderId: sender,
        ApproximateFirstReceiveTimestamp: String(EPOCH),
      };
      if (queue.fifo) {
        sequence += BigInt(run.random.int(1, 1_000_000));
        attributes.SequenceNumber = sequence.toString();
        attributes.MessageGroupId = m.group as string;
        attributes.MessageDeduplicationId = m.dedup ?? run.random.hex(64);
      }
      const messageAttributes: Record<string, SqsMessageAttribute> = {};
      for (const [name, value] of Object.entries(m.messageAttributes)) messageAttributes[name] = { ...value };
      return {
        messageId: run.random.uuid(),
        receiptHandle: template.receiptHandle,
        body: m.body,
        attributes,
        messageAttributes,
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: arn,
        awsRegion: fn.region,
      };
    });
    sqsType.definition.finalize?.({ Records }, FINALIZE);
    Records.forEach((record, i) => {
      const m = slice[i] as Msg;
      m.messageId = record.messageId;
      m.recordAttributes = record.messageAttributes;
      const json = recordJson(record, constants);
      m.json = json;
      m.chars = json[0].length + json[1].length + json[2].length + json[3].length;
    });
  }
}

/**
 * The record's JSON split around its per-receive values, in the key order of the record object, so that a receive
 * costs a string concatenation instead of a copy and a JSON.stringify (JSON.parse of the result equals the record).
 */
function recordJson(r: SqsRecord, constants: { sender: string; place: string }): [string, string, string, string] {
  const j = JSON.stringify;
  const attrs = r.attributes;
  let tail = '';
  if (attrs.SequenceNumber !== undefined) tail += `,"SequenceNumber":${j(attrs.SequenceNumber)}`;
  if (attrs.MessageGroupId !== undefined) tail += `,"MessageGroupId":${j(attrs.MessageGroupId)}`;
  if (attrs.MessageDeduplicationId !== undefined) {
    tail += `,"MessageDeduplicationId":${j(attrs.MessageDeduplicationId)}`;
  }
  const attributes = r.messageAttributes;
  let after = `,"messageAttributes":${isEmpty(attributes) ? '{}' : j(attributes)},"md5OfBody":"${r.md5OfBody}"`;
  after += constants.place;
  if (r.md5OfMessageAttributes !== undefined) after += `,"md5OfMessageAttributes":"${r.md5OfMessageAttributes}"`;
  return [
    `{"messageId":"${r.messageId}","receiptHandle":"`,
    `","body":${j(r.body)},"attributes":{"ApproximateReceiveCount":"`,
    `","SentTimestamp":"${attrs.SentTimestamp}","SenderId":${constants.sender},"ApproximateFirstReceiveTimestamp":"`,
    `"${tail}}${after}}`,
  ];
}

/** Exact UTF-8 size of a message's record, with room for its per-receive parts (cached). */
function exactBytes(m: Msg): number {
  if (m.bytes === 0) {
    const [a, b, c, d] = m.json as [string, string, string, string];
    m.bytes =
      Buffer.byteLength(a) + Buffer.byteLength(b) + Buffer.byteLength(c) + Buffer.byteLength(d) + PER_RECEIVE_SLACK;
  }
  return m.bytes;
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

/** Runs the queue's messages through the poller: one simulation from virtual time 0. */
async function pollSqs(
  queue: PreparedQueue,
  mapping: PreparedMapping,
  handler: Handler,
  input: readonly Msg[],
  options: MappingRunOptions,
): Promise<MappingLedger> {
  const run = new MappingRun(handler, options, input.length);
  const { clock, ledger, fn } = run;
  // Fresh state per drain: the queue's messages are a description.
  const messages: Msg[] = input.map((m) => ({ ...m }));
  buildBases(queue, run, messages);

  const rbif = mapping.reportBatchItemFailures;
  const fifo = queue.fifo;
  const visibilityMs = queue.visibilityMs;
  if (fn.timeoutMs > visibilityMs) {
    // Lambda validates this on CreateEventSourceMapping and returns an error (aws-behaviour §4.2; text as observed).
    throw new ScenarioError(
      'queue.visibilityTimeout',
      `Invalid request provided: Queue visibility timeout: ${visibilityMs / 1000} seconds is less than Function timeout: ${fn.timeoutMs / 1000} seconds (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html)`,
    );
  }
  if (queue.visibilityMs < 6 * fn.timeoutMs) {
    run.warn(
      `queue.visibilityTimeout (${queue.visibilityMs / 1000} s) is less than 6 × the function timeout (${fn.timeoutMs / 1000} s), as AWS recommends (aws-behaviour §4.2)`,
    );
  }
  if (queue.maxReceiveCount !== undefined && queue.maxReceiveCount < 5) {
    run.warn(
      `queue.maxReceiveCount is ${queue.maxReceiveCount}: AWS recommends at least 5, so a few throttles or timeouts do not send a message to the DLQ (aws-behaviour §4.2)`,
    );
  }

  const ready: Msg[] = [];
  let readyHead = 0;
  const groups = new Map<string, Group>();
  if (fifo) {
    for (const m of messages) {
      let g = groups.get(m.group as string);
      if (g === undefined) {
        g = { messages: [], head: 0, busy: false, lockedUntil: 0 };
        groups.set(m.group as string, g);
      }
      g.messages.push(m);
    }
  }
  const groupList = [...groups.values()];
  let inFlight = 0;
  let windowOpenedAt: number | undefined;

  const requestPump = pumpScheduler(clock, () => pump());

  const settle = (m: Msg, outcome: 'succeeded' | 'redriven' | 'expired' | 'filtered', reason?: string) => {
    m.done = true;
    ledger.settle(m.index, outcome, reason);
  };

  /** The record of a receive as an object (for filter patterns): the JSON the handler would get, parsed. */
  const recordFor = (m: Msg, receives: number, firstAt: number, handle: string): SqsRecord => {
    const [a, b, c, d] = m.json as [string, string, string, string];
    return JSON.parse(`${a}${handle}${b}${receives}${c}${EPOCH + firstAt}${d}`) as SqsRecord;
  };

  /** Receive-time checks (retention, redrive, filter); true when the message is still deliverable. */
  const admit = (m: Msg, now: number): boolean => {
    if (now >= SENT_AT + queue.retentionMs) {
      settle(
        m,
        'expired',
        `MessageRetentionPeriod (${queue.retentionMs / 1000} s) elapsed after ${m.receives} receives` +
          (m.lastError === undefined ? '' : `; last error: ${m.lastError}`) +
          (queue.maxReceiveCount === undefined ? '; the queue has no redrive policy (maxReceiveCount)' : ''),
      );
      return false;
    }
    if (queue.maxReceiveCount !== undefined && m.receives >= queue.maxReceiveCount) {
      ledger.deadLetters.push({
        event: m.index,
        target: 'sqs',
        message: { body: m.body, messageAttributes: m.recordAttributes },
      });
      settle(
        m,
        'redriven',
        `moved to the queue's dead-letter queue after ${m.receives} receives (maxReceiveCount ${queue.maxReceiveCount})` +
          (m.lastError === undefined ? '' : `; last error: ${m.lastError}`),
      );
      return false;
    }
    if (mapping.filter !== undefined && m.receives === 0 && !m.matched) {
      const record = recordFor(m, 1, now, `AQEB${run.random.token(180)}`);
      m.matched = mapping.filter.matches(record);
      if (!m.matched) {
        m.receives = 1;
        m.firstReceiveAt = now;
        settle(m, 'filtered', 'deleted by event filtering: no filter pattern matched (aws-behaviour §4.6)');
        return false;
      }
    }
    return true;
  };

  /** Standard queues: position in `ready` just after each candidate (received ones leave from the front). */
  const ends: number[] = [];
  /** The messages the next batch may carry, in batch order (at most batchSize). */
  const candidates = (now: number): Msg[] => {
    const out: Msg[] = [];
    const limit = mapping.batchSize;
    if (!fifo) {
      if (readyHead > 4096 && readyHead * 2 > ready.length) {
        ready.splice(0, readyHead);
        readyHead = 0;
      }
      ends.length = 0;
      let i = readyHead;
      while (i < ready.length && out.length < limit) {
        const m = ready[i++] as Msg;
        if (m.done) continue;
        if (admit(m, now)) {
          out.push(m);
          ends.push(i);
        }
      }
      return out;
    }
    // Unlocked groups in the order their oldest pending message was sent, `limit` at a time. Admission may settle
    // every message of the chosen groups (redrive, retention, filter): then the next groups are looked at, so no
    // group is left waiting with nothing scheduled to wake it (a stranded message).
    const taken = new Set<Group>();
    for (;;) {
      const eligible: Group[] = [];
      for (const g of groupList) {
        if (taken.has(g)) continue;
        while (g.head < g.messages.length && (g.messages[g.head] as Msg).done) g.head++;
        if (g.busy || now < g.lockedUntil || g.head >= g.messages.length) continue;
        const key = (g.messages[g.head] as Msg).index;
        if (eligible.length === limit && key > headIndex(eligible[limit - 1] as Group)) continue;
        let at = eligible.length;
        while (at > 0 && headIndex(eligible[at - 1] as Group) > key) at--;
        eligible.splice(at, 0, g);
        if (eligible.length > limit) eligible.pop();
      }
      for (const g of eligible) {
        taken.add(g);
        for (let i = g.head; i < g.messages.length && out.length < limit; i++) {
          const m = g.messages[i] as Msg;
          if (m.done) continue;
          if (!admit(m, now)) continue;
          out.push(m);
        }
        if (out.length >= limit) return out;
      }
      if (eligible.length < limit) return out;
    }
  };

  const advance = () => {
    while (readyHead < ready.length && (ready[readyHead] as Msg).done) readyHead++;
  };
  const headIndex = (g: Group) => (g.messages[g.head] as Msg).index;

  const concurrency = (now: number) =>
    Math.min(mapping.maximumConcurrency ?? 1000, 1000, 5 + 300 * Math.floor(now / 60_000));

  const pump = async (): Promise<void> => {
    for (;;) {
      const now = clock.now;
      if (inFlight >= concurrency(now)) return;
      const list = candidates(now);
      advance();
      if (list.length === 0) {
        windowOpenedAt = undefined;
        return;
      }
      windowOpenedAt ??= now;
      // 3 UTF-8 bytes per UTF-16 unit at most: count exact bytes only when a batch could reach 6 MB.
      let bound = 14;
      for (const m of list) bound += 3 * m.chars + PER_RECEIVE_SLACK + 1;
      const pick = takeBatch(list, bound <= BATCH_PAYLOAD_LIMIT ? (m) => m.chars : exactBytes, {
        batchSize: mapping.batchSize,
      });
      if (!windowDue(pick, windowOpenedAt, mapping.windowMs, now)) {
        requestPump(windowOpenedAt + mapping.windowMs);
        return;
      }
      windowOpenedAt = undefined;
      const batch = list.slice(0, Math.max(1, pick.count));
      await receive(batch, now);
    }
  };

  const receive = async (batch: Msg[], now: number) => {
    let payload = '{"Records":[';
    const touched = new Set<Group>();
    for (let k = 0; k < batch.length; k++) {
      const m = batch[k] as Msg;
      m.receives++;
      if (m.receives === 1) m.firstReceiveAt = now;
      m.visibleAt = now + visibilityMs;
      const handle = `AQEB${run.random.token(run.random.int(150, 260))}`;
      const [a, b, c, d] = m.json as [string, string, string, string];
      payload += `${k === 0 ? '' : ','}${a}${handle}${b}${m.receives}${c}${EPOCH + m.firstReceiveAt}${d}`;
      if (fifo) {
        const g = groups.get(m.group as string) as Group;
        g.busy = true;
        touched.add(g);
      }
    }
    // Standard: the received messages leave the ready list (everything before them there is settled).
    if (!fifo) readyHead = ends[batch.length - 1] as number;
    inFlight++;
    await attempt(batch, `${payload}]}`, touched, THROTTLE_MIN_MS);
  };

  const attempt = async (batch: Msg[], payload: string, touched: Set<Group>, backoff: number): Promise<void> => {
    const indices = batch.map((m) => m.index);
    const { result, endsAt } = await run.invokeBatch(undefined, indices, (i) => (messages[i] as Msg).receives, payload);
    const visibleAt = (batch[0] as Msg).visibleAt;
    if (result.status === 'throttled' || result.invocationError !== undefined) {
      // aws-behaviour §4.2: a throttled poller backs off and retries until the visibility timeout passes.
      const next = clock.now + backoff;
      const why = failureReason(result);
      for (const m of batch) m.lastError = why;
      if (next < visibleAt) {
        clock.schedule(next, () => attempt(batch, payload, touched, Math.min(backoff * 2, 300_000)));
        return;
      }
      finishBatch(batch, touched, batch);
      return;
    }
    const apply = () => {
      if (result.status !== 'success') {
        const why = failureReason(result);
        for (const m of batch) m.lastError = why;
        finishBatch(batch, touched, batch);
        return;
      }
      const positions = new Map<string, number>();
      batch.forEach((m, i) => {
        positions.set(m.messageId, i);
      });
      const parsed = parseBatchItemFailures(result.response, positions);
      finishBatch(batch, touched, returned(batch, parsed));
    };
    if (endsAt > clock.now) clock.schedule(endsAt, apply);
    else apply();
  };

  /** Which messages go back to the queue after a successful invocation (aws-behaviour §4.2). */
  const returned = (batch: Msg[], parsed: BatchResponse): Msg[] => {
    if (!rbif) {
      if (parsed.kind === 'partial') {
        for (const p of parsed.failed) {
          const m = batch[p] as Msg;
          m.note = 'partial failure ignored: ReportBatchItemFailures not enabled';
        }
        run.warn(
          'the handler returned batchItemFailures but functionResponseTypes does not include "ReportBatchItemFailures": ' +
            'AWS ignores the list and deletes every message of the batch (aws-behaviour §4.1, §4.2)',
        );
      }
      return [];
    }
    if (parsed.kind === 'success') return [];
    if (parsed.kind === 'invalid') {
      for (const m of batch) m.lastError = `whole batch failed: ${parsed.reason}`;
      run.warn(
        `invalid partial batch response: ${parsed.reason}; the whole batch returns to the queue (aws-behaviour §4.2)`,
      );
      return batch;
    }
    const back = parsed.failed.map((p) => batch[p] as Msg);
    for (const m of back) m.lastError = 'reported in batchItemFailures';
    if (fifo) {
      const failedGroups = new Map<string, Msg>();
      for (const m of back) if (!failedGroups.has(m.group as string)) failedGroups.set(m.group as string, m);
      batch.forEach((m, i) => {
        const first = failedGroups.get(m.group as string);
        if (first !== undefined && first.index < m.index && !parsed.failed.includes(i)) {
          m.note = `deleted although earlier message ${first.index} of group ${m.group} was returned: order per MessageGroupId broken`;
          run.warn(
            `FIFO group ${m.group}: the partial response returned message ${first.index} but not the later message ${m.index}, ` +
              'which AWS deletes — report the first failure and every unprocessed message (aws-behaviour §4.2)',
          );
        }
      });
    }
    return back;
  };

  const finishBatch = (batch: Msg[], touched: Set<Group>, back: readonly Msg[]) => {
    inFlight--;
    const backSet = new Set(back);
    for (const m of batch) {
      if (backSet.has(m)) continue;
      settle(m, 'succeeded', m.note);
      m.note = undefined;
    }
    const visibleAt = (batch[0] as Msg).visibleAt;
    if (fifo) {
      for (const g of touched) {
        g.busy = false;
        g.lockedUntil = back.some((m) => groups.get(m.group as string) === g) ? visibleAt : 0;
      }
      advance();
    } else if (back.length > 0) {
      clock.schedule(visibleAt, () => {
        for (const m of back) if (!m.done) ready.push(m);
        requestPump(clock.now);
      });
    }
    if (fifo && back.length > 0) requestPump(visibleAt);
    requestPump(clock.now);
  };

  // Messages become available at send time plus their delay.
  const byTime = new Map<number, Msg[]>();
  for (const m of messages) {
    const list = byTime.get(m.availableAt) ?? [];
    list.push(m);
    byTime.set(m.availableAt, list);
  }
  for (const [at, list] of [...byTime.entries()].sort((a, b) => a[0] - b[0])) {
    clock.schedule(at, () => {
      if (!fifo) for (const m of list) ready.push(m);
      requestPump(at);
    });
  }
  return run.finish();
}

// ---------------------------------------------------------------------------------------------------------------
// Scenario support.

/** A validated `invocation` of source `sqs` / `sqs-fifo`. */
export interface ParsedSqsInvocation extends ParsedSource {
  readonly source: 'sqs' | 'sqs-fifo';
  readonly mapping: PreparedMapping;
  readonly queue: PreparedQueue;
  readonly run: Pick<MappingRunOptions, 'duplicateRate' | 'invocationDurationMs'>;
}

const MESSAGE_KEYS = ['body', 'messageAttributes', 'messageGroupId', 'messageDeduplicationId', 'delaySeconds'];

function parseSqs(value: Readonly<Record<string, unknown>>, field: string): ParsedSqsInvocation {
  const source = value.source as 'sqs' | 'sqs-fifo';
  const fifo = source === 'sqs-fifo';
  const quota = checkInteger(`${field}.filterQuota`, value.filterQuota, 1, 10);
  const mapping = prepareMapping(source, value, {
    field,
    allow: ['source', 'queue', 'duplicateRate', 'invocationDurationMs', 'filterQuota'],
    filterQuota: quota,
  });
  const run: { duplicateRate?: number; invocationDurationMs?: number } = {};
  const rate = checkNumber(`${field}.duplicateRate`, value.duplicateRate, 0, 1);
  if (rate !== undefined) run.duplicateRate = rate;
  const duration = checkNumber(`${field}.invocationDurationMs`, value.invocationDurationMs, 0, 900_000);
  if (duration !== undefined) run.invocationDurationMs = duration;
  return { source, mapping, queue: prepareQueue(value.queue, fifo, `${field}.queue`), run };
}

/** Expands scenario `events` into queue messages: one per entry, or every record of `{"generate": "sqs", …}`. */
export function sqsMessagesFromEvents(events: readonly unknown[], fifo: boolean, field = 'events'): SqsMessage[] {
  if (!Array.isArray(events)) throw new ScenarioError(field, `expected an array, received ${describeValue(events)}`);
  const out: SqsMessage[] = [];
  events.forEach((entry, i) => {
    const at = `${field}[${i}]`;
    const e = objectAt(at, entry, '{"body": "…"} or {"generate": "sqs", …}');
    if ('generate' in e) {
      const variant = fifo ? 'fifo' : 'standard';
      if (e.variant !== undefined && e.variant !== variant) {
        throw new ScenarioError(
          `${at}.variant`,
          `a ${fifo ? 'FIFO' : 'standard'} queue takes "${variant}" records, received ${describeValue(e.variant)}`,
        );
      }
      for (const record of generatedRecords(e, at, ['sqs'], variant)) {
        const r = record as SqsRecord;
        const message: SqsMessage = { body: r.body, messageAttributes: r.messageAttributes };
        if (fifo) {
          message.messageGroupId = r.attributes.MessageGroupId as string;
          if (r.attributes.MessageDeduplicationId !== undefined) {
            message.messageDeduplicationId = r.attributes.MessageDeduplicationId;
          }
        }
        out.push(message);
      }
      return;
    }
    onlyKeys(at, e, MESSAGE_KEYS);
    if (typeof e.body !== 'string') {
      throw new ScenarioError(
        `${at}.body`,
        `expected a string (JSON bodies are strings), received ${describeValue(e.body)}`,
      );
    }
    out.push(e as unknown as SqsMessage);
  });
  return out;
}

async function runSqs(
  parsed: ParsedSqsInvocation,
  handler: Handler,
  events: readonly unknown[],
  options: MappingRunOptions,
): Promise<MappingLedger> {
  const messages = sqsMessagesFromEvents(events, parsed.queue.fifo);
  const queue = new SqsQueue(parsed.queue);
  messages.forEach((m, i) => {
    queue.send(m, `events[${i}]`);
  });
  const state = internals.get(queue) as QueueState;
  return pollSqs(state.queue, parsed.mapping, handler, state.messages, { ...options, ...parsed.run });
}

/** The scenario runners of `sqs` and `sqs-fifo` (registered in mapping.ts). */
export const sqsSource: SourceRunner<ParsedSqsInvocation> = { parse: parseSqs, run: runSqs };

import { checkArnAccount, checkArnRegion, parseArn } from '../../src/contracts/rule-kit.ts';
import { at, defineRule, show } from '../../src/contracts/rules.ts';
import { md5Hex, type SqsAttributeValue, sqsMessageAttributesMd5, utf8Length } from '../../src/core/encoders.ts';
import type { SqsEvent, SqsRecord } from './types.gen.ts';

/** An SQS message (body and attributes together) is at most 1 MiB since August 2025 (was 256 KiB). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A FIFO event source mapping delivers at most 10 messages per batch. */
export const MAX_FIFO_BATCH = 10;

const queueName = (record: SqsRecord): string => parseArn(record.eventSourceARN)?.resource ?? '';
const isFifo = (record: SqsRecord): boolean => record.eventSourceARN.endsWith('.fifo');

/** The region field of an ARN (between its third and fourth colon), without splitting it. */
function regionOfArn(text: string): string | undefined {
  let start = -1;
  for (let i = 0; i < 3; i++) {
    start = text.indexOf(':', start + 1);
    if (start < 0) return undefined;
  }
  const end = text.indexOf(':', start + 1);
  return end < 0 ? undefined : text.slice(start + 1, end);
}

/**
 * md5OfBody values the builder just computed, by record position: the rule re-checks a built event without hashing
 * each body twice. An entry counts only for the very same body text, so a record changed later is hashed again.
 */
const CACHED = 64;
const cachedBodies: (string | undefined)[] = new Array(CACHED);
const cachedMd5s: string[] = new Array(CACHED);

/** MD5 of the body of the record at `position`, remembered for the md5-of-body rule. */
export function rememberMd5OfBody(position: number, body: string): string {
  const md5 = md5Hex(body);
  cachedBodies[position % CACHED] = body;
  cachedMd5s[position % CACHED] = md5;
  return md5;
}

function md5OfRecordBody(record: SqsRecord, position: number): string {
  const slot = position % CACHED;
  return cachedBodies[slot] === record.body ? (cachedMd5s[slot] as string) : md5Hex(record.body);
}

/** Whether an object has an own key, without listing its keys. */
function isEmpty(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return false;
  return true;
}

/** What SQS counts towards the message size: the body, and each attribute's name, type and value. */
export function messageBytes(record: SqsRecord): number {
  let bytes = utf8Length(record.body);
  for (const [name, attribute] of Object.entries(record.messageAttributes)) {
    bytes += utf8Length(name) + utf8Length(attribute.dataType);
    if (attribute.stringValue !== undefined) bytes += utf8Length(attribute.stringValue);
    if (attribute.binaryValue !== undefined) bytes += Math.floor((attribute.binaryValue.length * 3) / 4);
  }
  return bytes;
}

const md5OfBody = defineRule<SqsEvent>({
  id: 'md5-of-body',
  description: 'md5OfBody is the MD5 of the body (UTF-8), as SQS computes it.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      const expected = md5OfRecordBody(record, i);
      if (record.md5OfBody !== expected)
        report({
          path: ['Records', i, 'md5OfBody'],
          expected: `md5 of ${at('Records', i, 'body')} (${expected})`,
          received: show(record.md5OfBody),
        });
    });
  },
});

const md5OfMessageAttributes = defineRule<SqsEvent>({
  id: 'md5-of-message-attributes',
  description:
    'md5OfMessageAttributes is sent with message attributes only, and is the MD5 SQS computes over them (names sorted, length-prefixed name, type, transport byte and value).',
  check(event, report) {
    event.Records.forEach((record, i) => {
      const attributes = record.messageAttributes as Record<string, SqsAttributeValue>;
      const given = record.md5OfMessageAttributes;
      if (isEmpty(attributes)) {
        if (given !== undefined)
          report({
            path: ['Records', i, 'md5OfMessageAttributes'],
            expected: `nothing (${at('Records', i, 'messageAttributes')} is empty)`,
            received: show(given),
          });
        return;
      }
      const expected = sqsMessageAttributesMd5(attributes);
      if (given !== expected)
        report({
          path: ['Records', i, 'md5OfMessageAttributes'],
          expected: `md5 of ${at('Records', i, 'messageAttributes')} (${expected})`,
          received: show(given),
        });
    });
  },
});

const arnRegion = defineRule<SqsEvent>({
  id: 'arn-region',
  description: "eventSourceARN is in the record's awsRegion.",
  check(event, report) {
    event.Records.forEach((record, i) => {
      if (regionOfArn(record.eventSourceARN) === record.awsRegion) return;
      checkArnRegion(
        report,
        ['Records', i, 'eventSourceARN'],
        record.eventSourceARN,
        at('Records', i, 'awsRegion'),
        record.awsRegion,
      );
    });
  },
});

const oneQueue = defineRule<SqsEvent>({
  id: 'one-queue',
  description: 'An event source mapping reads one queue: every record of a batch has the same eventSourceARN.',
  check(event, report) {
    const first = event.Records[0]?.eventSourceARN;
    event.Records.forEach((record, i) => {
      if (i > 0 && record.eventSourceARN !== first)
        report({
          path: ['Records', i, 'eventSourceARN'],
          expected: `the queue of ${at('Records', 0, 'eventSourceARN')} (${show(first)})`,
          received: show(record.eventSourceARN),
        });
    });
  },
});

const fifoAttributes = defineRule<SqsEvent>({
  id: 'fifo-attributes',
  description:
    'FIFO queues (names ending in .fifo) send SequenceNumber, MessageGroupId and MessageDeduplicationId; standard queues send no SequenceNumber nor MessageDeduplicationId (a MessageGroupId only for fair queues).',
  check(event, report) {
    event.Records.forEach((record, i) => {
      const fifo = isFifo(record);
      const names = fifo
        ? (['SequenceNumber', 'MessageGroupId', 'MessageDeduplicationId'] as const)
        : (['SequenceNumber', 'MessageDeduplicationId'] as const);
      for (const name of names) {
        const value = record.attributes[name];
        if (fifo && value === undefined)
          report({
            path: ['Records', i, 'attributes', name],
            expected: `a ${name} (the queue ${show(queueName(record))} is FIFO)`,
            received: 'nothing',
          });
        if (!fifo && value !== undefined)
          report({
            path: ['Records', i, 'attributes', name],
            expected: `nothing (the queue ${show(queueName(record))} is not FIFO)`,
            received: show(value),
          });
      }
    });
  },
});

const fifoBatchSize = defineRule<SqsEvent>({
  id: 'fifo-batch-size',
  description: 'An event source mapping on a FIFO queue delivers at most 10 records per batch.',
  check(event, report) {
    const first = event.Records[0];
    if (first !== undefined && isFifo(first) && event.Records.length > MAX_FIFO_BATCH)
      report({
        path: ['Records'],
        expected: `at most ${MAX_FIFO_BATCH} records (the queue ${show(queueName(first))} is FIFO)`,
        received: `${event.Records.length} records`,
      });
  },
});

const receiveTimestamps = defineRule<SqsEvent>({
  id: 'receive-after-send',
  description:
    'A message is first received no earlier than it was sent: ApproximateFirstReceiveTimestamp ≥ SentTimestamp.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      const { SentTimestamp: sent, ApproximateFirstReceiveTimestamp: first } = record.attributes;
      // Both are 13-digit strings (the schema says so): text order is number order.
      if (first < sent)
        report({
          path: ['Records', i, 'attributes', 'ApproximateFirstReceiveTimestamp'],
          expected: `a time no earlier than ${at('Records', i, 'attributes', 'SentTimestamp')} (${sent})`,
          received: show(first),
        });
    });
  },
});

const attributeValue = defineRule<SqsEvent>({
  id: 'message-attribute-value',
  description:
    'A String or Number attribute carries stringValue (a number for Number), a Binary attribute carries binaryValue, never both.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      if (isEmpty(record.messageAttributes)) return;
      for (const [name, attribute] of Object.entries(record.messageAttributes)) {
        const path = ['Records', i, 'messageAttributes', name];
        const binary = attribute.dataType.startsWith('Binary');
        const wanted = binary ? 'binaryValue' : 'stringValue';
        const unwanted = binary ? 'stringValue' : 'binaryValue';
        if (attribute[wanted] === undefined)
          report({
            path: [...path, wanted],
            expected: `a ${wanted} (dataType ${show(attribute.dataType)})`,
            received: 'nothing',
          });
        if (attribute[unwanted] !== undefined)
          report({
            path: [...path, unwanted],
            expected: `nothing (dataType ${show(attribute.dataType)})`,
            received: show(attribute[unwanted]),
          });
        const value = attribute.stringValue;
        if (
          attribute.dataType.startsWith('Number') &&
          value !== undefined &&
          !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)
        )
          report({ path: [...path, 'stringValue'], expected: 'a number (dataType Number)', received: show(value) });
      }
    });
  },
});

const messageSize = defineRule<SqsEvent>({
  id: 'message-size',
  description: 'An SQS message, body and attributes together, is at most 1 MiB.',
  check(event, report) {
    event.Records.forEach((record, i) => {
      // A UTF-16 code unit is at most 3 bytes of UTF-8: short bodies need no counting.
      if (record.body.length * 3 + 10 * 1024 <= MAX_MESSAGE_BYTES) return;
      const bytes = messageBytes(record);
      if (bytes > MAX_MESSAGE_BYTES)
        report({
          path: ['Records', i, 'body'],
          expected: `at most ${MAX_MESSAGE_BYTES} bytes of body and message attributes`,
          received: `${bytes} bytes`,
        });
    });
  },
});

const deadLetterSource = defineRule<SqsEvent>({
  id: 'dead-letter-source',
  description:
    "DeadLetterQueueSourceArn names another queue of the same region and account, FIFO when the dead-letter queue is (a redrive policy's dead-letter queue lives beside its source).",
  check(event, report) {
    event.Records.forEach((record, i) => {
      const source = record.attributes.DeadLetterQueueSourceArn;
      if (source === undefined) return;
      const path = ['Records', i, 'attributes', 'DeadLetterQueueSourceArn'];
      const own = parseArn(record.eventSourceARN);
      checkArnRegion(report, path, source, at('Records', i, 'awsRegion'), record.awsRegion);
      checkArnAccount(report, path, source, at('Records', i, 'eventSourceARN'), own?.account);
      const name = parseArn(source)?.resource ?? '';
      if (source === record.eventSourceARN || name.endsWith('.fifo') !== isFifo(record))
        report({
          path,
          expected: `another ${isFifo(record) ? 'FIFO' : 'standard'} queue than ${at('Records', i, 'eventSourceARN')}`,
          received: show(source),
        });
    });
  },
});

/** The cross-field rules of the strict SQS contract. */
export const sqsRules = [
  md5OfBody,
  md5OfMessageAttributes,
  arnRegion,
  oneQueue,
  fifoAttributes,
  fifoBatchSize,
  receiveTimestamps,
  attributeValue,
  messageSize,
  deadLetterSource,
];

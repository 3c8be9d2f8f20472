import { checkArnRegion, checkIncreasing } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { KinesisStreamEvent } from './types.gen.ts';

/** `shardId-000000000006` of `shardId-000000000006:4959…`. */
const shardOf = (eventID: string) => eventID.slice(0, eventID.indexOf(':'));

/** `eventID` is `shardId:sequenceNumber`. */
const eventId = defineRule<KinesisStreamEvent>({
  id: 'event-id',
  description: "A record's eventID is its shard id and its sequence number, joined by a colon.",
  check(event, report) {
    event.Records.forEach((record, i) => {
      const expected = `${shardOf(record.eventID)}:${record.kinesis.sequenceNumber}`;
      if (record.eventID !== expected)
        report({
          path: ['Records', i, 'eventID'],
          expected: `shardId:Records[${i}].kinesis.sequenceNumber (${show(expected)})`,
          received: show(record.eventID),
        });
    });
  },
});

/** Lambda reads each shard of one stream separately: one batch, one shard, one stream. */
const oneShard = defineRule<KinesisStreamEvent>({
  id: 'one-shard-per-batch',
  description: 'Every record of a batch comes from the same shard of the same stream.',
  check(event, report) {
    const first = event.Records[0];
    if (first === undefined) return;
    event.Records.forEach((record, i) => {
      if (i === 0) return;
      if (shardOf(record.eventID) !== shardOf(first.eventID))
        report({
          path: ['Records', i, 'eventID'],
          expected: `the shard of Records[0].eventID (${show(shardOf(first.eventID))})`,
          received: show(record.eventID),
        });
      if (record.eventSourceARN !== first.eventSourceARN)
        report({
          path: ['Records', i, 'eventSourceARN'],
          expected: `the stream of Records[0].eventSourceARN (${show(first.eventSourceARN)})`,
          received: show(record.eventSourceARN),
        });
    });
  },
});

const increasing = defineRule<KinesisStreamEvent>({
  id: 'sequence-increasing',
  description: "Records reach the function in their shard's order: sequence numbers increase through the batch.",
  check(event, report) {
    checkIncreasing(
      report,
      event.Records.map((record, i) => ({
        group: shardOf(record.eventID),
        sequence: record.kinesis.sequenceNumber,
        path: ['Records', i, 'kinesis', 'sequenceNumber'],
      })),
      'sequence number',
    );
  },
});

const arnRegion = defineRule<KinesisStreamEvent>({
  id: 'arn-region',
  description: "The stream's ARN is in the record's awsRegion.",
  check(event, report) {
    event.Records.forEach((record, i) => {
      checkArnRegion(
        report,
        ['Records', i, 'eventSourceARN'],
        record.eventSourceARN,
        `Records[${i}].awsRegion`,
        record.awsRegion,
      );
    });
  },
});

const WINDOW_FIELDS = [
  'window',
  'shardId',
  'eventSourceARN',
  'isFinalInvokeForWindow',
  'isWindowTerminatedEarly',
] as const;

/**
 * The tumbling-window fields come together (`state` may be absent), name the batch's own shard and stream, and
 * describe a window holding the records' arrivals.
 */
const tumblingWindow = defineRule<KinesisStreamEvent>({
  id: 'tumbling-window',
  description:
    "The tumbling-window fields come together; the window's shardId and eventSourceARN are the records', its start precedes its end, and every record arrived within it.",
  check(event, report) {
    const present = WINDOW_FIELDS.filter((name) => event[name] !== undefined);
    const windowed = present.length > 0 || event.state !== undefined;
    if (windowed && present.length < WINDOW_FIELDS.length) {
      for (const name of WINDOW_FIELDS.filter((n) => event[n] === undefined))
        report({
          path: [name],
          expected: `${name} beside ${[...present, ...(event.state !== undefined ? ['state'] : [])].join(', ')} (a tumbling-window event carries ${WINDOW_FIELDS.join(', ')})`,
          received: 'nothing',
        });
      return;
    }
    const first = event.Records[0];
    if (event.window === undefined || first === undefined) return;
    if (event.shardId !== undefined && event.shardId !== shardOf(first.eventID))
      report({
        path: ['shardId'],
        expected: `the shard of Records[0].eventID (${show(shardOf(first.eventID))})`,
        received: show(event.shardId),
      });
    if (event.eventSourceARN !== undefined && event.eventSourceARN !== first.eventSourceARN)
      report({
        path: ['eventSourceARN'],
        expected: `Records[0].eventSourceARN (${show(first.eventSourceARN)})`,
        received: show(event.eventSourceARN),
      });
    const start = Date.parse(event.window.start);
    const end = Date.parse(event.window.end);
    if (!(start < end)) {
      report({
        path: ['window', 'end'],
        expected: `a time after window.start (${event.window.start})`,
        received: show(event.window.end),
      });
      return;
    }
    event.Records.forEach((record, i) => {
      const arrival = record.kinesis.approximateArrivalTimestamp * 1000;
      if (arrival < start || arrival >= end)
        report({
          path: ['Records', i, 'kinesis', 'approximateArrivalTimestamp'],
          expected: `an arrival within the window (${event.window?.start} to ${event.window?.end}): windows group records by arrival time`,
          received: show(record.kinesis.approximateArrivalTimestamp),
        });
    });
  },
});

export const rules = [eventId, oneShard, increasing, arnRegion, tumblingWindow];

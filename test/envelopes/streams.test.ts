import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  kinesisFirehoseEventFromCloudWatchLogs,
  kinesisFirehoseEventFromKinesis,
  kinesisStreamEventFromCloudWatchLogs,
  kinesisStreamEventFromDynamodb,
} from '../../src/envelopes/streams.ts';
import {
  ContractViolationError,
  OverrideError,
  cloudwatchLogsEvent,
  decodeCloudWatchLogsData,
  dynamodbStreamEvent,
  kinesisStreamEvent,
  validate,
} from '../../src/index.ts';

const bytes = (data: string) => Buffer.from(data, 'base64');

describe('kinesisStreamEventFromCloudWatchLogs', () => {
  it('carries the gzipped subscription payload as the record data, decoding back to the inner event', () => {
    const inner = cloudwatchLogsEvent(undefined, { seed: 3 });
    const event = kinesisStreamEventFromCloudWatchLogs(inner);
    expect(validate('kinesis-stream', event).errors).toStrictEqual([]);
    const record = event.Records[0]!;
    expect(bytes(record.kinesis.data).subarray(0, 2)).toStrictEqual(Buffer.from([0x1f, 0x8b]));
    expect(JSON.parse(gunzipSync(bytes(record.kinesis.data)).toString('utf8'))).toStrictEqual(
      decodeCloudWatchLogsData(inner),
    );
    expect(record.kinesis.data).toBe(inner.awslogs.data);
  });

  it('lives in the log owner account and arrives after the last log event', () => {
    const inner = cloudwatchLogsEvent({ awslogs: { data: { owner: '111122223333' } } });
    const event = kinesisStreamEventFromCloudWatchLogs(inner, { region: 'eu-west-1' });
    const record = event.Records[0]!;
    expect(record.eventSourceARN).toMatch(/^arn:aws:kinesis:eu-west-1:111122223333:stream\//);
    expect(record.invokeIdentityArn).toMatch(/^arn:aws:iam::111122223333:role\//);
    expect(record.awsRegion).toBe('eu-west-1');
    const last = Math.max(...decodeCloudWatchLogsData(inner).logEvents.map((e) => e.timestamp));
    expect(record.kinesis.approximateArrivalTimestamp * 1000).toBeGreaterThan(last);
  });

  it('builds one record per payload, completing decoded payloads', () => {
    const event = kinesisStreamEventFromCloudWatchLogs([{ logEvents: [{ message: 'a' }] }, cloudwatchLogsEvent()]);
    expect(event.Records).toHaveLength(2);
    const first = decodeCloudWatchLogsData(event.Records[0]!.kinesis.data);
    expect(first.logEvents.map((e) => e.message)).toStrictEqual(['a']);
    expect(first.messageType).toBe('DATA_MESSAGE');
    expect(new Set(event.Records.map((r) => r.eventSourceARN)).size).toBe(1);
  });

  it('rejects an empty list and a value that is not a log event or payload', () => {
    expect(() => kinesisStreamEventFromCloudWatchLogs([])).toThrow(OverrideError);
    expect(() => kinesisStreamEventFromCloudWatchLogs([])).toThrow(/kinesis-stream: logs: no CloudWatch Logs event/);
    expect(() => kinesisStreamEventFromCloudWatchLogs(['x' as never])).toThrow(/logs\[0\]: expected a CloudWatch Logs/);
  });
});

describe('kinesisFirehoseEventFromCloudWatchLogs', () => {
  it('carries base64 of the gzipped payload in each record, decoding back to the inner event', () => {
    const inner = [cloudwatchLogsEvent(), cloudwatchLogsEvent(undefined, { variant: 'control-message' })];
    const event = kinesisFirehoseEventFromCloudWatchLogs(inner);
    expect(validate('kinesis-firehose', event).errors).toStrictEqual([]);
    expect(event.records.map((r) => decodeCloudWatchLogsData(r.data))).toStrictEqual(
      inner.map((e) => decodeCloudWatchLogsData(e)),
    );
    const owner = decodeCloudWatchLogsData(inner[0]!).owner;
    expect(event.deliveryStreamArn!.split(':').slice(3, 5)).toStrictEqual([event.region, owner]);
  });

  it('validates the outer event unless asked not to', () => {
    expect(() => kinesisFirehoseEventFromCloudWatchLogs(cloudwatchLogsEvent(), { region: 'nowhere' })).toThrow(
      ContractViolationError,
    );
    const event = kinesisFirehoseEventFromCloudWatchLogs(cloudwatchLogsEvent(), { region: 'nowhere', validate: false });
    expect(event.region).toBe('nowhere');
  });
});

describe('kinesisStreamEventFromDynamodb', () => {
  it('writes each change as Kinesis Data Streams for DynamoDB does, decoding back to the inner record', () => {
    const inner = dynamodbStreamEvent(undefined, { records: 4, seed: 5 });
    const event = kinesisStreamEventFromDynamodb(inner);
    expect(validate('kinesis-stream', event).errors).toStrictEqual([]);
    expect(event.Records).toHaveLength(4);
    event.Records.forEach((record, i) => {
      const source = inner.Records[i]!;
      const change = JSON.parse(bytes(record.kinesis.data).toString('utf8'));
      expect(change).toMatchObject({
        awsRegion: source.awsRegion,
        eventName: source.eventName,
        recordFormat: 'application/json',
        eventSource: 'aws:dynamodb',
        tableName: source.eventSourceARN.split('/')[1],
        userIdentity: source.userIdentity ?? null,
      });
      expect(change.eventID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const { SequenceNumber, StreamViewType, ApproximateCreationDateTime, ...rest } = source.dynamodb;
      expect(change.dynamodb).toStrictEqual({
        ...rest,
        ApproximateCreationDateTime: ApproximateCreationDateTime! * 1000,
      });
      expect(record.awsRegion).toBe(source.awsRegion);
      expect(record.kinesis.approximateArrivalTimestamp).toBeGreaterThan(source.dynamodb.ApproximateCreationDateTime!);
      expect(record.eventSourceARN.split(':')[4]).toBe(source.eventSourceARN.split(':')[4]);
    });
  });

  it('uses one partition key per item key', () => {
    const Keys = { id: { S: 'same' } };
    const inner = dynamodbStreamEvent({ Records: [{ dynamodb: { Keys } }, { dynamodb: { Keys } }, {}] });
    const keys = kinesisStreamEventFromDynamodb(inner).Records.map((r) => r.kinesis.partitionKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('takes several events, one record per change', () => {
    const events = [dynamodbStreamEvent(undefined, { records: 2 }), dynamodbStreamEvent(undefined, { seed: 2 })];
    expect(kinesisStreamEventFromDynamodb(events).Records).toHaveLength(3);
  });

  it('rejects an event without records', () => {
    expect(() => kinesisStreamEventFromDynamodb({ Records: [] })).toThrow(/no DynamoDB change to deliver/);
    expect(() => kinesisStreamEventFromDynamodb([])).toThrow(OverrideError);
  });
});

describe('kinesisFirehoseEventFromKinesis', () => {
  it('reads each Kinesis record as a Firehose record with its Kinesis metadata', () => {
    const inner = kinesisStreamEvent({ Records: [{ kinesis: { data: 'a' } }, { kinesis: { data: 'b' } }] });
    const event = kinesisFirehoseEventFromKinesis(inner);
    expect(validate('kinesis-firehose', event).errors).toStrictEqual([]);
    expect(event.sourceKinesisStreamArn).toBe(inner.Records[0]!.eventSourceARN);
    expect(event.region).toBe(inner.Records[0]!.awsRegion);
    expect(event.deliveryStreamArn!.split(':')[4]).toBe(inner.Records[0]!.eventSourceARN.split(':')[4]);
    event.records.forEach((record, i) => {
      const source = inner.Records[i]!;
      expect(record.data).toBe(source.kinesis.data);
      expect(record.kinesisRecordMetadata).toStrictEqual({
        shardId: source.eventID.split(':')[0],
        partitionKey: source.kinesis.partitionKey,
        approximateArrivalTimestamp: Math.round(source.kinesis.approximateArrivalTimestamp * 1000),
        sequenceNumber: source.kinesis.sequenceNumber,
        subsequenceNumber: '',
      });
      expect(record.approximateArrivalTimestamp).toBeGreaterThanOrEqual(
        record.kinesisRecordMetadata!.approximateArrivalTimestamp,
      );
    });
  });

  it('rejects an event without records', () => {
    expect(() => kinesisFirehoseEventFromKinesis([])).toThrow(/kinesis-firehose: kinesis.Records: no Kinesis record/);
  });
});

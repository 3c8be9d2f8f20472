import {
  type CloudwatchLogsDataInput,
  type CloudwatchLogsEvent,
  cloudwatchLogsEvent,
  decodeCloudWatchLogsData,
} from '../../generators/cloudwatch-logs/index.ts';
import type { DynamodbStreamEvent, DynamodbStreamRecord } from '../../generators/dynamodb-stream/index.ts';
import { type KinesisFirehoseEvent, kinesisFirehoseEvent } from '../../generators/kinesis-firehose/index.ts';
import {
  type KinesisStreamEvent,
  type KinesisStreamRecordOverrides,
  kinesisStreamEvent,
} from '../../generators/kinesis-stream/index.ts';
import type { BuildOptions } from '../core/define-event.ts';
import { md5Hex } from '../core/encoders.ts';
import { isPlainObject } from '../core/overrides.ts';
import { OverrideError } from '../errors.ts';

/** Options of the stream envelopes: the outer event's seed, clock and validation, and where it lives. */
export interface StreamEnvelopeOptions {
  /** Seed of the outer event's random values. Default 42. */
  seed?: number;
  /** Anchor of the outer timestamps. Default: just after the inner event's latest timestamp. */
  now?: BuildOptions['now'];
  /** Validate the outer event. Default true. */
  validate?: boolean;
  /** Region of the stream. Default: the inner event's region when it has one, else the outer event's own. */
  region?: string;
  /** Account of the stream. Default: the inner event's account (CloudWatch Logs `owner`, DynamoDB table ARN). */
  accountId?: string;
}

/** What a CloudWatch Logs envelope takes: built events, or decoded (partial) payloads completed by `cloudwatchLogsEvent`. */
export type CloudwatchLogsInput = CloudwatchLogsEvent | CloudwatchLogsDataInput;

const ACCOUNT = /^\d{12}$/;
/** Outer builders place arrivals up to 60 s before `now`: this keeps them after the inner event's last timestamp. */
const ARRIVAL_DELAY_MS = 61_000;

function withScope(arn: string, region: string | undefined, account: string | undefined): string {
  const parts = arn.split(':');
  if (region !== undefined && parts[3] !== '') parts[3] = region;
  if (account !== undefined) parts[4] = account;
  return parts.join(':');
}

function encodedLogs(
  id: string,
  inputs: CloudwatchLogsInput | readonly CloudwatchLogsInput[],
  seed: number | undefined,
): string[] {
  const list = ([] as CloudwatchLogsInput[]).concat(inputs as CloudwatchLogsInput);
  if (list.length === 0) throw new OverrideError(id, 'logs', 'no CloudWatch Logs event to deliver');
  return list.map((input, i) => {
    if (!isPlainObject(input)) {
      throw new OverrideError(id, `logs[${i}]`, 'expected a CloudWatch Logs event or a decoded payload');
    }
    if (isPlainObject((input as Record<string, unknown>).awslogs)) return (input as CloudwatchLogsEvent).awslogs.data;
    return cloudwatchLogsEvent({ awslogs: { data: input as CloudwatchLogsDataInput } }, { seed: (seed ?? 42) + i })
      .awslogs.data;
  });
}

function logsScope(payloads: readonly string[]): { account?: string; latest: number } {
  let latest = 0;
  let account: string | undefined;
  for (const data of payloads) {
    const decoded = decodeCloudWatchLogsData(data);
    if (account === undefined && ACCOUNT.test(decoded.owner)) account = decoded.owner;
    for (const logEvent of decoded.logEvents) latest = Math.max(latest, logEvent.timestamp);
  }
  return account === undefined ? { latest } : { account, latest };
}

/** Builds a Kinesis Data Streams event from per-record overrides, moving its ARNs to the given region and account. */
function kinesisWithScope(
  records: KinesisStreamRecordOverrides[],
  options: StreamEnvelopeOptions,
  now: number,
  region: string | undefined,
  account: string | undefined,
): KinesisStreamEvent {
  const build = { seed: options.seed, now: options.now ?? now, validate: options.validate };
  const base = kinesisStreamEvent({ Records: records }, { ...build, validate: false });
  const first = base.Records[0]!;
  const scoped = records.map((record) => ({
    ...record,
    awsRegion: region ?? first.awsRegion,
    eventSourceARN: withScope(first.eventSourceARN, region, account),
    invokeIdentityArn: withScope(first.invokeIdentityArn, undefined, account),
  }));
  return kinesisStreamEvent({ Records: scoped }, build);
}

/**
 * A Kinesis Data Streams event carrying CloudWatch Logs subscription data, one record per payload: `data` is the
 * gzipped JSON exactly as the subscription writes it to the stream (base64 in the event, as for every Kinesis record).
 * @example
 * const event = kinesisStreamEventFromCloudWatchLogs({ logEvents: [{ message: 'ERROR boom' }] });
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#DestinationKinesisExample
 */
export function kinesisStreamEventFromCloudWatchLogs(
  logs: CloudwatchLogsInput | readonly CloudwatchLogsInput[],
  options: StreamEnvelopeOptions = {},
): KinesisStreamEvent {
  const payloads = encodedLogs('kinesis-stream', logs, options.seed);
  const { account, latest } = logsScope(payloads);
  const records = payloads.map((data) => ({
    kinesis: { data: Buffer.from(data, 'base64'), partitionKey: md5Hex(data) },
  }));
  return kinesisWithScope(records, options, latest + ARRIVAL_DELAY_MS, options.region, options.accountId ?? account);
}

/**
 * A Firehose transformation event carrying CloudWatch Logs subscription data, one record per payload: `data` is the
 * base64 of the gzipped JSON, as the subscription delivers it (the CloudWatch Logs processor blueprint's input).
 * @example
 * const event = kinesisFirehoseEventFromCloudWatchLogs([cloudwatchLogsEvent(), cloudwatchLogsEvent(undefined, { seed: 2 })]);
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample
 */
export function kinesisFirehoseEventFromCloudWatchLogs(
  logs: CloudwatchLogsInput | readonly CloudwatchLogsInput[],
  options: StreamEnvelopeOptions = {},
): KinesisFirehoseEvent {
  const payloads = encodedLogs('kinesis-firehose', logs, options.seed);
  const { account, latest } = logsScope(payloads);
  const build = { seed: options.seed, now: options.now ?? latest + ARRIVAL_DELAY_MS, validate: options.validate };
  const records = payloads.map((data) => ({ data: Buffer.from(data, 'base64') }));
  const base = kinesisFirehoseEvent({ records }, { ...build, validate: false });
  const region = options.region ?? base.region;
  return kinesisFirehoseEvent(
    {
      records,
      region,
      deliveryStreamArn: withScope(base.deliveryStreamArn as string, region, options.accountId ?? account),
    },
    build,
  );
}

/**
 * A Firehose transformation event reading a Kinesis data stream (the `kinesis-source` shape): one record per Kinesis
 * record, same bytes, with its shard, partition key, sequence number and arrival time as `kinesisRecordMetadata`.
 * @example
 * const event = kinesisFirehoseEventFromKinesis(kinesisStreamEvent({ Records: [{ kinesis: { data: 'line' } }] }));
 * @see https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html
 */
export function kinesisFirehoseEventFromKinesis(
  event: KinesisStreamEvent | readonly KinesisStreamEvent[],
  options: StreamEnvelopeOptions = {},
): KinesisFirehoseEvent {
  const sources = ([] as KinesisStreamEvent[])
    .concat(event)
    .flatMap((e) => (Array.isArray(e?.Records) ? e.Records : []));
  const first = sources[0];
  if (first === undefined)
    throw new OverrideError('kinesis-firehose', 'kinesis.Records', 'no Kinesis record to deliver');
  const latest = Math.max(...sources.map((r) => r.kinesis.approximateArrivalTimestamp * 1000));
  const records = sources.map((record) => {
    const arrival = Math.round(record.kinesis.approximateArrivalTimestamp * 1000);
    return {
      recordId: `${record.kinesis.sequenceNumber}000000`,
      data: Buffer.from(record.kinesis.data, 'base64'),
      kinesisRecordMetadata: {
        shardId: record.eventID.split(':')[0],
        partitionKey: record.kinesis.partitionKey,
        approximateArrivalTimestamp: arrival,
        sequenceNumber: record.kinesis.sequenceNumber,
        subsequenceNumber: '',
      },
    };
  });
  const build = { seed: options.seed, now: options.now ?? latest + ARRIVAL_DELAY_MS, validate: options.validate };
  const base = kinesisFirehoseEvent({ records }, { ...build, variant: 'kinesis-source', validate: false });
  const region = options.region ?? first.awsRegion;
  const account = options.accountId ?? first.eventSourceARN.split(':')[4];
  return kinesisFirehoseEvent(
    {
      records,
      region,
      deliveryStreamArn: withScope(base.deliveryStreamArn as string, region, account),
      sourceKinesisStreamArn: first.eventSourceARN,
    },
    { ...build, variant: 'kinesis-source' },
  );
}

/** `c4ca4238a0b923820dcc509a6f75849b` → `c4ca4238-a0b9-2382-0dcc-509a6f75849b`. */
function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The JSON record Kinesis Data Streams for DynamoDB writes for one change. */
function dynamodbKinesisRecord(record: DynamodbStreamRecord): Record<string, unknown> {
  const { dynamodb: data } = record;
  const change: Record<string, unknown> = {};
  // Absent only from AWS's oldest samples: a change without it keeps it absent.
  if (data.ApproximateCreationDateTime !== undefined)
    change.ApproximateCreationDateTime = Math.round(data.ApproximateCreationDateTime * 1000);
  change.Keys = data.Keys;
  if (data.NewImage !== undefined) change.NewImage = data.NewImage;
  if (data.OldImage !== undefined) change.OldImage = data.OldImage;
  change.SizeBytes = data.SizeBytes;
  return {
    awsRegion: record.awsRegion,
    eventID: asUuid(record.eventID.padEnd(32, '0')),
    eventName: record.eventName,
    userIdentity: record.userIdentity ?? null,
    recordFormat: 'application/json',
    tableName: record.eventSourceARN.split(':')[5]?.split('/')[1] ?? '',
    dynamodb: change,
    eventSource: 'aws:dynamodb',
  };
}

/**
 * A Kinesis Data Streams event carrying DynamoDB changes as Kinesis Data Streams for DynamoDB writes them: one JSON
 * record per change (millisecond `ApproximateCreationDateTime`, `tableName`, `recordFormat`), in the table's region and account.
 * @example
 * const event = kinesisStreamEventFromDynamodb(dynamodbStreamEvent(undefined, { records: 3 }));
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/kds.html
 */
export function kinesisStreamEventFromDynamodb(
  event: DynamodbStreamEvent | readonly DynamodbStreamEvent[],
  options: StreamEnvelopeOptions = {},
): KinesisStreamEvent {
  const changes = ([] as DynamodbStreamEvent[])
    .concat(event)
    .flatMap((e) => (Array.isArray(e?.Records) ? e.Records : []));
  const first = changes[0];
  if (first === undefined)
    throw new OverrideError('kinesis-stream', 'dynamodb.Records', 'no DynamoDB change to deliver');
  const latest = Math.max(...changes.map((r) => (r.dynamodb.ApproximateCreationDateTime ?? 0) * 1000));
  const records = changes.map((record) => ({
    kinesis: {
      data: JSON.stringify(dynamodbKinesisRecord(record)),
      partitionKey: md5Hex(JSON.stringify(record.dynamodb.Keys)).toUpperCase(),
    },
  }));
  return kinesisWithScope(
    records,
    options,
    latest + ARRIVAL_DELAY_MS,
    options.region ?? first.awsRegion,
    options.accountId ?? first.eventSourceARN.split(':')[4],
  );
}

import { createRequire } from 'node:module';
import { arn, awsScope } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { overridden } from '../../src/core/overrides.ts';
import type { CloudWatchAlarmOverrides, CloudWatchAlarmVariant } from './index.ts';
import { rules } from './rules.ts';
import type { CloudWatchAlarmEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** CloudWatch's timestamp: ISO-8601 with milliseconds and `+0000`, e.g. `2024-02-17T11:53:08.431+0000`. */
export function alarmTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** `dd/MM/yy HH:mm:ss` as threshold reasons print datapoints. */
function datapointTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(2, 4)} ${iso.slice(11, 16)}:00`;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `Friday 04 August, 2023 12:54:46 UTC`, as composite alarm reasons print a child's transition. */
function readableTime(epochMs: number): string {
  const d = new Date(epochMs);
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${day} ${MONTHS[d.getUTCMonth()]}, ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)} UTC`;
}

const FUNCTIONS = ['orders-api', 'payments-worker', 'image-resizer', 'search-indexer'];
const METRICS = [
  { name: 'Errors', stat: 'Sum', threshold: 1 },
  { name: 'Throttles', stat: 'Sum', threshold: 5 },
  { name: 'Duration', stat: 'p99', threshold: 3000 },
  { name: 'Invocations', stat: 'SampleCount', threshold: 100 },
];

type State = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

function metricAlarm(ctx: GenerateContext, scope: ReturnType<typeof awsScope>, stateTime: number) {
  const { random } = ctx;
  const fn = random.pick(FUNCTIONS);
  const metric = random.pick(METRICS);
  const period = random.pick([60, 300]);
  const value: State = random.bool(0.75) ? 'ALARM' : 'OK';
  const previous: State = value === 'ALARM' ? random.pick(['OK', 'INSUFFICIENT_DATA'] as const) : 'ALARM';
  const stat = {
    metric: { namespace: 'AWS/Lambda', name: metric.name, dimensions: { FunctionName: fn } },
    period,
    stat: metric.stat,
  };
  // One metric, or a math expression over two (the published sample's error rate: m1/m2).
  const math = random.bool(0.3);
  const metrics = math
    ? [
        { id: 'e1', expression: 'm1/m2', label: 'ErrorRate', returnData: true },
        {
          id: 'm1',
          metricStat: { ...stat, metric: { ...stat.metric, name: 'Errors' }, stat: 'Sum' },
          returnData: false,
        },
        {
          id: 'm2',
          metricStat: { ...stat, metric: { ...stat.metric, name: 'Invocations' }, stat: 'Sum' },
          returnData: false,
        },
      ]
    : [{ id: 'm1', metricStat: stat, returnData: true }];
  const threshold = math ? 0.05 : metric.threshold;
  const state = (v: State, at: number) => {
    const point = v === 'ALARM' ? threshold * random.int(2, 5) : threshold / random.int(2, 5);
    const bucket = Math.floor(at / 60_000) * 60_000 - 60_000;
    const reason =
      v === 'INSUFFICIENT_DATA'
        ? 'Insufficient Data: 1 datapoint was unknown.'
        : `Threshold Crossed: 1 out of the last 1 datapoints [${point.toFixed(1)} (${datapointTime(bucket)})] was ${v === 'ALARM' ? '' : 'not '}greater than or equal to the threshold (${threshold.toFixed(1)}) (minimum 1 datapoint for ${v === 'ALARM' ? 'OK -> ALARM' : 'ALARM -> OK'} transition).`;
    const reasonData = {
      version: '1.0',
      queryDate: alarmTime(at - 8),
      startDate: alarmTime(bucket),
      ...(math ? {} : { statistic: metric.stat, period }),
      recentDatapoints: v === 'INSUFFICIENT_DATA' ? [] : [point],
      threshold,
      evaluatedDatapoints:
        v === 'INSUFFICIENT_DATA'
          ? [{ timestamp: alarmTime(bucket) }]
          : [{ timestamp: alarmTime(bucket), value: point }],
    };
    return { value: v, reason, reasonData: JSON.stringify(reasonData), timestamp: alarmTime(at) };
  };
  const name = `${fn}-${math ? 'error-rate' : metric.name.toLowerCase()}`;
  return {
    alarmName: name,
    state: state(value, stateTime),
    previousState: state(previous, stateTime - period * 1000 * random.int(1, 30)),
    configuration: {
      description: `${metric.name} of ${fn} crossed its threshold`,
      metrics,
    },
    _arn: arn(scope, 'cloudwatch', `alarm:${name}`),
  };
}

function compositeAlarm(ctx: GenerateContext, scope: ReturnType<typeof awsScope>, stateTime: number) {
  const { random } = ctx;
  const service = random.pick(['Checkout', 'Payments', 'Search']);
  const [first, second] = [`${service}.HighErrors`, `${service}.HighLatency`];
  const value: State = random.bool(0.75) ? 'ALARM' : 'OK';
  const previous: State = value === 'ALARM' ? 'OK' : 'ALARM';
  const child = arn(scope, 'cloudwatch', `alarm:${random.pick([first, second])}`);
  const state = (v: State, at: number) => {
    const childEpoch = at - random.int(0, 2_000);
    const childAt = alarmTime(childEpoch);
    return {
      value: v,
      reason: `${child} transitioned to ${v} at ${readableTime(childEpoch)}`,
      reasonData: JSON.stringify({ triggeringAlarms: [{ arn: child, state: { value: v, timestamp: childAt } }] }),
      timestamp: alarmTime(at),
    };
  };
  const name = `${service}.Main`;
  const suppressed = random.bool(0.3);
  const configuration: Record<string, unknown> = {
    alarmRule: `ALARM(${first}) OR ALARM(${second})`,
    description: `${service} is unhealthy`,
  };
  if (suppressed) {
    configuration.actionsSuppressor = `${service}.Maintenance`;
    configuration.actionsSuppressorWaitPeriod = 120;
    configuration.actionsSuppressorExtensionPeriod = 180;
  }
  return {
    alarmName: name,
    state: state(value, stateTime),
    previousState: state(previous, stateTime - random.int(60, 3600) * 1000),
    configuration,
    _arn: arn(scope, 'cloudwatch', `alarm:${name}`),
  };
}

export const definition = defineEvent<CloudWatchAlarmEvent, CloudWatchAlarmOverrides, CloudWatchAlarmVariant>({
  id: 'cloudwatch-alarm',
  title: 'Amazon CloudWatch alarm',
  invocation: 'async',
  variants: ['metric', 'composite'],
  docs: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda',
  schema: () => require('./schema.json'),
  rules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const at = ctx.now - random.int(0, 59_999);
    const { _arn, ...alarmData } =
      ctx.variant === 'metric' ? metricAlarm(ctx, scope, at) : compositeAlarm(ctx, scope, at);
    return {
      source: 'aws.cloudwatch',
      alarmArn: _arn,
      accountId: scope.accountId,
      time: alarmTime(at),
      region: scope.region,
      alarmData,
    };
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    const data = event.alarmData as { alarmName: string; state: { timestamp: string } };
    // The ARN names the alarm in the event's region and account: it follows them unless given itself.
    if (
      !overridden(overrides, 'alarmArn') &&
      (overridden(overrides, 'region') ||
        overridden(overrides, 'accountId') ||
        overridden(overrides, 'alarmData', 'alarmName'))
    )
      event.alarmArn = `arn:aws:cloudwatch:${event.region}:${event.accountId}:alarm:${data.alarmName}`;
    // The event's time is the new state's timestamp.
    if (overridden(overrides, 'alarmData', 'state', 'timestamp') && !overridden(overrides, 'time'))
      event.time = data.state.timestamp;
    else if (overridden(overrides, 'time') && !overridden(overrides, 'alarmData', 'state', 'timestamp'))
      data.state.timestamp = String(event.time);
  },
});

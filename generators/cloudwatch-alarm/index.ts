import type {
  CloudWatchAlarmCompositeConfiguration as AwsCompositeConfiguration,
  CloudWatchAlarmConfiguration as AwsMetricConfiguration,
  CloudWatchAlarmEvent as AwsCloudWatchAlarmEvent,
} from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type {
  CloudWatchAlarmCompositeConfiguration,
  CloudWatchAlarmData,
  CloudWatchAlarmEvent,
  CloudWatchAlarmMetricConfiguration,
} from './types.gen.ts';

export type {
  CloudWatchAlarmCompositeConfiguration,
  CloudWatchAlarmData,
  CloudWatchAlarmEvent,
  CloudWatchAlarmExpressionQuery,
  CloudWatchAlarmMetricConfiguration,
  CloudWatchAlarmMetricQuery,
  CloudWatchAlarmState,
} from './types.gen.ts';

export type CloudWatchAlarmVariant = 'metric' | 'composite';

export type CloudWatchAlarmOverrides = DeepPartial<CloudWatchAlarmEvent>;

/** The event of one alarm kind: `@types/aws-lambda`'s `CloudWatchAlarmEvent`, its configuration narrowed. */
export interface CloudWatchAlarmEvents {
  metric: CloudWatchAlarmEvent &
    AwsCloudWatchAlarmEvent & {
      alarmData: CloudWatchAlarmData & {
        configuration: CloudWatchAlarmMetricConfiguration & AwsMetricConfiguration;
      };
    };
  composite: CloudWatchAlarmEvent &
    AwsCloudWatchAlarmEvent & {
      alarmData: CloudWatchAlarmData & {
        configuration: CloudWatchAlarmCompositeConfiguration & AwsCompositeConfiguration;
      };
    };
}

/**
 * Builds the event a CloudWatch alarm sends when it invokes a Lambda function on a state change: `source`
 * `aws.cloudwatch`, the alarm's ARN in the event's region and account, the new and previous state with `reasonData`
 * as a JSON string, timestamps as CloudWatch writes them (`2026-01-15T11:59:30.123+0000`); the metric queries of a
 * metric alarm or the `alarmRule` of a composite one.
 * @example
 * const event = cloudwatchAlarmEvent({ alarmData: { alarmName: 'orders-errors' } }, { variant: 'metric' });
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda
 */
export function cloudwatchAlarmEvent<V extends CloudWatchAlarmVariant = 'metric'>(
  overrides?: CloudWatchAlarmOverrides,
  options?: BuildOptions<V> & { variant?: V },
): CloudWatchAlarmEvents[V] {
  return definition.build(overrides, options) as CloudWatchAlarmEvents[V];
}

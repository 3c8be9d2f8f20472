import type {
  CloudWatchAlarmCompositeConfiguration,
  CloudWatchAlarmConfiguration,
  CloudWatchAlarmEvent,
} from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import { cloudwatchAlarmEvent } from '../../src/index.ts';

expectTypeOf(cloudwatchAlarmEvent()).toExtend<CloudWatchAlarmEvent>();
expectTypeOf(cloudwatchAlarmEvent(undefined, { variant: 'composite' })).toExtend<CloudWatchAlarmEvent>();
expectTypeOf(cloudwatchAlarmEvent().alarmData.configuration).toExtend<CloudWatchAlarmConfiguration>();
expectTypeOf(
  cloudwatchAlarmEvent(undefined, { variant: 'composite' }).alarmData.configuration,
).toExtend<CloudWatchAlarmCompositeConfiguration>();
expectTypeOf(cloudwatchAlarmEvent(undefined, { variant: 'composite' }).alarmData.configuration.alarmRule).toBeString();
// @ts-expect-error an unknown alarm kind is a type error
cloudwatchAlarmEvent(undefined, { variant: 'anomaly' });

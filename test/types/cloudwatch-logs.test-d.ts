import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import { expectTypeOf } from 'vitest';
import {
  type CloudwatchLogsDecodedData,
  type CloudwatchLogsEvent,
  cloudwatchLogsEvent,
  decodeCloudWatchLogsData,
} from '../../src/index.ts';

expectTypeOf(cloudwatchLogsEvent()).toEqualTypeOf<CloudwatchLogsEvent>();
expectTypeOf(cloudwatchLogsEvent()).toExtend<CloudWatchLogsEvent>();
expectTypeOf(decodeCloudWatchLogsData(cloudwatchLogsEvent())).toEqualTypeOf<CloudwatchLogsDecodedData>();
expectTypeOf<CloudwatchLogsDecodedData>().toExtend<CloudWatchLogsDecodedData>();
// `awslogs.data` may be the encoded string or a decoded, partial payload.
expectTypeOf(cloudwatchLogsEvent).toBeCallableWith({ awslogs: { data: { logEvents: [{ message: 'x' }] } } });
expectTypeOf(cloudwatchLogsEvent).toBeCallableWith({ awslogs: { data: 'H4sI' } }, { variant: 'control-message' });
// @ts-expect-error an unknown variant is a type error
cloudwatchLogsEvent(undefined, { variant: 'control' });
// @ts-expect-error log event timestamps are epoch milliseconds
cloudwatchLogsEvent({ awslogs: { data: { logEvents: [{ timestamp: '2026-01-01' }] } } });

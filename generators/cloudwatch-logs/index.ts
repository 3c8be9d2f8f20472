import type { BuildOptions } from '../../src/core/define-event.ts';
import { decodeData, definition } from './definition.ts';
import type { CloudwatchLogsEvent } from './types.gen.ts';

export type { CloudwatchLogsEvent, CloudwatchLogsEventData } from './types.gen.ts';

/**
 * `plain` (a data message from a log-group subscription filter), `control-message` (the check CloudWatch Logs sends
 * to a new subscription's destination), `account-policy` (a data message from an account-level subscription
 * filter: `policyLevel: "ACCOUNT_LEVEL_POLICY"`).
 */
export type CloudwatchLogsVariant = 'plain' | 'control-message' | 'account-policy';

/** One log event inside `awslogs.data`. */
export interface CloudwatchLogsLogEvent {
  /** 56-digit id, increasing within a batch (empty in a control message). */
  id: string;
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
  extractedFields?: Record<string, string>;
}

/** The decoded `awslogs.data` payload. */
export interface CloudwatchLogsDecodedData {
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  owner: string;
  logGroup: string;
  logStream: string;
  subscriptionFilters: string[];
  logEvents: CloudwatchLogsLogEvent[];
  /** Which subscription filter policy delivered the events (newer events; absent from older ones). */
  policyLevel?: 'ACCOUNT_LEVEL_POLICY' | 'LOG_GROUP_LEVEL_POLICY';
}

/** A decoded log event to complete: a missing id, timestamp or message is filled in; a non-string message is JSON-encoded. */
export type CloudwatchLogsLogEventInput = Partial<Omit<CloudwatchLogsLogEvent, 'message'>> & { message?: unknown };

/** A decoded payload to complete with the default one; given `logEvents` are exactly the batch's events. */
export type CloudwatchLogsDataInput = Partial<Omit<CloudwatchLogsDecodedData, 'logEvents'>> & {
  logEvents?: CloudwatchLogsLogEventInput[];
};

export interface CloudwatchLogsOverrides {
  /** `data` is the encoded string as AWS sends it, or a decoded (partial) payload that is gzipped and base64-encoded. */
  awslogs?: { data?: string | CloudwatchLogsDataInput };
}

/**
 * Builds an Amazon CloudWatch Logs subscription event: `awslogs.data` gzipped and base64-encoded, log event ids
 * increasing; decoded payloads given as overrides are completed and encoded.
 * @example
 * const event = cloudwatchLogsEvent({ awslogs: { data: { logEvents: [{ message: 'ERROR boom' }] } } });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html
 */
export function cloudwatchLogsEvent(
  overrides?: CloudwatchLogsOverrides,
  options?: BuildOptions<CloudwatchLogsVariant>,
): CloudwatchLogsEvent {
  return definition.build(overrides, options);
}

/**
 * Decodes a CloudWatch Logs event's `awslogs.data` (or the data string itself): base64, gunzip, JSON.
 * @example
 * const { logEvents } = decodeCloudWatchLogsData(event);
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
 */
export function decodeCloudWatchLogsData(
  event: CloudwatchLogsEvent | { awslogs: { data: string } } | string,
): CloudwatchLogsDecodedData {
  return decodeData(typeof event === 'string' ? event : event.awslogs.data);
}

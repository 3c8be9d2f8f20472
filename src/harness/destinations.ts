import { DEFAULT_NOW } from '../core/aws-values.ts';
import type { Random } from '../core/random.ts';
import type { PreparedFunction } from './function-config.ts';
import type { InvokeResult } from './invoke.ts';
import type { DeadLetter, DestinationDelivery } from './ledger.ts';
import { truncateUtf8 } from './payload.ts';

/** Destination targets (aws-behaviour §3.2); S3 is on-failure only. */
export type DestinationType = 'sqs' | 'sns' | 'lambda' | 'eventbridge' | 's3';

/** A destination or DLQ target; `arn` defaults to one derived from the function name. */
export interface TargetConfig<T extends string> {
  type: T;
  arn?: string;
}

/** Why an async event reached its failure handling (aws-behaviour §3.1, §3.2). */
export type FailureCondition = 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency';

const SNS_LIMIT = 256 * 1024;

/** The ISO timestamp of virtual time `at` (the simulation starts at 2026-01-15T12:00:00Z, like the builders). */
export function virtualIso(at: number): string {
  return new Date(DEFAULT_NOW + at).toISOString();
}

/** The default ARN of a target named after the function. */
export function targetArn(fn: PreparedFunction, type: string, suffix: string): string {
  const name = `${fn.functionName}-${suffix}`;
  switch (type) {
    case 'sqs':
      return `arn:aws:sqs:${fn.region}:${fn.accountId}:${name}`;
    case 'sns':
      return `arn:aws:sns:${fn.region}:${fn.accountId}:${name}`;
    case 'lambda':
      return `arn:aws:lambda:${fn.region}:${fn.accountId}:function:${name}`;
    case 'eventbridge':
      return `arn:aws:events:${fn.region}:${fn.accountId}:event-bus/${name}`;
    default:
      return `arn:aws:s3:::${name}`;
  }
}

function errorCode(result: InvokeResult | undefined): string {
  if (result === undefined) return '429';
  if (result.invocationError !== undefined) return String(result.invocationError.statusCode);
  return '200';
}

function errorMessage(result: InvokeResult | undefined, condition: FailureCondition): string {
  if (result?.error !== undefined) return result.error.errorMessage;
  if (result?.invocationError !== undefined) return result.invocationError.message;
  return condition === 'ZeroReservedConcurrency' ? 'Rate Exceeded.' : condition;
}

/**
 * The DLQ message (aws-behaviour §3.3): body = the original event, attributes `RequestID`, `ErrorCode` (Number, the
 * HTTP status), `ErrorMessage` (first 1 KB), in SQS or SNS message-attribute shape.
 */
export function deadLetter(
  index: number,
  target: 'sqs' | 'sns',
  payload: string,
  requestId: string,
  result: InvokeResult | undefined,
  condition: FailureCondition,
): DeadLetter {
  const code = errorCode(result);
  const message = truncateUtf8(errorMessage(result, condition), 1024);
  // Literals in a fixed key order (RequestID, ErrorCode, ErrorMessage), one shape per target.
  const messageAttributes: Record<string, unknown> =
    target === 'sqs'
      ? {
          RequestID: { stringValue: requestId, stringListValues: [], binaryListValues: [], dataType: 'String' },
          ErrorCode: { stringValue: code, stringListValues: [], binaryListValues: [], dataType: 'Number' },
          ErrorMessage: { stringValue: message, stringListValues: [], binaryListValues: [], dataType: 'String' },
        }
      : {
          RequestID: { Type: 'String', Value: requestId },
          ErrorCode: { Type: 'Number', Value: code },
          ErrorMessage: { Type: 'String', Value: message },
        };
  return { event: index, target, message: { body: payload, messageAttributes } };
}

/** The invocation record (aws-behaviour §3.2) before wrapping. */
export function destinationRecord(
  fn: PreparedFunction,
  at: number,
  requestId: string,
  condition: 'Success' | FailureCondition,
  approximateInvokeCount: number,
  event: unknown,
  result: InvokeResult | undefined,
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    version: '1.0',
    timestamp: virtualIso(at),
    requestContext: {
      requestId,
      functionArn: `${fn.functionArn}:${fn.functionVersion}`,
      condition,
      approximateInvokeCount,
    },
    requestPayload: event,
  };
  if (result?.ran === true) {
    const responseContext: Record<string, unknown> = { statusCode: 200, executedVersion: fn.functionVersion };
    if (result.status !== 'success') responseContext.functionError = result.functionError ?? 'Unhandled';
    record.responseContext = responseContext;
    record.responsePayload = result.status === 'success' ? result.response : result.error;
  }
  return record;
}

/** The delivery of a record: the record and the message its target receives (aws-behaviour §3.2); SNS drops payloads over 256 KB. */
export function deliverRecord(
  fn: PreparedFunction,
  on: 'success' | 'failure',
  target: TargetConfig<DestinationType>,
  record: Record<string, unknown>,
  at: number,
  random: Random,
): DestinationDelivery {
  const arn = target.arn ?? targetArn(fn, target.type, on === 'success' ? 'on-success' : 'on-failure');
  switch (target.type) {
    case 'sqs':
      return { on, target: 'sqs', record, message: { body: JSON.stringify(record) } };
    case 'sns': {
      let written = record;
      let message = JSON.stringify(record);
      if (Buffer.byteLength(message) > SNS_LIMIT) {
        const { requestPayload: _req, responsePayload: _res, ...rest } = record;
        written = rest;
        message = JSON.stringify(rest);
      }
      return { on, target: 'sns', record: written, message: { Message: message } };
    }
    case 'lambda':
      return { on, target: 'lambda', record, message: record };
    case 'eventbridge':
      return {
        on,
        target: 'eventbridge',
        record,
        message: {
          version: '0',
          id: random.uuid(),
          'detail-type': `Lambda Function Invocation Result - ${on === 'success' ? 'Success' : 'Failure'}`,
          source: 'lambda',
          account: fn.accountId,
          time: virtualIso(at).replace(/\.\d{3}Z$/, 'Z'),
          region: fn.region,
          // [event-bus ARN, qualified function ARN], as AWS sends it (AWS-validated capture, aws-behaviour §3.2).
          resources: [arn, `${fn.functionArn}:${fn.functionVersion}`],
          detail: record,
        },
      };
    case 's3': {
      const iso = virtualIso(at);
      const [date, time] = iso.split('T') as [string, string];
      const stamp = `${date}T${time.slice(0, 8).replaceAll(':', '.')}`;
      const key = `aws/lambda/async/${fn.functionName}/${date.replaceAll('-', '/')}/${stamp}-${random.uuid()}`;
      const bucket = arn.split(':::')[1] ?? arn;
      return { on, target: 's3', record, message: { bucket, key, body: JSON.stringify(record) } };
    }
  }
}

/** How `verify` turns a source's generated events into what an event source mapping reads (messages, records). */
import { VerifyUsageError } from './types.ts';

export interface PollSource {
  /** The scenario `invocation` object for the mapping. */
  readonly invocation: Record<string, unknown>;
  /** The mapping's entries for a list of generated events (their records, in order). */
  readonly entries: (events: readonly unknown[]) => unknown[];
}

type RecordOf = Record<string, unknown>;
const records = (events: readonly unknown[]): RecordOf[] =>
  events.flatMap((event) => ((event as { Records?: RecordOf[] }).Records ?? []) as RecordOf[]);

export function pollSource(source: string, variant: string | undefined): PollSource {
  switch (source) {
    case 'sqs': {
      const fifo = variant === 'fifo';
      return {
        invocation: { source: 'sqs', ...(fifo ? { queue: { fifo: true } } : {}) },
        entries: (events) =>
          records(events).map((r) => {
            const attributes = r.attributes as RecordOf;
            return {
              body: r.body,
              ...(fifo ? { messageGroupId: attributes.MessageGroupId } : {}),
            };
          }),
      };
    }
    case 'kinesis-stream':
      return {
        invocation: { source: 'kinesis' },
        entries: (events) =>
          records(events).map((r) => {
            const kinesis = r.kinesis as RecordOf;
            return { data: Buffer.from(String(kinesis.data), 'base64'), partitionKey: kinesis.partitionKey };
          }),
      };
    case 'dynamodb-stream':
      return {
        invocation: { source: 'dynamodb' },
        entries: (events) =>
          records(events).map((r) => {
            const dynamodb = r.dynamodb as RecordOf;
            return {
              eventName: r.eventName,
              dynamodb: Object.fromEntries(
                ['Keys', 'NewImage', 'OldImage'].filter((k) => dynamodb[k] !== undefined).map((k) => [k, dynamodb[k]]),
              ),
            };
          }),
      };
    default:
      throw new VerifyUsageError(
        'invocation',
        `verify simulates poll delivery for sqs, kinesis-stream and dynamodb-stream; ${source} is not simulated yet`,
      );
  }
}

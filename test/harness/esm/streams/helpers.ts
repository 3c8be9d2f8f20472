// Handlers and readers shared by the stream, Kafka, MQ and DocumentDB poller tests.
import type { KinesisStreamEvent } from '../../../../generators/kinesis-stream/index.ts';
import type { MappingLedger } from '../../../../src/harness/esm/core.ts';

export const decode = (data: string): string => Buffer.from(data, 'base64').toString('utf8');

/** Decoded data of every Kinesis record, in order. */
export const kinesisData = (event: KinesisStreamEvent): string[] => event.Records.map((r) => decode(r.kinesis.data));

/** A Kinesis handler that records each batch's decoded data and answers with `answer(event, call)`. */
export function kinesisRecorder(answer: (event: KinesisStreamEvent, call: number) => unknown = () => undefined) {
  const batches: string[][] = [];
  const events: KinesisStreamEvent[] = [];
  const handler = async (event: KinesisStreamEvent) => {
    batches.push(kinesisData(event));
    events.push(event);
    return answer(event, batches.length - 1);
  };
  return { handler, batches, events };
}

/** Records "0" … "n-1" with one partition key (one shard, one lane). */
export const numbered = (n: number, partitionKey = 'k'): { data: string; partitionKey: string }[] =>
  Array.from({ length: n }, (_, i) => ({ data: String(i), partitionKey }));

export const RBIF = { functionResponseTypes: ['ReportBatchItemFailures'] as const };

/** Outcome of every event, in input order. */
export const outcomes = (ledger: MappingLedger): string[] => ledger.events.map((e) => e.outcome);

/** Throws when the batch carries a record whose data satisfies `bad`. */
export function failWhen(bad: (data: string) => boolean) {
  return (event: KinesisStreamEvent) => {
    if (kinesisData(event).some(bad)) throw new Error('poison record');
    return null;
  };
}

/** The on-failure record of a delivery. */
export function deliveredRecord(delivery: { target: string; record: unknown }): Record<string, unknown> {
  return delivery.record as Record<string, unknown>;
}

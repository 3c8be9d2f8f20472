// Handlers and readers shared by the event source mapping tests.
import type { SqsEvent, SqsRecord } from '../../../generators/sqs/index.ts';

/** Bodies of every record, in order. */
export const bodies = (event: SqsEvent): string[] => event.Records.map((r) => r.body);

/** A handler that records each batch's bodies and answers with `answer(event)`. */
export function recorder(answer: (event: SqsEvent, call: number) => unknown = () => undefined) {
  const batches: string[][] = [];
  const records: SqsRecord[][] = [];
  const handler = async (event: SqsEvent) => {
    batches.push(bodies(event));
    records.push(event.Records);
    return answer(event, batches.length - 1);
  };
  return { handler, batches, records };
}

/** `{batchItemFailures}` listing the records whose body satisfies `failed`. */
export function failing(event: SqsEvent, failed: (body: string) => boolean) {
  return {
    batchItemFailures: event.Records.filter((r) => failed(r.body)).map((r) => ({ itemIdentifier: r.messageId })),
  };
}

export const RBIF = { functionResponseTypes: ['ReportBatchItemFailures'] as const };

/** Message bodies "0" … "n-1". */
export const numbered = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i));

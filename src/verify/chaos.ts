/**
 * The at-least-once schedule `verify` draws and shrinks: what AWS may do to a delivery besides delivering it once.
 * Every step is a case the AWS documentation describes (docs/aws-behaviour.md):
 * - `duplicate`: the same event or message delivered twice (async: aws-behaviour §3.1; mappings: §4.1);
 * - `fail-after-run`: the handler ran and had its effect, but its answer was lost (a timeout): the async queue
 *   retries it (§3.1), an SQS batch comes back after the visibility timeout (§4.2), a stream batch is re-read (§4.3);
 * - `partial-after-run`: a batch whose answer reported one item as failed after the handler processed it: SQS
 *   redelivers that message (§4.2), a stream re-reads from its sequence number (§4.3 checkpoints).
 */
import fc from 'fast-check';
import type { Invocation } from '../core/define-event.ts';
import type { Fault } from '../harness/async-queue.ts';
import type { Handler } from '../harness/invoke.ts';
import type { VerifyRun } from './types.ts';

export type ChaosStep =
  | { readonly kind: 'duplicate'; readonly event: number }
  | { readonly kind: 'fail-after-run'; readonly invocation: number }
  | { readonly kind: 'partial-after-run'; readonly invocation: number; readonly item: number };

/** Schedules of at most three steps; shrinking removes steps and moves them to earlier deliveries. */
export function chaosArbitrary(invocation: Invocation): fc.Arbitrary<ChaosStep[]> {
  const duplicate = fc.record({ kind: fc.constant('duplicate' as const), event: fc.nat({ max: 9 }) });
  const failAfterRun = fc.record({ kind: fc.constant('fail-after-run' as const), invocation: fc.nat({ max: 5 }) });
  const partial = fc.record({
    kind: fc.constant('partial-after-run' as const),
    invocation: fc.nat({ max: 5 }),
    item: fc.nat({ max: 9 }),
  });
  const step: fc.Arbitrary<ChaosStep> =
    invocation === 'poll' ? fc.oneof(duplicate, failAfterRun, partial) : fc.oneof(duplicate, failAfterRun);
  return fc.array(step, { maxLength: 3 });
}

/** The harness faults a schedule's duplicates become (first delivery of each named event). */
export function deliveryFaults(schedule: readonly ChaosStep[], events: number): Fault[] {
  const seen = new Set<number>();
  for (const step of schedule) if (step.kind === 'duplicate' && step.event < events) seen.add(step.event);
  return [...seen].sort((a, b) => a - b).map((event) => ({ event, attempt: 1, kind: 'duplicate' }));
}

function lostAnswer(): Error {
  const error = new Error(
    'Task timed out (injected by verify: the handler ran and had its effect; its answer was lost)',
  );
  error.name = 'Sandbox.Timedout';
  return error;
}

/** Record identifiers as a partial batch response names them (SQS messageId, Kinesis/DynamoDB sequence numbers). */
function itemIdentifier(record: Record<string, unknown>): unknown {
  return (
    record.messageId ??
    (record.kinesis as Record<string, unknown> | undefined)?.sequenceNumber ??
    (record.dynamodb as Record<string, unknown> | undefined)?.SequenceNumber
  );
}

function afterRun(step: ChaosStep | undefined, event: unknown, response: unknown): unknown {
  if (step === undefined) return response;
  if (step.kind === 'fail-after-run') throw lostAnswer();
  if (step.kind !== 'partial-after-run') return response;
  const records = (event as { Records?: Record<string, unknown>[] } | null)?.Records;
  if (!Array.isArray(records) || records.length === 0) return response;
  const record = records[step.item % records.length] as Record<string, unknown>;
  const failures = (response as { batchItemFailures?: unknown[] } | null)?.batchItemFailures;
  const listed = Array.isArray(failures) ? failures : [];
  return { ...(response as object), batchItemFailures: [...listed, { itemIdentifier: itemIdentifier(record) }] };
}

/** The user's handler, counting invocations, recording answers and applying the schedule's after-run steps. */
export function wrapHandler(handler: Handler, schedule: readonly ChaosStep[], answers: VerifyRun['answers']): Handler {
  let count = 0;
  const stepFor = (n: number) =>
    schedule.find((s) => s.kind !== 'duplicate' && (s as { invocation: number }).invocation === n);
  const user = handler as (...args: unknown[]) => unknown;
  if (handler.length >= 3) {
    // Callback handlers keep their arity: the runtime treats them differently (aws-behaviour §5.2).
    return ((event: unknown, context: unknown, callback: (error: unknown, result?: unknown) => void) => {
      const step = stepFor(count++);
      return user(event, context, (error: unknown, result?: unknown) => {
        if (error !== null && error !== undefined) {
          answers.push({ event, response: undefined, threw: true });
          return callback(error);
        }
        answers.push({ event, response: result, threw: false });
        try {
          callback(null, afterRun(step, event, result));
        } catch (lost) {
          callback(lost);
        }
      });
    }) as Handler;
  }
  return (async (event: unknown, context: unknown) => {
    const step = stepFor(count++);
    let response: unknown;
    try {
      response = await user(event, context);
    } catch (error) {
      answers.push({ event, response: undefined, threw: true });
      throw error;
    }
    answers.push({ event, response, threw: false });
    return afterRun(step, event, response);
  }) as Handler;
}

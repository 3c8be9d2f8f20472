import type { ClientResponse, DeadLetter, DestinationDelivery, Ledger, LedgerInvocation, Outcome } from './ledger.ts';
import type { InvokeResult } from './invoke.ts';
import { LambdaHarnessError } from '../errors.ts';
import { formatMessage } from '../errors.ts';

/**
 * Accumulates a Ledger: every event settles exactly once (a second outcome throws), events not settled when the
 * simulation stops are `in-flight`, and attempts count the invocations in which the handler ran.
 */
export class LedgerBuilder {
  readonly invocations: LedgerInvocation[] = [];
  readonly deadLetters: DeadLetter[] = [];
  readonly destinations: DestinationDelivery[] = [];
  readonly #outcomes: ({ outcome: Outcome; reason?: string } | undefined)[];
  readonly #attempts: number[];

  constructor(readonly eventCount: number) {
    this.#outcomes = new Array(eventCount).fill(undefined);
    this.#attempts = new Array(eventCount).fill(0);
  }

  /** Records one invocation at virtual time `at` carrying `events`. */
  invocation(at: number, result: InvokeResult, events: readonly number[], client?: ClientResponse): void {
    const status = result.status;
    const durationMs = Math.round(result.durationMs * 100) / 100;
    const error = result.error;
    // Built in one literal for the common shapes: adding properties afterwards moved them out of the object.
    let entry: LedgerInvocation;
    if (client !== undefined) {
      entry = { at, requestId: result.requestId, events, status, durationMs };
      const mutable = entry as { -readonly [K in keyof LedgerInvocation]: LedgerInvocation[K] };
      if (status === 'success') mutable.response = result.response;
      if (error !== undefined) mutable.error = error;
      mutable.client = client;
    } else if (status === 'success') {
      entry =
        error === undefined
          ? { at, requestId: result.requestId, events, status, durationMs, response: result.response }
          : { at, requestId: result.requestId, events, status, durationMs, response: result.response, error };
    } else if (error !== undefined) {
      entry = { at, requestId: result.requestId, events, status, durationMs, error };
    } else {
      entry = { at, requestId: result.requestId, events, status, durationMs };
    }
    if (result.coldStart) {
      // Rare (first invocation, after a runtime exit or timeout): added after the common shapes are built.
      const mutable = entry as { -readonly [K in keyof LedgerInvocation]: LedgerInvocation[K] };
      mutable.coldStart = true;
      if (!result.freshModule) mutable.freshModule = false;
    }
    this.invocations.push(entry);
    if (result.ran) for (const i of events) this.#attempts[i] = (this.#attempts[i] ?? 0) + 1;
  }

  attempts(index: number): number {
    return this.#attempts[index] ?? 0;
  }

  /** Settles event `index`; an event settles once (conservation: nothing counted twice). */
  settle(index: number, outcome: Outcome, reason?: string): void {
    if (this.#outcomes[index] !== undefined) {
      throw new LambdaHarnessError(
        formatMessage({
          text: `internal: event ${index} settled twice (${this.#outcomes[index]?.outcome}, ${outcome})`,
        }),
      );
    }
    this.#outcomes[index] = reason === undefined ? { outcome } : { outcome, reason };
  }

  settled(index: number): boolean {
    return this.#outcomes[index] !== undefined;
  }

  /** The ledger at virtual time `end`. */
  build(end: number): Ledger {
    const events = this.#outcomes.map((o, index) => {
      const outcome = o ?? { outcome: 'in-flight' as const };
      return { index, ...outcome, attempts: this.#attempts[index] ?? 0 };
    });
    return {
      events: events.map(({ index, outcome, attempts, reason }) =>
        reason === undefined ? { index, outcome, attempts } : { index, outcome, attempts, reason },
      ),
      invocations: this.invocations,
      deadLetters: this.deadLetters,
      destinations: this.destinations,
      end,
    };
  }
}

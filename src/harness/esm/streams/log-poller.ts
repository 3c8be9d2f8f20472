/**
 * The ordered-log poller shared by Kinesis, DynamoDB Streams, Kafka and DocumentDB mappings (aws-behaviour §4.3–§4.5):
 * records in lanes (a shard, a shard's partition-key lane with `parallelizationFactor` > 1, a Kafka partition, a
 * change stream) read strictly in order; a failing batch blocks its lane until it succeeds, is bisected, is
 * discarded on exhaustion (`maximumRetryAttempts`, `maximumRecordAgeInSeconds`) or its records expire.
 * Sources describe their records and events through a `LogSourceSpec`; see docs/decisions/streams-poller.md.
 */
import { DEFAULT_NOW, isoSeconds } from '../../../core/aws-values.ts';
import type { InvokeResult } from '../../invoke.ts';
import type { DestinationDelivery } from '../../ledger.ts';
import {
  type BatchResponse,
  failureReason,
  type MappingLedger,
  type MappingRun,
  type PreparedMapping,
  parseBatchItemFailures,
  pumpScheduler,
  takeBatch,
  windowDue,
} from '../core.ts';

/** The wall-clock epoch of virtual time 0 (the builders' default `now`). */
export const EPOCH = DEFAULT_NOW;

/** Retries of stream batches back off from 1 s, doubling, up to 5 min (not documented by AWS; see the decision). */
export const RETRY_BACKOFF_MIN_MS = 1_000;
export const RETRY_BACKOFF_MAX_MS = 300_000;

/** A tumbling window's state above 1 MB ends the window early (aws-behaviour §4.3). */
export const WINDOW_STATE_LIMIT = 1024 * 1024;

/** One record of a lane, as the poller tracks it. */
export interface LogRecord {
  /** Ledger event index (input order). */
  readonly index: number;
  /** Virtual ms at which the record is in the stream (readable). */
  readonly arrivalAt: number;
  /** Serialized size of `record` in bytes (for the 6 MB cap). */
  readonly bytes: number;
  /** The partial-batch identifier (Kinesis `sequenceNumber`, DynamoDB `SequenceNumber`, Kafka `topic-partition@offset`). */
  readonly id: string;
  /** The record as the batch event carries it. */
  readonly record: unknown;
  /** The object filter patterns address (aws-behaviour §4.6). */
  readonly filterView: unknown;
  /** Deliveries so far (fault lookups use delivery numbers). */
  deliveries: number;
  done: boolean;
}

/** A lane: records read in order by one poller (aws-behaviour §4.3 "per shard", §4.4 "per partition"). */
export interface LogLane {
  /** Shard id, `topic-partition`, … as batch-info records name it. */
  readonly name: string;
  readonly records: LogRecord[];
}

/** The tumbling-window part of a batch event (aws-behaviour §4.3). */
export interface WindowEvent {
  readonly window: { readonly start: string; readonly end: string };
  readonly state: unknown;
  readonly isFinalInvokeForWindow: boolean;
  readonly isWindowTerminatedEarly: boolean;
}

/** Why a batch was discarded (aws-behaviour §4.3, §4.4). */
export type ExhaustCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded' | 'MaximumPayloadSizeExceeded';

/** What a failure (batch-info) record is built from. */
export interface FailureContext {
  readonly lane: LogLane;
  readonly records: readonly LogRecord[];
  readonly condition: ExhaustCondition;
  /** Invocations of this batch (0 when it never ran). */
  readonly invokeCount: number;
  readonly last: InvokeResult | undefined;
  /** The last invocation returned a partial batch response (then `responseContext.functionError` is null). */
  readonly partial: boolean;
  /** A request id for records the function never saw (AWS writes a UUID anyway). */
  readonly requestId: string;
  /** The batch event as last sent (S3 destinations carry it), or undefined when never sent. */
  readonly event: unknown;
  /** Virtual ms now. */
  readonly at: number;
}

/** How one source plugs into the poller. */
export interface LogSourceSpec {
  readonly mapping: PreparedMapping;
  /** Records leave the stream this long after they arrived (stream/topic retention). */
  readonly retentionMs: number;
  /** Names the retention in reasons, e.g. `stream retention (24 h)`. */
  readonly retentionText: string;
  /** Bytes of the event around its records (for the 6 MB cap). */
  readonly overheadBytes: number;
  /** The batch event: its records in order, and the tumbling window when the mapping has one. */
  buildEvent(lane: LogLane, records: readonly LogRecord[], window: WindowEvent | undefined): unknown;
  /** The ledger reason of a record skipped by filtering (aws-behaviour §4.6). */
  readonly filteredReason: string;
  /** Rewrites the response before `batchItemFailures` is read (Kafka's object identifiers). */
  normalizeResponse?(response: unknown, records: readonly LogRecord[]): unknown;
  /** The on-failure record of a discarded batch (aws-behaviour §4.3, §4.4); undefined = the source has none. */
  failureRecord?(context: FailureContext): Record<string, unknown>;
  /** How an expiry is handled: `skip` (streams: the iterator moves on) or `disable` (DocumentDB, §4.5). */
  readonly onExpiry: 'skip' | 'disable';
  /** The aws-behaviour section reasons cite (`§4.3`, `§4.4`, `§4.5`). */
  readonly section: string;
  /** Sources without retry options retry until success or expiry (Kafka default mode, DocumentDB). */
  readonly retryOptions: boolean;
  /** Kafka: with −1 retries and an on-failure destination Lambda retries at most this many times (§4.4). */
  readonly cappedRetries?: number;
}

interface WindowState {
  readonly start: number;
  readonly end: number;
  state: unknown;
  terminatedEarly: boolean;
}

interface Batch {
  records: LogRecord[];
  retries: number;
  invokes: number;
  backoffMs: number;
  /** Tumbling window this batch belongs to, and whether it is the window's final invoke. */
  window: WindowState | undefined;
  final: boolean;
  last: InvokeResult | undefined;
  /** The last invocation's response was a partial batch failure. */
  partial: boolean;
  lastEvent: unknown;
  lastError: string | undefined;
}

interface LaneState {
  readonly lane: LogLane;
  pos: number;
  pending: Batch[];
  busy: boolean;
  openedAt: number | undefined;
  window: WindowState | undefined;
  /** Runs `pump` for this lane at a virtual ms, once per time (see `pumpScheduler`). */
  readonly schedulePump: (at: number) => void;
}

/** ISO time of virtual ms `at`, with milliseconds (batch-info records). */
export function virtualIso(at: number): string {
  return new Date(EPOCH + at).toISOString();
}

/** Delivers an on-failure record to its target as the ledger's `destinations` entry (aws-behaviour §4.3, §4.4). */
export function deliverFailure(
  target: { type: string; arn?: string },
  record: Record<string, unknown>,
  key: string,
): DestinationDelivery {
  switch (target.type) {
    case 'sns':
      return { on: 'failure', target: 'sns', record, message: { Message: JSON.stringify(record) } };
    case 's3': {
      const bucket = target.arn === undefined ? 'on-failure-bucket' : (target.arn.split(':::')[1] ?? target.arn);
      return { on: 'failure', target: 's3', record, message: { bucket, key, body: JSON.stringify(record) } };
    }
    case 'kafka':
      // The topic receives the record itself.
      return { on: 'failure', target: 'kafka', record, message: record };
    default:
      return { on: 'failure', target: 'sqs', record, message: { body: JSON.stringify(record) } };
  }
}

/**
 * Runs `lanes` through the poller on `run`'s clock and returns the ledger. Every record settles exactly once:
 * `succeeded`, `filtered`, `dead-lettered` / `failed` (retries exhausted, with / without an on-failure
 * destination), `expired` (record age or retention), or stays `in-flight` when the run stops first.
 */
export function runLogPoller(run: MappingRun, spec: LogSourceSpec, lanes: readonly LogLane[]): Promise<MappingLedger> {
  const { clock, ledger } = run;
  const positions = new Map<LogRecord, number>();
  const byIndex = new Map<number, LogRecord>();
  for (const lane of lanes) {
    lane.records.forEach((r, i) => {
      positions.set(r, i);
      byIndex.set(r.index, r);
    });
  }
  const mapping = spec.mapping;
  const rbif = mapping.reportBatchItemFailures;
  const tumblingMs = mapping.tumblingWindowMs;
  const maxRetries = !spec.retryOptions
    ? -1
    : mapping.maximumRetryAttempts === -1 && mapping.onFailure !== undefined && spec.cappedRetries !== undefined
      ? spec.cappedRetries
      : mapping.maximumRetryAttempts;
  const maxAgeMs = spec.retryOptions ? mapping.maximumRecordAgeMs : -1;
  const bisect = spec.retryOptions && mapping.bisectBatchOnFunctionError;
  let disabled: string | undefined;
  const states: LaneState[] = lanes.map((lane) => {
    const state: LaneState = {
      lane,
      pos: 0,
      pending: [],
      busy: false,
      openedAt: undefined,
      window: undefined,
      schedulePump: pumpScheduler(clock, () => pump(state)),
    };
    return state;
  });

  const settle = (r: LogRecord, outcome: Parameters<typeof ledger.settle>[1], reason?: string) => {
    if (r.done) return;
    r.done = true;
    ledger.settle(r.index, outcome, reason);
  };

  const requestPump = (s: LaneState, at: number) => {
    if (disabled === undefined) s.schedulePump(at);
  };

  const windowOf = (r: LogRecord): number => Math.floor((EPOCH + r.arrivalAt) / tumblingMs) * tumblingMs - EPOCH;

  const expired = (r: LogRecord, now: number) => now >= r.arrivalAt + spec.retentionMs;

  const disable = (now: number) => {
    disabled = `change-stream events expired (${spec.retentionText}); Lambda disabled the mapping, so this event was never delivered (aws-behaviour §4.5)`;
    for (const s of states) {
      for (const r of s.lane.records) {
        if (!r.done)
          settle(
            r,
            'expired',
            expired(r, now) ? `expired: ${spec.retentionText} elapsed; the mapping is disabled` : disabled,
          );
      }
    }
  };

  const expire = (r: LogRecord, batch: Batch | undefined, now: number): boolean => {
    if (!expired(r, now)) return false;
    if (spec.onExpiry === 'disable') {
      disable(now);
      return true;
    }
    const why = batch?.lastError === undefined ? '' : `; last error: ${batch.lastError}`;
    settle(
      r,
      'expired',
      `${spec.retentionText} elapsed before the record was processed${why} (aws-behaviour ${spec.section})`,
    );
    return true;
  };

  const exhaust = (s: LaneState, batch: Batch, condition: ExhaustCondition) => {
    const now = clock.now;
    const records = batch.records.filter((r) => !r.done);
    const target = mapping.onFailure;
    if (target !== undefined && spec.failureRecord !== undefined && records.length > 0) {
      const record = spec.failureRecord({
        lane: s.lane,
        records,
        condition,
        invokeCount: batch.invokes,
        last: batch.last,
        partial: batch.partial,
        requestId: batch.last?.requestId ?? run.destinationIds.uuid(),
        event: batch.lastEvent,
        at: now,
      });
      const iso = virtualIso(now);
      const [date, time] = iso.split('T') as [string, string];
      // aws/lambda/<ESM-UUID>/<shardId>/YYYY/MM/DD/<YYYY-MM-DDTHH.MM.SS>-<random UUID> (AWS-validated, aws-behaviour §4.3).
      const key = `aws/lambda/${run.uuid}/${s.lane.name}/${date.replaceAll('-', '/')}/${date}T${time.slice(0, 8).replaceAll(':', '.')}-${run.destinationIds.uuid()}`;
      ledger.destinations.push(deliverFailure(target, record, key));
    }
    const why = batch.lastError === undefined ? '' : `; last error: ${batch.lastError}`;
    for (const r of records) {
      if (condition === 'RecordAgeExceeded') {
        settle(
          r,
          'expired',
          `RecordAgeExceeded: older than maximumRecordAgeInSeconds (${maxAgeMs / 1000} s)${target ? `; batch info sent to the on-failure ${target.type}` : '; discarded'}${why} (aws-behaviour ${spec.section})`,
        );
      } else if (target !== undefined) {
        settle(
          r,
          'dead-lettered',
          `${condition}: batch info sent to the on-failure ${target.type} destination${why} (aws-behaviour ${spec.section})`,
        );
      } else {
        settle(r, 'failed', `${condition}: discarded, no on-failure destination${why} (aws-behaviour ${spec.section})`);
      }
    }
    batch.records = [];
    finishBatch(s, batch);
  };

  /** Sends `part` (records split off a batch still running) to failure handling as RecordAgeExceeded. */
  const exhaustApart = (s: LaneState, part: Batch) => {
    const busy = s.busy;
    exhaust(s, part, 'RecordAgeExceeded');
    s.busy = busy;
  };

  const finishBatch = (s: LaneState, batch: Batch) => {
    const i = s.pending.indexOf(batch);
    if (i >= 0) s.pending.splice(i, 1);
    if (batch.final && s.window === batch.window) s.window = undefined;
    s.busy = false;
    requestPump(s, clock.now);
  };

  const matches = (r: LogRecord) => mapping.filter === undefined || mapping.filter.matches(r.filterView);

  const pump = async (s: LaneState): Promise<void> => {
    if (disabled !== undefined || s.busy) return;
    const now = clock.now;
    const head = s.pending[0];
    if (head !== undefined) {
      await attempt(s, head);
      return;
    }
    const records = s.lane.records;
    // The iterator moves past settled, expired and filtered records (aws-behaviour §4.3, §4.6).
    while (s.pos < records.length) {
      const r = records[s.pos] as LogRecord;
      if (!r.done && r.arrivalAt <= now) {
        if (expire(r, undefined, now)) {
          if (disabled !== undefined) return;
        } else if (!matches(r)) settle(r, 'filtered', spec.filteredReason);
        else break;
      } else if (!r.done) break;
      s.pos++;
    }
    // What the next batch may carry: readable records in order (one tumbling window at most), filtered ones skipped.
    const available: LogRecord[] = [];
    let windowStart: number | undefined;
    let nextArrival: number | undefined;
    for (let i = s.pos; i < records.length && available.length < mapping.batchSize; i++) {
      const r = records[i] as LogRecord;
      if (r.done) continue;
      if (r.arrivalAt > now) {
        nextArrival = r.arrivalAt;
        break;
      }
      if (tumblingMs > 0) {
        const w = windowOf(r);
        windowStart ??= w;
        if (w !== windowStart) break;
      }
      if (!matches(r)) {
        settle(r, 'filtered', spec.filteredReason);
        continue;
      }
      available.push(r);
    }
    if (tumblingMs > 0) {
      const open = s.window;
      if (open !== undefined && (open.terminatedEarly || now >= open.end)) {
        // The window is over: its remaining records go in the final invoke (aws-behaviour §4.3).
        if (open.terminatedEarly) {
          await start(s, [], open, true);
          return;
        }
        const mine = windowStart === open.start ? available : [];
        const pick = takeBatch(mine, (r) => r.bytes, {
          batchSize: mapping.batchSize,
          overheadBytes: spec.overheadBytes,
        });
        const taken = mine.slice(0, Math.max(pick.count, Math.min(1, mine.length)));
        let remaining = 0;
        for (let i = s.pos; i < records.length; i++) {
          const r = records[i] as LogRecord;
          if (r.arrivalAt > now || windowOf(r) !== open.start) break;
          if (!r.done) remaining++;
        }
        await start(s, taken, open, taken.length >= remaining);
        return;
      }
      if (available.length === 0) {
        s.openedAt = undefined;
        const at = open === undefined ? nextArrival : Math.min(open.end, nextArrival ?? open.end);
        if (at !== undefined) requestPump(s, at);
        return;
      }
      if (open === undefined) {
        const begin = windowStart as number;
        s.window = { start: begin, end: begin + tumblingMs, state: {}, terminatedEarly: false };
      }
    }
    if (available.length === 0) {
      s.openedAt = undefined;
      if (nextArrival !== undefined) requestPump(s, nextArrival);
      return;
    }
    s.openedAt ??= now;
    const pick = takeBatch(available, (r) => r.bytes, {
      batchSize: mapping.batchSize,
      overheadBytes: spec.overheadBytes,
    });
    if (pick.oversized) {
      // A record larger than the 6 MB batch cap alone can never be sent (aws-behaviour §4.1, §4.4).
      const batch = newBatch([available[0] as LogRecord], s.window, false);
      s.pending.push(batch);
      exhaust(s, batch, 'MaximumPayloadSizeExceeded');
      return;
    }
    if (!windowDue(pick, s.openedAt, mapping.windowMs, now)) {
      // A tumbling window ending first flushes what it has (the window-over branch above).
      const at = s.openedAt + mapping.windowMs;
      requestPump(s, s.window === undefined ? at : Math.min(at, s.window.end));
      if (nextArrival !== undefined && nextArrival < at) requestPump(s, nextArrival);
      return;
    }
    s.openedAt = undefined;
    await start(s, available.slice(0, pick.count), s.window, false);
  };

  const newBatch = (records: LogRecord[], window: WindowState | undefined, final: boolean): Batch => ({
    records,
    retries: 0,
    invokes: 0,
    backoffMs: RETRY_BACKOFF_MIN_MS,
    window,
    final,
    last: undefined,
    partial: false,
    lastEvent: undefined,
    lastError: undefined,
  });

  const start = async (s: LaneState, records: LogRecord[], window: WindowState | undefined, final: boolean) => {
    const last = records[records.length - 1];
    if (last !== undefined) s.pos = (positions.get(last) as number) + 1;
    const batch = newBatch(records, window, final);
    s.pending.push(batch);
    await attempt(s, batch);
  };

  const retryLater = (s: LaneState, batch: Batch) => {
    const at = clock.now + batch.backoffMs;
    batch.backoffMs = Math.min(batch.backoffMs * 2, RETRY_BACKOFF_MAX_MS);
    s.busy = false;
    requestPump(s, at);
  };

  /** A function error (or an invalid/partial response) on `batch`; `from` = first position to retry. */
  const failed = (s: LaneState, batch: Batch, from: number, split: boolean) => {
    const done = batch.records.slice(0, from);
    for (const r of done) settle(r, 'succeeded');
    const rest = batch.records.slice(from);
    // An empty final window invoke that fails is retried like any batch (a failed final invoke blocks the shard).
    if (rest.length === 0 && batch.records.length > 0) {
      finishBatch(s, batch);
      return;
    }
    if (split && bisect && rest.length > 1) {
      // aws-behaviour §4.3: the batch is split in two and each half retried; a split is not a retry.
      const half = Math.ceil(rest.length / 2);
      const a = {
        ...newBatch(rest.slice(0, half), batch.window, false),
        retries: batch.retries,
        lastError: batch.lastError,
      };
      const b = {
        ...newBatch(rest.slice(half), batch.window, batch.final),
        retries: batch.retries,
        lastError: batch.lastError,
      };
      a.invokes = batch.invokes;
      b.invokes = batch.invokes;
      const i = s.pending.indexOf(batch);
      s.pending.splice(i, 1, a, b);
      s.busy = false;
      requestPump(s, clock.now);
      return;
    }
    batch.records = rest;
    batch.retries++;
    if (maxRetries >= 0 && batch.retries > maxRetries) {
      exhaust(s, batch, 'RetryAttemptsExhausted');
      return;
    }
    retryLater(s, batch);
  };

  const attempt = async (s: LaneState, batch: Batch): Promise<void> => {
    if (disabled !== undefined) return;
    const now = clock.now;
    // Retention, then record age, before each read (aws-behaviour §4.3).
    for (const r of batch.records) {
      if (!r.done && expire(r, batch, now) && disabled !== undefined) return;
    }
    batch.records = batch.records.filter((r) => !r.done);
    if (batch.records.length === 0 && !batch.final) {
      finishBatch(s, batch);
      return;
    }
    if (maxAgeMs >= 0 && batch.records.some((r) => now - r.arrivalAt > maxAgeMs)) {
      // Only the expired records are discarded; the fresh ones read with them still go to the function (§4.3).
      const old = batch.records.filter((r) => now - r.arrivalAt > maxAgeMs);
      batch.records = batch.records.filter((r) => now - r.arrivalAt <= maxAgeMs);
      exhaustApart(s, { ...batch, records: old, final: false, invokes: Math.max(1, batch.invokes) });
      if (batch.records.length === 0 && !batch.final) {
        finishBatch(s, batch);
        return;
      }
    }
    s.busy = true;
    const window: WindowEvent | undefined =
      batch.window === undefined
        ? undefined
        : {
            window: { start: isoSeconds(EPOCH + batch.window.start), end: isoSeconds(EPOCH + batch.window.end) },
            state: batch.window.state,
            isFinalInvokeForWindow: batch.final,
            isWindowTerminatedEarly: batch.final && batch.window.terminatedEarly,
          };
    const event = spec.buildEvent(s.lane, batch.records, window);
    for (const r of batch.records) r.deliveries++;
    const { result, endsAt } = await run.invokeBatch(
      event,
      batch.records.map((r) => r.index),
      (i) => byIndex.get(i)?.deliveries ?? 1,
    );
    batch.invokes++;
    batch.last = result;
    batch.partial = false;
    batch.lastEvent = event;
    const apply = () => {
      if (disabled !== undefined) return;
      if (result.status === 'throttled' || result.invocationError !== undefined) {
        // aws-behaviour §4.3: throttles and invocation errors retry until expiry, without consuming retries.
        batch.lastError = failureReason(result);
        retryLater(s, batch);
        return;
      }
      if (result.status !== 'success') {
        batch.lastError = failureReason(result);
        failed(s, batch, 0, true);
        return;
      }
      let response = result.response;
      if (batch.window !== undefined) {
        if (response === null || typeof response !== 'object' || Array.isArray(response) || !('state' in response)) {
          batch.lastError = `the response has no "state": a tumbling-window invoke must return {"state": …} (aws-behaviour ${spec.section})`;
          run.warn(`tumbling window: ${batch.lastError}`);
          failed(s, batch, 0, true);
          return;
        }
      }
      if (spec.normalizeResponse !== undefined) response = spec.normalizeResponse(response, batch.records);
      const ids = new Map<string, number>();
      batch.records.forEach((r, i) => {
        ids.set(r.id, i);
      });
      const parsed: BatchResponse =
        batch.records.length === 0 ? { kind: 'success' } : parseBatchItemFailures(response, ids);
      if (!rbif) {
        if (parsed.kind === 'partial') {
          run.warn(
            'the handler returned batchItemFailures but functionResponseTypes does not include "ReportBatchItemFailures": ' +
              'AWS ignores the list and checkpoints the whole batch (aws-behaviour §4.1, §4.3)',
          );
        }
      } else if (parsed.kind === 'invalid') {
        batch.lastError = `whole batch failed: ${parsed.reason}`;
        run.warn(
          `invalid partial batch response: ${parsed.reason}; the whole batch is retried (aws-behaviour ${spec.section})`,
        );
        failed(s, batch, 0, true);
        return;
      } else if (parsed.kind === 'partial') {
        // aws-behaviour §4.3: checkpoint at the lowest reported sequence number; everything from it is retried.
        batch.partial = true;
        const lowest = parsed.failed[0] as number;
        batch.lastError = `reported in batchItemFailures (${(batch.records[lowest] as LogRecord).id})`;
        if (batch.window !== undefined) batch.window.state = (response as { state: unknown }).state;
        failed(s, batch, lowest, false);
        return;
      }
      for (const r of batch.records) settle(r, 'succeeded');
      if (batch.window !== undefined) {
        const state = (response as { state: unknown }).state;
        batch.window.state = state;
        const size = Buffer.byteLength(JSON.stringify(state) ?? 'null');
        if (!batch.final && size > WINDOW_STATE_LIMIT) {
          batch.window.terminatedEarly = true;
          run.warn(
            `tumbling window state is ${size} bytes (> 1 MB): the window is terminated early (aws-behaviour ${spec.section})`,
          );
        }
      }
      finishBatch(s, batch);
    };
    if (endsAt > clock.now) clock.schedule(endsAt, apply);
    else apply();
  };

  for (const s of states) {
    const first = s.lane.records[0];
    if (first !== undefined) requestPump(s, first.arrivalAt);
  }
  return run.finish();
}

import type fc from 'fast-check';
import { formatMessage, LambdaHarnessError } from '../errors.ts';
import type { Handler } from '../harness/invoke.ts';
import type { Ledger } from '../harness/ledger.ts';
import type { ScenarioFunction } from '../harness/scenario.ts';
import type { ChaosStep } from './chaos.ts';

/** What one verification run saw: the events, the schedule, the ledger, every answer, and `observe()`. */
export interface VerifyRun {
  readonly events: readonly unknown[];
  readonly schedule: readonly ChaosStep[];
  readonly ledger: Ledger;
  /** Each invocation of the handler: the event it got and what it answered (or that it threw). */
  readonly answers: { event: unknown; response: unknown; threw: boolean }[];
  readonly observed: unknown;
}

/** Options of `verify`. */
export interface VerifyOptions {
  /** The handler, or `"./handler.mjs#handler"` relative to `baseDir`. */
  handler: Handler | string;
  /** The event id; its arbitrary supplies the events. */
  source: string;
  variant?: string;
  /** Replaces the source's arbitrary: an arbitrary of whole events of that source. */
  events?: fc.Arbitrary<unknown>;
  /** An arbitrary of the payload the handler parses (SQS body, EventBridge detail, API body, Kinesis data…). */
  payload?: fc.Arbitrary<unknown>;
  /** Default: the source's own (sync, async or poll). */
  invocation?: 'sync' | 'async' | 'poll';
  /** Event source mapping configuration, as in a scenario's `invocation` (batchSize, functionResponseTypes…). */
  mapping?: Record<string, unknown>;
  /** Function configuration, as in a scenario's `function` block. */
  function?: ScenarioFunction;
  /** Default `at-least-once` for async and poll, `exactly-once` for sync. */
  delivery?: 'at-least-once' | 'exactly-once';
  /** Called before every simulation (each run simulates once, twice with `idempotent`). */
  reset?: () => unknown;
  /** What the handler did, as JSON: compared by `idempotent`, given to custom properties. */
  observe?: () => unknown;
  properties?: {
    /** The same events under exactly-once and at-least-once delivery leave equal `observe()` snapshots. */
    idempotent?: boolean;
    /** Your own properties: throw (or fail an assertion) to report a counterexample. */
    custom?: ((run: VerifyRun) => unknown)[];
  };
  /** Runs (default 100), seed (default 42). */
  runs?: number;
  seed?: number;
  /** Replay path printed in a report (with its seed). */
  path?: string;
  /** This job's part of a campaign: `{ index: 0, count: 4 }` runs with a seed no other shard uses. */
  shard?: { index: number; count: number };
  /** Most events per run. Default 3. */
  maxEvents?: number;
  /** Directory a handler path is relative to. Default `process.cwd()`. */
  baseDir?: string;
  /** Throw a VerifyFailureError on a counterexample (default true); false returns the report. */
  throwOnFailure?: boolean;
  /** Called after every run (the CLI shows progress on a TTY). */
  onProgress?: (progress: { runs: number; total: number }) => void;
}

/** A shrunk counterexample, exactly as `lambda-harness verify --json` prints it. */
export interface VerifyFailure {
  readonly property: string;
  readonly message: string;
  readonly events: readonly unknown[];
  readonly schedule: readonly ChaosStep[];
  readonly replay: { readonly seed: number; readonly path: string };
}

/** The result of `verify`: `{ ok, runs, seed, failure? }`. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly runs: number;
  readonly seed: number;
  readonly failure?: VerifyFailure;
}

/** A verify option is missing or wrong. */
export class VerifyUsageError extends LambdaHarnessError {
  override name = 'VerifyUsageError';
  constructor(path: string, text: string) {
    super(formatMessage({ id: 'verify', path, text }), { code: 'VERIFY_USAGE', path });
  }
}

/** `verify` found a counterexample: the message shows the property, the shrunk events, the schedule and the seed. */
export class VerifyFailureError extends LambdaHarnessError {
  override name = 'VerifyFailureError';
  readonly report: VerifyReport & { failure: VerifyFailure };
  constructor(report: VerifyReport & { failure: VerifyFailure }) {
    const { failure } = report;
    super(
      [
        formatMessage({ id: 'verify', text: `property "${failure.property}" failed: ${failure.message}` }),
        `  events (shrunk): ${JSON.stringify(failure.events)}`,
        `  schedule: ${JSON.stringify(failure.schedule)}`,
        `  replay: verify({ ..., seed: ${failure.replay.seed}, path: ${JSON.stringify(failure.replay.path)} })`,
      ].join('\n'),
      { code: 'VERIFY_FAILED' },
    );
    this.report = report;
  }
}

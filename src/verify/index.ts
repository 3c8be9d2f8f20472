import { type VerifyFailure, VerifyFailureError, type VerifyOptions, type VerifyReport } from './types.ts';

export type { ChaosStep } from './chaos.ts';
export {
  type VerifyFailure,
  VerifyFailureError,
  type VerifyOptions,
  type VerifyReport,
  type VerifyRun,
  VerifyUsageError,
} from './types.ts';

/**
 * Property-based verification of a handler: draws events from the source's arbitrary, delivers them with the
 * source's semantics (and, for async and poll sources, an at-least-once schedule of duplicates and lost answers),
 * checks the response contract, runtime exits, one outcome per event, idempotence and your own properties, and
 * shrinks a failure to a minimal counterexample with a replayable seed. See docs/verify.md.
 * @example
 * const report = await verify({ handler, source: 'sqs', observe: () => db.snapshot(), properties: { idempotent: true } });
 */
export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  // fast-check and every arbitrary load only here, not with the root entry.
  const { runVerify } = await import('./run.ts');
  const report = await runVerify(options);
  if (!report.ok && options.throwOnFailure !== false)
    throw new VerifyFailureError(report as VerifyReport & { failure: VerifyFailure });
  return report;
}

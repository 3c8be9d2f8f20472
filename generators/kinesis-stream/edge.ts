// Edge-mode data sizes within AWS's limits (issue 12): kept out of arbitrary.ts, whose exports are public.
/** A Kinesis record's data blob is at most 1 MiB. */
const MAX_DATA = 1024 * 1024;
/** Lambda's synchronous invocation payload limit (6 MB), less room for the records' other fields. */
const BATCH_BUDGET = 6 * 1024 * 1024 - 64 * 1024;

/**
 * The largest data a record of a batch of `maxRecords` may carry in edge mode: the batch stays within the 6 MB
 * invoke payload (base64 grows data by a third), and a record within 1 MiB.
 */
export function largestEdgeData(maxRecords: number): number {
  return Math.min(MAX_DATA, Math.floor(((BATCH_BUDGET / maxRecords - 512) * 3) / 4));
}

// Edge-mode data sizes within AWS's limits (issue 12): kept out of arbitrary.ts, whose exports are public.
/** A Firehose record is at most 1,000 KiB before base64 encoding. */
const MAX_DATA = 1000 * 1024;

/** Firehose buffers at most 3 MiB of data for one Lambda invocation (processing buffer size). */
const BUFFER = 3 * 1024 * 1024;

/** The largest edge data of a record in a batch of `maxRecords`: 1000 KiB, or the batch's share of the buffer. */
export function largestEdgeData(maxRecords: number): number {
  return Math.min(MAX_DATA, Math.floor(BUFFER / maxRecords));
}

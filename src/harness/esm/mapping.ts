/**
 * Scenario support for event source mappings: `invocation: {"source": …, …mapping config}` (aws-behaviour §4).
 * Each source registers its runner here: SQS below; Kinesis, DynamoDB, Kafka, MQ and DocumentDB through
 * `registerStreamSources` (src/harness/esm/streams/register.ts).
 */
import type { Handler } from '../invoke.ts';
import {
  type MappingLedger,
  type MappingRunOptions,
  objectAt,
  type ParsedSource,
  registerSource,
  sourceRunner,
} from './core.ts';
import { sqsSource } from './sqs.ts';
import { registerStreamSources } from './streams/register.ts';

registerSource('sqs', sqsSource);
registerSource('sqs-fifo', sqsSource);
registerStreamSources();

/** A validated mapping invocation: pass it to `runMapping`. */
export interface ParsedMappingInvocation {
  readonly source: string;
  /** The source's own validated configuration. */
  readonly config: ParsedSource;
}

/**
 * Validates a scenario's `invocation` object for an event source mapping; errors name `${field}.x`
 * (e.g. `invocation.batchSize`, `invocation.queue.maxReceiveCount`).
 * @example
 * const parsed = parseMappingInvocation({ source: 'sqs', batchSize: 5, queue: { maxReceiveCount: 3 } });
 */
export function parseMappingInvocation(value: unknown, field = 'invocation'): ParsedMappingInvocation {
  const record = objectAt(field, value, 'an object like {"source": "sqs", …}');
  const runner = sourceRunner(record.source, `${field}.source`);
  return { source: record.source as string, config: runner.parse(record, field) };
}

/** Whether a scenario `invocation` value names an event source mapping (an object with a `source`). */
export function isMappingInvocation(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'source' in value;
}

/**
 * Runs a parsed mapping invocation: `events` are the scenario's entries (one message/record each, or
 * `{"generate": id, …}`), `options` the function configuration plus `faults`, `seed`, `until`.
 * @example
 * const ledger = await runMapping(parsed, handler, [{ body: 'hi' }], { timeout: 3, seed: 7 });
 */
export function runMapping(
  parsed: ParsedMappingInvocation,
  handler: Handler,
  events: readonly unknown[],
  options: MappingRunOptions = {},
): Promise<MappingLedger> {
  return sourceRunner(parsed.source, 'invocation.source').run(parsed.config, handler, events, options);
}

// The public API of event source mappings (aws-behaviour §4): re-exported by src/index.ts. Pollers build on core.ts.
export {
  type BatchResponse,
  type MappingConfig,
  type MappingDestination,
  type MappingDestinationType,
  type MappingLedger,
  type MappingRunOptions,
  type PreparedMapping,
  parseBatchItemFailures,
  prepareMapping,
  type SourceName,
} from './core.ts';
export { type CompiledFilter, compileFilterCriteria, FILTER_DATA_KEYS, type FilterCriteria } from './filter.ts';
export { isMappingInvocation, type ParsedMappingInvocation, parseMappingInvocation, runMapping } from './mapping.ts';
export {
  type SqsAttributeInput,
  type SqsDrainOptions,
  type SqsMessage,
  SqsQueue,
  type SqsQueueOptions,
  type SqsSimulationOptions,
  simulateSqs,
  sqsQueue,
} from './sqs.ts';
export * from './streams/index.ts';

export * from '../generators/index.gen.ts';
export * from './envelopes/sqs.ts';
export * from './envelopes/streams.ts';
export { contracts } from '../generators/contracts.gen.ts';
export type {
  EventContract,
  StandardContract,
  StandardIssue,
  StandardResult,
  StandardSchemaV1,
} from './contracts/standard.ts';
export type { ValidationResult } from './contracts/validate.ts';
export type { BuildOptions, Invocation, ValidateOptions } from './core/define-event.ts';
export { DEFAULT_SEED } from './core/define-event.ts';
export type { DeepPartial } from './core/overrides.ts';
export {
  ContractViolationError,
  FixtureError,
  isLambdaHarnessError,
  LambdaHarnessError,
  type LambdaHarnessErrorCode,
  type LambdaHarnessErrorData,
  NoResponseContractError,
  OverrideError,
  UnknownEventTypeError,
  UnknownVariantError,
  type Violation,
} from './errors.ts';
export { assertValid, buildEvent, type EventTypeInfo, eventTypes, getEventType, validate } from './registry.ts';
export {
  type EventId,
  type EventOf,
  FIXTURE_SEED,
  type FixtureOptions,
  type FixtureReport,
  readFixture,
  type VariantOf,
  writeFixtures,
} from './fixtures.ts';
export {
  type AlbOptions,
  type ApiGatewayHttpOptions,
  type ApiGatewayRestOptions,
  clientBodyBytes,
  FRONT_ENDS,
  type FailureKind,
  type FrontEnd,
  type FrontEndClientResponse,
  type FrontEndOptions,
  type FrontEndResult,
  type FunctionUrlOptions,
  frontEndDeadline,
  integrationTimeoutMs,
  toClientResponse,
} from './harness/front-ends/index.ts';
export type * from './harness/ledger.ts';
export {
  type AsyncOptions,
  type ClientContext,
  type CognitoIdentity,
  type DestinationType,
  type FailureCondition,
  type Fault,
  type FaultKind,
  type FunctionOptions,
  type GenerateSpec,
  type Handler,
  type InvocationError,
  type InvokeOptions,
  type InvokeResult,
  invoke,
  invokeAsync,
  LambdaContext,
  type NodeRuntime,
  parseScenario,
  type Scenario,
  ScenarioError,
  type ScenarioFunction,
  type ScenarioInvocation,
  type SimulateOptions,
  UnsimulatedSettingError,
  simulate,
  type TargetConfig,
  VirtualClock,
} from './harness/index.ts';
export * from './harness/esm/index.ts';
export {
  type ChaosStep,
  type VerifyFailure,
  VerifyFailureError,
  type VerifyOptions,
  type VerifyReport,
  type VerifyRun,
  VerifyUsageError,
  verify,
} from './verify/index.ts';

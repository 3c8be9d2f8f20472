export { type AsyncOptions, type Fault, invokeAsync } from './async-queue.ts';
export { VirtualClock } from './clock.ts';
export { type ClientContext, type CognitoIdentity, LambdaContext } from './context.ts';
export type { DestinationType, FailureCondition, TargetConfig } from './destinations.ts';
export { ScenarioError } from './errors.ts';
export { UnsimulatedSettingError } from './options.ts';
export type { FunctionOptions, NodeRuntime } from './function-config.ts';
export { type FaultKind, type Handler, type InvokeOptions, type InvokeResult, invoke } from './invoke.ts';
export type {
  ClientResponse,
  DeadLetter,
  DestinationDelivery,
  ErrorPayload,
  InvocationStatus,
  Ledger,
  LedgerEvent,
  LedgerInvocation,
  Outcome,
} from './ledger.ts';
export type { InvocationError } from './payload.ts';
export {
  type GenerateSpec,
  type ParsedScenario,
  parseScenario,
  type Scenario,
  type ScenarioFunction,
  type ScenarioInvocation,
} from './scenario.ts';
export { loadHandler, type SimulateOptions, simulate } from './simulate.ts';

import type { EventType } from '../core/define-event.ts';
import { type PathSegment, parsePath } from './schema.ts';
import { type CompiledContract, runContract } from './validate.ts';

/** The Standard Schema v1 interface (https://standardschema.dev), as its specification asks libraries to copy it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardIssue[] };

export interface StandardIssue {
  readonly message: string;
  readonly path?: readonly PathSegment[] | undefined;
}

/** One profile of an event type's contract, usable wherever a Standard Schema is (`expect.schemaMatching`). */
export interface StandardContract<T> extends StandardSchemaV1<unknown, T> {
  readonly id: string;
  readonly profile: CompiledContract['profile'];
}

/** An event type's contracts: the shape profile itself, with its strict counterpart and response contract. */
export type EventContract<T> = StandardContract<T> & {
  readonly strict: StandardContract<T>;
  /** The handler's answer as the service reads it; undefined where the service ignores it. */
  readonly response: StandardContract<unknown> | undefined;
};

function issuePath(path: string): PathSegment[] | undefined {
  if (path === '') return undefined;
  try {
    return parsePath(path);
  } catch {
    return [path];
  }
}

function standard<T>(contract: CompiledContract): StandardContract<T> {
  return {
    id: contract.id,
    profile: contract.profile,
    '~standard': {
      version: 1,
      vendor: 'lambda-harness',
      validate(value) {
        const result = runContract(contract, value);
        if (result.valid) return { value: value as T };
        return {
          issues: result.errors.map((e) => ({
            message: e.rule === undefined ? e.message : `${e.message} (rule ${e.rule})`,
            path: issuePath(e.path),
          })),
        };
      },
    },
  };
}

/** The Standard Schema contracts of an event type. */
export function eventContract<T>(type: Pick<EventType<T, never, never>, 'contracts' | 'build'>): EventContract<T> {
  const { contracts } = type;
  return Object.assign(standard<T>(contracts.shape), {
    strict: standard<T>(contracts.strict),
    response: contracts.response === undefined ? undefined : standard<unknown>(contracts.response),
  });
}

import type { CodeCommitTrigger, CodeCommitTriggerEvent } from 'aws-lambda';
import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { CodeCommitEvent, CodeCommitRecord } from './types.gen.ts';

export type { CodeCommitEvent, CodeCommitRecord, CodeCommitReference } from './types.gen.ts';

/** `ReferenceChanges`: a push; `TriggerEventTest`: a test run of the trigger (console or TestRepositoryTriggers). */
export type CodeCommitVariant = 'ReferenceChanges' | 'TriggerEventTest';

export type CodeCommitOverrides = DeepPartial<CodeCommitEvent>;

/** The event of one variant, as `@types/aws-lambda` names it. */
export type CodeCommitEvents = {
  [V in CodeCommitVariant]: CodeCommitEvent &
    CodeCommitTriggerEvent & { Records: Array<CodeCommitRecord & CodeCommitTrigger & { eventName: V }> };
};

/**
 * Builds the event a CodeCommit repository trigger sends: one record naming the repository (`eventSourceARN`), the
 * pushed references (`codecommit.references`, 40-hex commit ids), the trigger's name, id and `customData`.
 * @example
 * const event = codecommitEvent({ Records: [{ customData: 'deploy' }] }, { variant: 'TriggerEventTest' });
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-codecommit.html
 */
export function codecommitEvent<V extends CodeCommitVariant = 'ReferenceChanges'>(
  overrides?: CodeCommitOverrides,
  options?: BuildOptions<V> & { variant?: V },
): CodeCommitEvents[V] {
  return definition.build(overrides, options) as CodeCommitEvents[V];
}

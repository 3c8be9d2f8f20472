import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { CodePipelineOverrides, CodePipelineVariant } from './index.ts';
import type { CodePipelineJobEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the action's `UserParameters` (the text the handler parses). */
export interface CodePipelineArbitraryOptions extends ArbitraryOptions<CodePipelineVariant, CodePipelineOverrides> {
  userParameters?: fc.Arbitrary<string>;
}

/**
 * fast-check arbitrary of CodePipeline jobs; same builder as `codepipelineEvent`. Edge mode adds empty and
 * non-JSON `UserParameters` and actions without input or output artifacts.
 * @example
 * fc.assert(fc.asyncProperty(codepipelineArbitrary({ userParameters: fc.json() }), async (e) => { await handler(e); }));
 */
export function codepipelineArbitrary(options: CodePipelineArbitraryOptions = {}): fc.Arbitrary<CodePipelineJobEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const parameters =
      options.userParameters ??
      (ctx.edge ? fc.oneof(fc.constant(''), fc.string({ maxLength: 200 }), fc.json({ maxDepth: 2 })) : undefined);
    const artifacts = ctx.edge ? fc.boolean() : fc.constant(false);
    if (parameters === undefined && !ctx.edge) return fc.constant(undefined);
    return fc.tuple(parameters ?? fc.constant(undefined), artifacts).map(([UserParameters, empty]) => {
      const data: Record<string, unknown> = {};
      if (UserParameters !== undefined) data.actionConfiguration = { configuration: { UserParameters } };
      if (empty) {
        data.inputArtifacts = [];
        data.outputArtifacts = [];
      }
      return { 'CodePipeline.job': { data } } as CodePipelineOverrides;
    });
  });
}

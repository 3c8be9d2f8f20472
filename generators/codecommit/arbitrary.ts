import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { CodeCommitOverrides, CodeCommitVariant } from './index.ts';
import type { CodeCommitEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the trigger's `customData` (the text the handler reads). */
export interface CodeCommitArbitraryOptions extends ArbitraryOptions<CodeCommitVariant, CodeCommitOverrides> {
  customData?: fc.Arbitrary<string>;
}

const reference = fc.record(
  {
    commit: fc.stringMatching(/^[0-9a-f]{40}$/),
    ref: fc.stringMatching(/^refs\/(heads|tags)\/[A-Za-z0-9._/-]{1,30}$/),
    created: fc.boolean(),
  },
  { requiredKeys: ['commit', 'ref'] },
);

/**
 * fast-check arbitrary of CodeCommit trigger events; same builder as `codecommitEvent`. Edge mode adds several
 * references (tags, created branches) and empty or long `customData`.
 * @example
 * fc.assert(fc.asyncProperty(codecommitArbitrary(), async (e) => { await handler(e); }));
 */
export function codecommitArbitrary(options: CodeCommitArbitraryOptions = {}): fc.Arbitrary<CodeCommitEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const customData = options.customData ?? (ctx.edge ? fc.string({ maxLength: 1000 }) : undefined);
    const references = ctx.edge ? fc.array(reference, { minLength: 1, maxLength: 5 }) : fc.constant(undefined);
    if (customData === undefined && !ctx.edge) return fc.constant(undefined);
    return fc.tuple(customData ?? fc.constant(undefined), references).map(
      ([data, refs]) =>
        ({
          Records: [
            {
              ...(data === undefined ? {} : { customData: data }),
              ...(refs === undefined ? {} : { codecommit: { references: refs } }),
            },
          ],
        }) as CodeCommitOverrides,
    );
  });
}

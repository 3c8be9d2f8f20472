import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary, nastyString } from '../../src/arbitraries/define-arbitrary.ts';
import { utf8Length } from '../../src/core/encoders.ts';
import { definition } from './definition.ts';
import type { S3BatchOverrides, S3BatchVariant } from './index.ts';
import type { S3BatchEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the raw object key (URL-encoded by the builder). */
export interface S3BatchArbitraryOptions extends ArbitraryOptions<S3BatchVariant, S3BatchOverrides> {
  /** Raw object key of the task. Default: realistic keys (edge: unicode, spaces, `+`, `%`, 1024-byte keys). */
  key?: fc.Arbitrary<string>;
}

/** S3 keys are 1 to 1024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;

const edgeKey = fc.oneof(
  nastyString({ minLength: 1 }).filter((k) => utf8Length(k) <= MAX_KEY_BYTES),
  fc.constantFrom(
    'my file+1.txt',
    '100% done.csv',
    'folder/sub folder/ключ 日本語 😀.png',
    "~tilde*(star)!'.txt",
    'k'.repeat(MAX_KEY_BYTES),
    '😀'.repeat(MAX_KEY_BYTES / 4),
  ),
);

/**
 * fast-check arbitrary of S3 Batch Operations invocations; same builder as `s3BatchEvent`.
 * @example
 * fc.assert(fc.asyncProperty(s3BatchArbitrary({ edge: true }), async (e) => { await handler(e); }));
 */
export function s3BatchArbitrary(options: S3BatchArbitraryOptions = {}): fc.Arbitrary<S3BatchEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const key = options.key ?? (ctx.edge ? edgeKey : undefined);
    if (key === undefined) return fc.constant(undefined);
    return key.map((k) => ({ tasks: [{ s3Key: k }] }) as S3BatchOverrides);
  });
}

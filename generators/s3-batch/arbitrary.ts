import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { edgeS3Key } from '../../src/arbitraries/s3-key.ts';
import { definition } from './definition.ts';
import type { S3BatchOverrides, S3BatchVariant } from './index.ts';
import type { S3BatchEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the raw object key (URL-encoded by the builder). */
export interface S3BatchArbitraryOptions extends ArbitraryOptions<S3BatchVariant, S3BatchOverrides> {
  /** Raw object key of the task. Default: realistic keys (edge: unicode, spaces, `+`, `%`, 1024-byte keys). */
  key?: fc.Arbitrary<string>;
}

/**
 * fast-check arbitrary of S3 Batch Operations invocations; same builder as `s3BatchEvent`.
 * @example
 * fc.assert(fc.asyncProperty(s3BatchArbitrary({ edge: true }), async (e) => { await handler(e); }));
 */
export function s3BatchArbitrary(options: S3BatchArbitraryOptions = {}): fc.Arbitrary<S3BatchEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const key = options.key ?? (ctx.edge ? edgeS3Key : undefined);
    if (key === undefined) return fc.constant(undefined);
    return key.map((k) => ({ tasks: [{ s3Key: k }] }) as S3BatchOverrides);
  });
}

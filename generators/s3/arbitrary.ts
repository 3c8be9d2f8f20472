import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary, recordsArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { edgeS3Key } from '../../src/arbitraries/s3-key.ts';
import { definition } from './definition.ts';
import type { S3Overrides, S3Variant } from './index.ts';
import type { S3Event } from './types.gen.ts';

/** S3 arbitrary options: the builder's, plus an arbitrary for the raw object key the handler decodes. */
export interface S3ArbitraryOptions extends ArbitraryOptions<S3Variant, S3Overrides> {
  /** Raw object key of each record (URL-encoded by the builder). Default: realistic keys (edge: nasty keys). */
  key?: fc.Arbitrary<string>;
}

/**
 * fast-check arbitrary of S3 events: keys and the record count shrink; same builder as `s3Event`.
 * @example
 * fc.assert(fc.property(s3Arbitrary({ edge: true }), (event) => handlerFindsObject(event)));
 */
export function s3Arbitrary(options: S3ArbitraryOptions = {}): fc.Arbitrary<S3Event> {
  return eventArbitrary(definition, options, (ctx) => {
    const key = options.key ?? (ctx.edge ? edgeS3Key : undefined);
    const record = key ? fc.record({ s3: fc.record({ object: fc.record({ key }) }) }) : fc.constant({});
    return recordsArbitrary(ctx, record).map((Records) => ({ Records }) as S3Overrides);
  });
}

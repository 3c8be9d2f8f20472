import fc from 'fast-check';
import { type ArbitraryOptions, eventArbitrary } from '../../src/arbitraries/define-arbitrary.ts';
import { edgeS3Key } from '../../src/arbitraries/s3-key.ts';
import { definition } from './definition.ts';
import type { S3EventbridgeOverrides, S3EventbridgeVariant } from './index.ts';
import type { S3EventbridgeEvent } from './types.gen.ts';

/** Options: the builder's, plus an arbitrary of the raw object key (EventBridge does not URL-encode it). */
export interface S3EventbridgeArbitraryOptions extends ArbitraryOptions<S3EventbridgeVariant, S3EventbridgeOverrides> {
  /** Raw object key. Default: realistic keys (edge: unicode, spaces, `+`, `%`, 1024-byte keys). */
  key?: fc.Arbitrary<string>;
}

/**
 * fast-check arbitrary of S3 events delivered through EventBridge; same builder as `s3EventbridgeEvent`.
 * @example
 * fc.assert(fc.property(s3EventbridgeArbitrary({ edge: true }), (event) => handlerFindsObject(event)));
 */
export function s3EventbridgeArbitrary(options: S3EventbridgeArbitraryOptions = {}): fc.Arbitrary<S3EventbridgeEvent> {
  return eventArbitrary(definition, options, (ctx) => {
    const key = options.key ?? (ctx.edge ? edgeS3Key : undefined);
    if (key === undefined) return fc.constant(undefined);
    return key.map((k) => ({ detail: { object: { key: k } } }) as S3EventbridgeOverrides);
  });
}

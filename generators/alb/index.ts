import type { BuildOptions } from '../../src/core/define-event.ts';
import type { DeepPartial } from '../../src/core/overrides.ts';
import { definition } from './definition.ts';
import type { AlbEvent } from './types.gen.ts';

export type { AlbEvent, AlbRequestContext, AlbResult } from './types.gen.ts';

export type AlbVariant = 'single-value' | 'multi-value' | 'base64-body';

/**
 * Overrides in AWS's shape; `body` may be given decoded (JSON value → JSON string, bytes → base64). Headers or query
 * given in the other variant's map are moved into this variant's map.
 */
export type AlbOverrides = Omit<DeepPartial<AlbEvent>, 'body'> & { body?: unknown };

/**
 * Builds an Application Load Balancer event for a Lambda target: one header map and one query map per variant
 * (`single-value`, the default, or `multi-value`), header names lower-case, query values URL-encoded as received,
 * `body` '' when there is none; `base64-body` sends a binary body.
 * @example
 * const event = albEvent({ httpMethod: 'POST', body: { sku: 'A-1' } }, { variant: 'multi-value' });
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 */
export function albEvent(overrides?: AlbOverrides, options?: BuildOptions<AlbVariant>): AlbEvent {
  return definition.build(overrides, options);
}

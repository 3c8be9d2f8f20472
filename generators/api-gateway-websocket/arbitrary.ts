import fc from 'fast-check';
import {
  type ArbitraryOptions,
  eventArbitrary,
  jsonValue,
  nastyString,
} from '../../src/arbitraries/define-arbitrary.ts';
import { definition } from './definition.ts';
import type { ApiGatewayWebsocketOverrides, ApiGatewayWebsocketVariant } from './index.ts';
import type { ApiGatewayWebsocketEvent } from './types.gen.ts';

/** The largest WebSocket message API Gateway accepts (128 KB; frames of 32 KB are joined). */
export const MAX_WEBSOCKET_MESSAGE = 128 * 1024;

/** Options: the builder's, plus the frame body of message routes (decoded: string as is, bytes base64, JSON). */
export interface ApiGatewayWebsocketArbitraryOptions
  extends ArbitraryOptions<ApiGatewayWebsocketVariant, ApiGatewayWebsocketOverrides> {
  /** The message body on custom and $default routes; ignored on $connect and $disconnect, which have none. */
  body?: fc.Arbitrary<unknown>;
}

const edgeBody: fc.Arbitrary<unknown> = fc.oneof(
  nastyString(),
  jsonValue({ maxDepth: 3 }),
  fc.uint8Array({ minLength: 1, maxLength: 512 }),
  fc.constant(''),
  fc.constant('x'.repeat(MAX_WEBSOCKET_MESSAGE)),
);

/**
 * fast-check arbitrary of API Gateway WebSocket events over every route; same builder as
 * `apiGatewayWebsocketEvent`. Edge mode sends nasty, binary, empty and 128 KB frames.
 * @example
 * fc.assert(fc.property(apiGatewayWebsocketArbitrary({ variant: 'custom-route', body: fc.record({ action: fc.constant('sendmessage'), message: fc.string() }) }), (e) => accepts(e)));
 */
export function apiGatewayWebsocketArbitrary(
  options: ApiGatewayWebsocketArbitraryOptions = {},
): fc.Arbitrary<ApiGatewayWebsocketEvent> {
  const variants = options.variant === undefined ? definition.definition.variants : [options.variant].flat();
  // One arbitrary per route, so frame bodies go exactly where frames are.
  const perRoute = variants.map((variant) =>
    eventArbitrary(definition, { ...options, variant }, (ctx) => {
      const body = options.body ?? (ctx.edge ? edgeBody : undefined);
      if (body === undefined || variant === 'connect' || variant === 'disconnect') return fc.constant(undefined);
      return body.map((b) => ({ body: b }) as ApiGatewayWebsocketOverrides);
    }),
  );
  return perRoute.length === 1 ? (perRoute[0] as fc.Arbitrary<ApiGatewayWebsocketEvent>) : fc.oneof(...perRoute);
}

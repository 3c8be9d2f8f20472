// aws-behaviour §2 — properties that hold for every front-end and any handler result.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { clientBodyBytes, FRONT_ENDS, toClientResponse } from '../../../src/harness/front-ends/index.ts';

const frontEnd = fc.constantFrom(...FRONT_ENDS);
const proxyLike = fc.record(
  {
    statusCode: fc.oneof(fc.integer({ min: 0, max: 700 }), fc.string()),
    headers: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.jsonValue())),
    multiValueHeaders: fc.dictionary(fc.string(), fc.array(fc.string())),
    cookies: fc.array(fc.string()),
    body: fc.oneof(fc.string(), fc.jsonValue()),
    isBase64Encoded: fc.oneof(fc.boolean(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

describe('every front-end', () => {
  test.prop([frontEnd, fc.oneof(fc.jsonValue(), proxyLike)])(
    'answers any result with an HTTP status and string headers',
    (name, response) => {
      const client = toClientResponse(name, { status: 'success', response });
      expect(client.statusCode).toBeGreaterThanOrEqual(100);
      expect(client.statusCode).toBeLessThanOrEqual(599);
      expect(typeof client.body).toBe('string');
      for (const [key, value] of Object.entries(client.headers)) {
        expect(key).toBe(key.toLowerCase());
        expect(typeof value).toBe('string');
      }
    },
  );

  test.prop([frontEnd, fc.uint8Array({ maxLength: 64 })])('delivers a base64 body byte for byte', (name, bytes) => {
    const response = {
      statusCode: 200,
      isBase64Encoded: true,
      headers: {},
      body: Buffer.from(bytes).toString('base64'),
    };
    expect(clientBodyBytes(toClientResponse(name, { status: 'success', response }))).toEqual(bytes);
  });
});

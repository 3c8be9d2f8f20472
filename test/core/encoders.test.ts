import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gunzipBase64Json,
  gzipBase64Json,
  isMarshalled,
  marshallImage,
  md5Hex,
  s3DecodeKey,
  s3EncodeKey,
  unmarshallImage,
} from '../../src/core/encoders.ts';

describe('md5Hex', () => {
  it('gives the digest of the UTF-8 text, as SQS md5OfBody', () => {
    expect(md5Hex('Test message.')).toBe('e4e68fb7bd0e697a0ae8f1bb342846b3');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(md5Hex(s)).toBe(createHash('md5').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: 100, seed: 3 },
    );
  });

  it('differs for different texts', () => {
    expect(md5Hex('Test message!')).not.toBe(md5Hex('Test message.'));
  });
});

describe('s3EncodeKey', () => {
  it('form-encodes keys as S3 notifications do: space → +, / kept, the rest percent-encoded', () => {
    expect(s3EncodeKey('my file+1.txt')).toBe('my+file%2B1.txt');
    expect(s3EncodeKey('images/2024/photo (1).jpg')).toBe('images/2024/photo+%281%29.jpg');
    expect(s3EncodeKey('ключ/日本.txt')).toBe('%D0%BA%D0%BB%D1%8E%D1%87/%E6%97%A5%E6%9C%AC.txt');
  });

  it('round-trips any key (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (key) => {
        expect(s3DecodeKey(s3EncodeKey(key))).toBe(key);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('gzipBase64Json', () => {
  it('round-trips JSON through gzip and base64', () => {
    const value = { messageType: 'DATA_MESSAGE', logEvents: [{ id: '1', message: 'hi' }] };
    const encoded = gzipBase64Json(value);
    expect(Buffer.from(encoded, 'base64').subarray(0, 2)).toStrictEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipBase64Json(encoded)).toStrictEqual(value);
  });

  it('rejects data that is not gzip', () => {
    expect(() => gunzipBase64Json(Buffer.from('plain').toString('base64'))).toThrow();
  });
});

describe('marshallImage', () => {
  it('marshals a plain object into AttributeValues with binary as base64', () => {
    const image = marshallImage({
      id: 'a',
      n: 1,
      ok: true,
      none: null,
      tags: new Set(['x']),
      bin: new Uint8Array([1, 2]),
    });
    expect(image).toStrictEqual({
      id: { S: 'a' },
      n: { N: '1' },
      ok: { BOOL: true },
      none: { NULL: true },
      tags: { SS: ['x'] },
      bin: { B: 'AQI=' },
    });
    expect(unmarshallImage(image).id).toBe('a');
  });

  it('leaves an already marshalled image alone and tells the two apart', () => {
    const marshalled = { id: { S: 'a' } };
    expect(isMarshalled(marshalled)).toBe(true);
    expect(marshallImage(marshalled)).toBe(marshalled);
    expect(isMarshalled({ id: 'a' })).toBe(false);
    expect(isMarshalled({ id: { S: 'a', N: '1' } })).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Hex } from '../../src/core/encoders.ts';
import { md5Short } from '../../src/core/md5.ts';

const reference = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

describe('md5Hex', () => {
  it('matches node:crypto for any string, including unicode and block boundaries (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(md5Hex(s)).toBe(reference(s));
      }),
      { numRuns: 300, seed: 11 },
    );
    for (let n = 50; n < 140; n++) expect(md5Hex('a'.repeat(n))).toBe(reference('a'.repeat(n)));
  });

  it('hands long texts to node:crypto', () => {
    const long = 'é'.repeat(5000);
    expect(md5Short(long)).toBeUndefined();
    expect(md5Hex(long)).toBe(reference(long));
  });

  it('gives the known digest of the AWS SQS sample body', () => {
    expect(md5Hex('Test message.')).toBe('e4e68fb7bd0e697a0ae8f1bb342846b3');
    expect(md5Hex('Test message!')).not.toBe('e4e68fb7bd0e697a0ae8f1bb342846b3');
  });
});

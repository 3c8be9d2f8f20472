import fc from 'fast-check';
import { utf8Length } from '../core/encoders.ts';
import { nastyString } from './define-arbitrary.ts';

/** S3 object keys are 1 to 1024 bytes of UTF-8. */
export const MAX_S3_KEY_BYTES = 1024;

/** Legal-but-nasty raw S3 object keys (edge mode of every source that names an object): one list for all. */
export const edgeS3Key: fc.Arbitrary<string> = fc.oneof(
  nastyString({ minLength: 1 }).filter((k) => utf8Length(k) <= MAX_S3_KEY_BYTES),
  fc.constantFrom(
    'my file+1.txt',
    '100% done.csv',
    'a+b=c&d.txt',
    'already%20encoded.txt',
    'folder/sub folder/ключ 日本語 😀.png',
    'trailing/',
    "~tilde*(star)!'.txt",
    'k'.repeat(MAX_S3_KEY_BYTES),
    'é'.repeat(MAX_S3_KEY_BYTES / 2),
    '😀'.repeat(MAX_S3_KEY_BYTES / 4),
  ),
);

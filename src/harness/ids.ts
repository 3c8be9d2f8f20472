import type { Random } from '../core/random.ts';

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const DASH = 0x2d;
// One scratch buffer: the id is written digit by digit and read back as one flat string. Template concatenation of
// hex pieces gave a tree of ~10 string objects per id (≈400 B retained per event by a simulation's ledger).
const scratch = Buffer.alloc(36);

function writeHex8(n: number, at: number): number {
  let p = at;
  for (let shift = 28; shift >= 0; shift -= 4) {
    if (p === 8 || p === 13 || p === 18 || p === 23) scratch[p++] = DASH;
    scratch[p++] = HEX_DIGITS[(n >>> shift) & 15] as number;
  }
  return p;
}

/** A version-4 UUID (lower case) from `random`: a request id (aws-behaviour §5.1 `awsRequestId`). */
export function requestId(random: Random): string {
  // Four draws in this order (same ids for the same seed as ever): a, b (version nibble), c (variant bits), d.
  let p = writeHex8(random.uint32(), 0);
  p = writeHex8(((random.uint32() & 0xffff0fff) | 0x00004000) >>> 0, p);
  p = writeHex8(((random.uint32() & 0x3fffffff) | 0x80000000) >>> 0, p);
  writeHex8(random.uint32(), p);
  return scratch.toString('latin1', 0, 36);
}

// MD5 in plain JavaScript: for the short strings events carry (bodies, attribute digests) it beats a native
// crypto call, whose fixed overhead dominates below a few kilobytes. Long inputs go to node:crypto.

const S = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4,
  11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const K = new Int32Array(64).map((_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const MAX_JS = 8192;
const bytes = new Uint8Array(MAX_JS + 72);
const words = new Int32Array(16);
const encoder = new TextEncoder();

/** MD5 of the UTF-8 encoding of `text`, as lower-case hex; `undefined` when the text is too long for the JS path. */
export function md5Short(text: string): string | undefined {
  if (text.length * 3 > MAX_JS) return undefined;
  let length = 0;
  for (; length < text.length; length++) {
    const code = text.charCodeAt(length);
    if (code > 127) break;
    bytes[length] = code;
  }
  if (length < text.length) length = encoder.encodeInto(text, bytes).written;
  const total = ((length + 8) >>> 6) * 64 + 64;
  bytes[length] = 0x80;
  bytes.fill(0, length + 1, total);
  const bits = length * 8;
  bytes[total - 8] = bits & 255;
  bytes[total - 7] = (bits >>> 8) & 255;
  bytes[total - 6] = (bits >>> 16) & 255;
  bytes[total - 5] = (bits >>> 24) & 255;
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let offset = 0; offset < total; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const p = offset + i * 4;
      words[i] =
        (bytes[p] as number) |
        ((bytes[p + 1] as number) << 8) |
        ((bytes[p + 2] as number) << 16) |
        ((bytes[p + 3] as number) << 24);
    }
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const sum = (a + f + (K[i] as number) + (words[g] as number)) | 0;
      const s = S[i] as number;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  return hexLE(a0) + hexLE(b0) + hexLE(c0) + hexLE(d0);
}

function hexLE(n: number): string {
  return (
    (HEX2[n & 255] as string) +
    (HEX2[(n >>> 8) & 255] as string) +
    (HEX2[(n >>> 16) & 255] as string) +
    (HEX2[(n >>> 24) & 255] as string)
  );
}

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX1 = Array.from({ length: 16 }, (_, i) => i.toString(16));
const VARIANT = ['8', '9', 'a', 'b'];
const hex4 = (n: number) => (HEX2[(n >>> 8) & 255] as string) + (HEX2[n & 255] as string);
const hex8 = (n: number) => hex4(n >>> 16) + hex4(n);

const POOL_SIZE = 1 << 16;
let pool: string | undefined;
function randomPool(): string {
  if (pool === undefined) {
    const source = new Random(0x5eed);
    pool = source.bytes((POOL_SIZE * 3) / 4).toString('base64');
  }
  return pool;
}

let alnumPoolText: string | undefined;
function alnumPool(): string {
  if (alnumPoolText === undefined) {
    const source = new Random(0xa1);
    let text = '';
    for (let i = 0; i < POOL_SIZE; i++) text += ALNUM[source.uint32() % 62];
    alnumPoolText = text;
  }
  return alnumPoolText;
}

const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A small, fast, seeded PRNG (sfc32) with helpers for the values AWS events are made of. */
export class Random {
  #a = 0;
  #b = 0;
  #c = 0;
  #d = 0;

  constructor(seed: number) {
    this.seed(seed);
  }

  seed(seed: number): void {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#a = split();
    this.#b = split();
    this.#c = split();
    this.#d = split();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  bool(probability = 0.5): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A fresh seed derived from this stream, for nested builds. */
  fork(): number {
    return this.uint32();
  }

  /** `length` random bytes. */
  bytes(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    let i = 0;
    for (; i + 4 <= length; i += 4) out.writeUInt32LE(this.uint32(), i);
    if (i < length) {
      const last = this.uint32();
      for (let shift = 0; i < length; i++, shift += 8) out[i] = (last >>> shift) & 255;
    }
    return out;
  }

  hex(length: number): string {
    return this.bytes((length + 1) >> 1)
      .toString('hex')
      .slice(0, length);
  }

  /** `length` characters of the standard base64 alphabet. */
  base64(length: number): string {
    return this.bytes(Math.ceil((length * 3) / 4) + 3)
      .toString('base64')
      .slice(0, length);
  }

  /** Letters and digits, cut from a random pool at a random offset (cheap; see `token`). */
  alnum(length: number): string {
    const start = this.int(0, POOL_SIZE - length);
    return alnumPool().slice(start, start + length);
  }

  /** Upper-case letters and digits, as in IAM unique ids (`AIDA…`). */
  upperAlnum(length: number): string {
    let out = '';
    let bits = 0;
    for (let i = 0; i < length; i++) {
      if (i % 6 === 0) bits = this.uint32();
      out += UPPER32[bits & 31];
      bits >>>= 5;
    }
    return out;
  }

  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(this.uint32() % 10);
    return out;
  }

  /** A version-4 UUID, lower case. */
  uuid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    // Same text as `${hex8(a)}-${hex4(b >>> 16)}-4${hex4(b).slice(1)}-${VARIANT[c >>> 30]}${hex4(c >>> 16).slice(1)}-…`,
    // from table lookups instead of slices.
    return `${hex8(a)}-${hex4(b >>> 16)}-4${HEX1[(b >>> 8) & 15]}${HEX2[b & 255]}-${VARIANT[c >>> 30]}${HEX1[(c >>> 24) & 15]}${HEX2[(c >>> 16) & 255]}-${hex4(c)}${hex8(d)}`;
  }

  /**
   * A string of `length` base64 characters cut from a large random pool at a random offset: cheap for long
   * opaque tokens (receipt handles, signatures) where per-character randomness buys nothing.
   */
  token(length: number): string {
    const start = this.int(0, POOL_SIZE - length);
    return randomPool().slice(start, start + length);
  }
}

import type { Random } from '../core/random.ts';

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return (HEX[n >>> 24] as string) + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];
}

/** A version-4 UUID (lower case) from `random`: a request id (SEMANTICS §5.1 `awsRequestId`). */
export function requestId(random: Random): string {
  const a = hex8(random.uint32());
  const b = hex8(((random.uint32() & 0xffff0fff) | 0x00004000) >>> 0);
  const c = hex8(((random.uint32() & 0x3fffffff) | 0x80000000) >>> 0);
  const d = hex8(random.uint32());
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

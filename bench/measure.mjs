// Tiny measurement helpers: throughput over a fixed wall-clock budget, after a warm-up.
export function measure(fn, { ms = 1000, warmup = 200 } = {}) {
  let end = performance.now() + warmup;
  while (performance.now() < end) fn();
  let ops = 0;
  const start = performance.now();
  end = start + ms;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 16; i++) fn();
    ops += 16;
    now = performance.now();
  }
  return (ops / (now - start)) * 1000;
}

export async function measureAsync(fn, { ms = 1000, warmup = 200 } = {}) {
  let end = performance.now() + warmup;
  while (performance.now() < end) await fn();
  let ops = 0;
  const start = performance.now();
  end = start + ms;
  let now = start;
  while (now < end) {
    await fn();
    ops++;
    now = performance.now();
  }
  return (ops / (now - start)) * 1000;
}

export const fmt = (n) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(1);

export function row(name, value, unit, note = '') {
  console.log(`${name.padEnd(58)} ${fmt(value).padStart(9)} ${unit.padEnd(10)} ${note}`);
}

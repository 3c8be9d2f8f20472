// Import cost of each public entry of the built package: the median over fresh Node processes of one dynamic
// import, against fast-check and vitest imported alone in the same run. `lambda-harness/vitest/setup` runs once
// per test file, so it must stay near vitest's own cost; `lambda-harness/vitest` also loads @fast-check/vitest.
import { spawnSync } from 'node:child_process';

const RUNS = 3;
const ENTRIES = [
  ['fast-check (baseline)', 'fast-check'],
  ['vitest (baseline)', 'vitest'],
  ['@fast-check/vitest (baseline)', '@fast-check/vitest'],
  ['lambda-harness', 'lambda-harness'],
  ['lambda-harness/arbitraries', 'lambda-harness/arbitraries'],
  ['lambda-harness/vitest/setup', 'lambda-harness/vitest/setup'],
  ['lambda-harness/vitest', 'lambda-harness/vitest'],
];

function importMs(specifier) {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: import.meta.dirname,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`import ${specifier} failed: ${child.stderr}`);
  return Number(child.stdout.trim().split('\n').at(-1));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run() {
  console.log(`\n## Import cost per entry (median of ${RUNS} fresh processes, one import each)`);
  const ms = {};
  // Interleaved rounds, so a burst of load on the machine hits every entry alike.
  const samples = Object.fromEntries(ENTRIES.map(([name]) => [name, []]));
  for (let round = 0; round < RUNS; round++) {
    for (const [name, specifier] of ENTRIES) samples[name].push(importMs(specifier));
  }
  for (const [name] of ENTRIES) ms[name] = median(samples[name]);
  const fastCheck = ms['fast-check (baseline)'];
  const vitest = ms['vitest (baseline)'];
  for (const [name] of ENTRIES) {
    const note = `${(ms[name] / fastCheck).toFixed(2)}x fast-check, ${(ms[name] / vitest).toFixed(2)}x vitest`;
    console.log(`${name.padEnd(58)} ${ms[name].toFixed(0).padStart(9)} ms         ${note}`);
  }
  return ms;
}

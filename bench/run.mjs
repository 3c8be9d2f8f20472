// npm run bench: builds, then runs every benchmark module in its own process (so one module's heap cannot slow the
// next); figures are ratios against baselines measured in the same process and run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
console.log(`lambda-harness benchmarks — node ${process.version}, ${new Date().toISOString()}`);
let failed = 0;
for (const file of files) {
  const url = new URL(file, import.meta.url).href;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', `await (await import('${url}')).run();`], {
    stdio: 'inherit',
  });
  if (child.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;

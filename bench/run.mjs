// npm run bench: builds, then runs every benchmark module; figures are ratios against baselines measured in the same run.
import { readdirSync } from 'node:fs';

const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
console.log(`lambda-harness benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const file of files) {
  const module = await import(new URL(file, import.meta.url));
  await module.run();
}

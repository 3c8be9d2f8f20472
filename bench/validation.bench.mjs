// Validation against Powertools' zod schemas, on the AWS documentation's own SQS example event
// (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example Amazon SQS message event (standard queue)",
// kept as bench/sqs-docs-example.json with its md5OfMessageAttributes placeholder), in the same process; plus the
// cost of the first validation of a fresh process (schema compilation).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import { validate } from '../dist/src/index.js';
import { measure, row } from './measure.mjs';

const EXAMPLE = fileURLToPath(new URL('./sqs-docs-example.json', import.meta.url));
const TARGET = 15;
const ROUNDS = 9;

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Times a fresh process's first validation of the example (import excluded), in milliseconds. */
function firstValidation(kind) {
  const code = `
    const { readFileSync } = await import('node:fs');
    const event = JSON.parse(readFileSync(${JSON.stringify(EXAMPLE)}, 'utf8'));
    const importStart = performance.now();
    const check = ${
      kind === 'powertools'
        ? `(await import('@aws-lambda-powertools/parser/schemas/sqs')).SqsSchema; const run = () => check.safeParse(event);`
        : `(await import(${JSON.stringify(new URL('../dist/src/index.js', import.meta.url).href)})).validate; const run = () => check('sqs', event${kind === 'strict' ? ', { strict: true }' : ''});`
    }
    const imported = performance.now();
    run();
    const first = performance.now();
    run();
    const second = performance.now();
    console.log(JSON.stringify({ importMs: imported - importStart, firstMs: first - imported, secondMs: second - first }));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

export async function run() {
  const event = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  const shapeResult = validate('sqs', event);
  const strictResult = validate('sqs', event, { strict: true });
  const powertoolsResult = SqsSchema.safeParse(event);
  console.log('\n## Validation of the AWS documentation SQS example vs Powertools (same process, distinct copies)');
  console.log(
    `valid: shape ${shapeResult.valid}, strict ${strictResult.valid}` +
      `${strictResult.valid ? '' : ` (${strictResult.errors.map((e) => e.path).join(', ')}: the doc's placeholder)`}` +
      `, Powertools ${powertoolsResult.success}`,
  );
  const copies = Array.from({ length: 2000 }, () => structuredClone(event));
  // The same event without the placeholder md5 (the only thing strict rejects): strict's cost on a valid event.
  const withoutPlaceholder = copies.map((copy) => {
    const { md5OfMessageAttributes: _, ...record } = copy.Records[0];
    return { Records: [record, ...copy.Records.slice(1)] };
  });
  const strictValid = validate('sqs', withoutPlaceholder[0], { strict: true }).valid;
  let i = 0;
  const contenders = {
    powertools: () => SqsSchema.parse(copies[i++ % 2000]),
    shape: () => validate('sqs', copies[i++ % 2000]),
    strict: () => validate('sqs', copies[i++ % 2000], { strict: true }),
    strictValid: () => validate('sqs', withoutPlaceholder[i++ % 2000], { strict: true }),
  };
  // Short interleaved rounds, so a burst of load on a shared machine hits every contender alike; medians reported.
  const rounds = {
    powertools: [],
    shape: [],
    strict: [],
    strictValid: [],
    shapeRatio: [],
    strictRatio: [],
    validRatio: [],
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of Object.entries(contenders)) rounds[name].push(measure(fn, { ms: 200, warmup: 50 }));
    rounds.shapeRatio.push(rounds.shape[round] / rounds.powertools[round]);
    rounds.strictRatio.push(rounds.strict[round] / rounds.powertools[round]);
    rounds.validRatio.push(rounds.strictValid[round] / rounds.powertools[round]);
  }
  const shapeRatio = median(rounds.shapeRatio);
  row('Powertools SqsSchema.parse (baseline)', median(rounds.powertools), 'events/s');
  row(
    "validate('sqs', e) (shape)",
    median(rounds.shape),
    'events/s',
    `= ${shapeRatio.toFixed(1)}x Powertools (median of ${ROUNDS} rounds; target ≥${TARGET}x: ${shapeRatio >= TARGET ? 'met' : 'NOT met'})`,
  );
  row(
    "validate('sqs', e, { strict: true })",
    median(rounds.strict),
    'events/s',
    `= ${median(rounds.strictRatio).toFixed(2)}x Powertools${strictResult.valid ? '' : ' (reports the placeholder)'}`,
  );
  row(
    "validate('sqs', e w/o placeholder, { strict: true })",
    median(rounds.strictValid),
    'events/s',
    `= ${median(rounds.validRatio).toFixed(2)}x Powertools (strict-valid: ${strictValid})`,
  );

  console.log('\n## First validation in a fresh process (after import)');
  for (const kind of ['shape', 'strict', 'powertools']) {
    const t = firstValidation(kind);
    console.log(
      `${kind.padEnd(11)} import ${t.importMs.toFixed(1)} ms, first validation ${t.firstMs.toFixed(2)} ms, second ${t.secondMs.toFixed(3)} ms`,
    );
  }
}

// Event builders, arbitraries and validation, each against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { apiGatewayRestArbitrary, dynamodbStreamArbitrary, sqsArbitrary } from '../dist/src/arbitraries.js';
import { apiGatewayRestEvent, dynamodbStreamEvent, sqsEvent, validate } from '../dist/src/index.js';
import { fmt, measure, row } from './measure.mjs';

const require = createRequire(import.meta.url);
/** @serverless/event-mocks (pinned devDependency): the baseline builders are compared with, in the same run. */
const createEvent = require('@serverless/event-mocks').default;

/** What a test writes with event-mocks for a 10-record DynamoDB stream event: its template merged with 10 records. */
function eventMocksDynamodb(i) {
  const Records = [];
  for (let r = 0; r < 10; r++) {
    Records.push({
      eventID: `${i}-${r}`,
      dynamodb: {
        Keys: { Id: { N: String(r) } },
        NewImage: { Message: { S: `item ${i}` }, Id: { N: String(r) } },
        SequenceNumber: String(111 + r),
      },
    });
  }
  return createEvent('aws:dynamo', { Records });
}

function literalSqs(i) {
  const Records = [];
  for (let r = 0; r < 10; r++) {
    Records.push({
      messageId: `059f36b4-87a3-44ab-83d2-${String(i).padStart(12, '0')}`,
      receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
      body: `{"orderId":"${i}-${r}"}`,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1545082649183',
        SenderId: 'AIDAIENQZJOLO23YVJ4VO',
        ApproximateFirstReceiveTimestamp: '1545082649185',
      },
      messageAttributes: {},
      md5OfBody: '098f6bcd4621d373cade4e832627b4f6',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-2:123456789012:my-queue',
      awsRegion: 'us-east-2',
    });
  }
  return { Records };
}

function builderCase(label, build, literal) {
  const prebuilt = build(0);
  let seed = 0;
  const ours = measure(() => build(seed++));
  const clone = measure(() => structuredClone(prebuilt));
  let i = 0;
  const plain = literal ? measure(() => literal(i++)) : undefined;
  row(
    `${label}: builder (validated)`,
    ours,
    'events/s',
    `= ${(ours / clone).toFixed(2)}x structuredClone (${fmt(clone)}/s)`,
  );
  if (plain)
    row(
      `${label}: plain object-literal factory (baseline)`,
      plain,
      'events/s',
      `builder = ${(ours / plain).toFixed(3)}x literal`,
    );
  return { ours, clone };
}

export async function run() {
  console.log('\n## Event builders (same process, same run)');
  const sqs = builderCase('sqs, 10 records', (seed) => sqsEvent(undefined, { records: 10, seed }), literalSqs);
  const rest = builderCase('api-gateway-rest', (seed) => apiGatewayRestEvent(undefined, { seed }));
  let r = 0;
  const restMocks = measure(() => createEvent('aws:apiGateway', { body: `{"orderId":"${r++}"}` }));
  row(
    'api-gateway-rest: @serverless/event-mocks (baseline)',
    restMocks,
    'events/s',
    `builder = ${(rest.ours / restMocks).toFixed(2)}x event-mocks (target ≥1x, moonshot 2x)`,
  );
  const dynamodb = builderCase('dynamodb-stream, 10 records', (seed) =>
    dynamodbStreamEvent(undefined, { records: 10, seed }),
  );
  let m = 0;
  const mocks = measure(() => eventMocksDynamodb(m++));
  row(
    'dynamodb-stream, 10 records: @serverless/event-mocks',
    mocks,
    'events/s',
    `builder = ${(dynamodb.ours / mocks).toFixed(2)}x event-mocks (target ≥1x, moonshot 2x)`,
  );
  let s = 0;
  const unvalidated = measure(() => sqsEvent(undefined, { records: 10, seed: s++, validate: false }));
  row('sqs, 10 records: builder with validate: false', unvalidated, 'events/s');

  console.log('\n## Validation (2000 distinct prebuilt events, cycled)');
  let seed = 0;
  const ones = Array.from({ length: 2000 }, () => sqsEvent(undefined, { seed: seed++ }));
  const tens = Array.from({ length: 2000 }, () => sqsEvent(undefined, { records: 10, seed: seed++ }));
  let i = 0;
  row(
    'validate(sqs, 1-record event)',
    measure(() => validate('sqs', ones[i++ % 2000])),
    'events/s',
    'target ≥1M/s',
  );
  row(
    'validate(sqs, 10-record event)',
    measure(() => validate('sqs', tens[i++ % 2000])),
    'events/s',
  );
  row(
    'JSON.stringify of a 10-record event (baseline)',
    measure(() => JSON.stringify(tens[i++ % 2000])),
    'events/s',
  );

  console.log('\n## Arbitraries (fc.sample, per event)');
  for (const [name, factory, options] of [
    ['sqsArbitrary', sqsArbitrary, {}],
    ['sqsArbitrary', sqsArbitrary, { edge: true }],
    ['apiGatewayRestArbitrary', apiGatewayRestArbitrary, {}],
    ['dynamodbStreamArbitrary', dynamodbStreamArbitrary, {}],
  ]) {
    const arb = factory(options);
    let seed = 0;
    const rate = measure(() => fc.sample(arb, { numRuns: 1, seed: seed++ }), { ms: 700 });
    row(`${name}(${JSON.stringify(options)})`, rate, 'events/s');
  }

  console.log('\n## Streaming: lambda-harness generate sqs --count 100000 (fresh process, output discarded)');
  // A fresh process with --expose-gc, so the heap figures after each 20k events are live memory, not garbage.
  const script = `
    const { run } = await import(${JSON.stringify(new URL('../dist/src/cli/run.js', import.meta.url).href)});
    const heap = [];
    let lines = 0;
    const start = performance.now();
    await run(['generate', 'sqs', '--count', '100000'], {
      stdout: () => { if (++lines % 20000 === 0) { gc(); heap.push(process.memoryUsage().heapUsed); } return true; },
      stderr: () => {},
      stdin: async () => '',
    });
    console.log(JSON.stringify({ lines, seconds: (performance.now() - start) / 1000, heap }));`;
  const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  const streamed = JSON.parse(child.stdout);
  row(
    'generate --count 100000',
    streamed.lines / streamed.seconds,
    'events/s',
    `live heap after 20k..100k events: ${streamed.heap.map((h) => `${(h / 2 ** 20).toFixed(1)}MB`).join(' ')}`,
  );

  console.log('\n## Import time (median of 15 child processes)');
  const time = (args) => {
    const runs = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      spawnSync(process.execPath, args, { stdio: 'ignore' });
      runs.push(performance.now() - t);
    }
    return runs.sort((a, b) => a - b)[7];
  };
  const bare = time(['-e', '']);
  const imported = time([
    '--input-type=module',
    '-e',
    `import { sqsEvent } from '${new URL('../dist/src/index.js', import.meta.url).href}';`,
  ]);
  const built = time([
    '--input-type=module',
    '-e',
    `import { sqsEvent } from '${new URL('../dist/src/index.js', import.meta.url).href}'; sqsEvent();`,
  ]);
  console.log(
    `bare node ${bare.toFixed(1)} ms; import { sqsEvent } ${imported.toFixed(1)} ms (+${(imported - bare).toFixed(1)} ms); import + first sqsEvent() ${built.toFixed(1)} ms (+${(built - bare).toFixed(1)} ms)`,
  );
  return { sqs };
}

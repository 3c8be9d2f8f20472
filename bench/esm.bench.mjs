// Event source mappings: 100k SQS messages through batches of 10 with 10% failures and redrive, against
// Powertools' processPartialResponse run directly on the very same batches, in the same process and run.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { sqsQueue } from '../dist/src/index.js';
import { fmt, row } from './measure.mjs';

const MESSAGES = 100_000;
const RBIF = ['ReportBatchItemFailures'];

/** Fails 10% of the records on every receive, deterministically by body (so some reach the DLQ). */
const fails = (body) => Number(body.slice(5, -1)) % 10 === 3;

const plainHandler = async (event) => ({
  batchItemFailures: event.Records.filter((r) => fails(r.body)).map((r) => ({ itemIdentifier: r.messageId })),
});

function powertoolsHandler() {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record) => {
    if (fails(record.body)) throw new Error('failed');
  };
  return async (event, context) => processPartialResponse(event, recordHandler, processor, { context });
}

function queueOf(count) {
  const queue = sqsQueue({ maxReceiveCount: 3 });
  for (let i = 0; i < count; i++) queue.send(`{"i":${i}}`);
  return queue;
}

async function drain(queue, handler) {
  const start = performance.now();
  const ledger = await queue.drain(handler, { functionResponseTypes: RBIF, logs: 'off' });
  return { seconds: (performance.now() - start) / 1000, ledger };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run() {
  console.log('\n## Event source mappings: SQS poller (100k messages, batches of 10, 10% failing, maxReceiveCount 3)');
  const queue = queueOf(MESSAGES);
  await drain(queueOf(10_000), plainHandler); // warm-up

  // Capture the batches the poller delivers, to replay the same ones into Powertools directly.
  const batches = [];
  const capture = async (event) => {
    batches.push(event);
    return plainHandler(event);
  };
  const captured = await drain(queue, capture);
  const outcomes = {};
  for (const e of captured.ledger.events) outcomes[e.outcome] = (outcomes[e.outcome] ?? 0) + 1;

  const plain = [];
  const withPowertools = [];
  const direct = [];
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 3000 };
  for (let round = 0; round < 3; round++) {
    plain.push(MESSAGES / (await drain(queue, plainHandler)).seconds);
    withPowertools.push(MESSAGES / (await drain(queue, powertoolsHandler())).seconds);
    const handler = powertoolsHandler();
    const start = performance.now();
    for (const event of batches) {
      try {
        await handler(event, context);
      } catch {
        // FullBatchFailureError: a batch of only failing (retried) records; the simulator counts it as an error.
      }
    }
    direct.push(MESSAGES / ((performance.now() - start) / 1000));
  }
  const [p, w, d] = [median(plain), median(withPowertools), median(direct)];
  row('simulator, plain partial-response handler', p, 'msgs/s', `median of 3; ${batches.length} invocations`);
  row('simulator, handler = Powertools processPartialResponse', w, 'msgs/s', `= ${(w / d).toFixed(2)}x direct`);
  row('Powertools processPartialResponse, same batches, direct (baseline)', d, 'msgs/s', 'no simulation');
  console.log(
    `outcomes: ${Object.entries(outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; virtual time ${fmt(captured.ledger.end / 1000)} s; ` +
      `heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
  );
  return { plain: p, withPowertools: w, direct: d };
}

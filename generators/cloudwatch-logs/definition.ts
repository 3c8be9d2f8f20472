import { createRequire } from 'node:module';
import { awsScope, fakerWords, isoMillis } from '../../src/core/aws-values.ts';
import { defineEvent } from '../../src/core/define-event.ts';
import { gunzipBase64Json, gzipBase64Json } from '../../src/core/encoders.ts';
import { isPlainObject, overridden } from '../../src/core/overrides.ts';
import type { Random } from '../../src/core/random.ts';
import type {
  CloudwatchLogsDecodedData,
  CloudwatchLogsLogEvent,
  CloudwatchLogsOverrides,
  CloudwatchLogsVariant,
} from './index.ts';
import { cloudwatchLogsRules } from './rules.ts';
import type { CloudwatchLogsEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

/** The health check CloudWatch Logs sends when a subscription is created (docs/decisions/cloudwatch-logs-control-message.md). */
export const CONTROL_MESSAGE_TEXT = 'CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.';

/** Log event ids are 56-digit strings, increasing within a batch. */
function logEventIds(random: Random): () => string {
  let id = BigInt(`3${random.digits(55)}`);
  return () => {
    id += BigInt(random.int(1, 999_999)) * 10n ** 30n + BigInt(random.digits(30));
    return id.toString();
  };
}

const LEVELS = ['INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG'];
const ACTIONS = ['Processed order', 'Fetched customer', 'Published event', 'Cache miss for', 'Retrying call for'];

interface Pending {
  decoded: CloudwatchLogsDecodedData;
  nextId: () => string;
}

/** The decoded default of each build, kept until finalize to complete a decoded `awslogs.data` override. */
const pending = new WeakMap<object, Pending>();

function completeData(
  given: Record<string, unknown>,
  defaults: CloudwatchLogsDecodedData,
  nextId: () => string,
  random: Random,
): CloudwatchLogsDecodedData {
  const data = { ...defaults, ...given } as CloudwatchLogsDecodedData;
  if (!Array.isArray(given.logEvents)) return data;
  let timestamp = defaults.logEvents[0]?.timestamp ?? 0;
  data.logEvents = (given.logEvents as unknown[]).map((raw, i) => {
    const event = (isPlainObject(raw) ? raw : { message: raw }) as Partial<CloudwatchLogsLogEvent> & {
      message?: unknown;
    };
    const fallback = defaults.logEvents[i];
    timestamp =
      typeof event.timestamp === 'number' ? event.timestamp : (fallback?.timestamp ?? timestamp + random.int(0, 25));
    const message = event.message === undefined ? (fallback?.message ?? '') : event.message;
    return {
      ...event,
      id: typeof event.id === 'string' ? event.id : (fallback?.id ?? nextId()),
      timestamp,
      message: typeof message === 'string' ? message : JSON.stringify(message),
    };
  });
  return data;
}

export const definition = defineEvent<CloudwatchLogsEvent, CloudwatchLogsOverrides, CloudwatchLogsVariant>({
  id: 'cloudwatch-logs',
  title: 'Amazon CloudWatch Logs',
  invocation: 'async',
  variants: ['plain', 'control-message', 'account-policy'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html',
  schema: () => require('./schema.json'),
  rules: cloudwatchLogsRules(() => require('./payload.schema.json')),
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const nextId = logEventIds(random);
    let timestamp = ctx.now - random.int(1_000, 120_000);
    let decoded: CloudwatchLogsDecodedData;
    if (ctx.variant === 'control-message') {
      decoded = {
        messageType: 'CONTROL_MESSAGE',
        owner: 'CloudwatchLogs',
        logGroup: '',
        logStream: '',
        subscriptionFilters: [],
        logEvents: [{ id: '', timestamp, message: CONTROL_MESSAGE_TEXT }],
      };
    } else {
      const fn = `${
        random
          .pick(fakerWords('word.noun'))
          .toLowerCase()
          .replace(/[^a-z0-9]/g, '') || 'app'
      }-${random.pick(['api', 'worker', 'handler', 'processor'])}`;
      const requestId = random.uuid();
      const products = fakerWords('commerce.product_name.product');
      const messages: string[] = [`START RequestId: ${requestId} Version: $LATEST\n`];
      for (let i = random.int(1, 4); i > 0; i--) {
        const level = random.pick(LEVELS);
        const text = `${random.pick(ACTIONS)} ${random.pick(products)} (${random.alnum(10)})`;
        messages.push(
          random.bool(0.5)
            ? `${JSON.stringify({ timestamp: isoMillis(timestamp), level, requestId, message: text })}\n`
            : `${isoMillis(timestamp)}\t${requestId}\t${level}\t${text}\n`,
        );
      }
      const duration = random.int(100, 250_000) / 100;
      messages.push(`END RequestId: ${requestId}\n`);
      messages.push(
        `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.ceil(duration)} ms\tMemory Size: 128 MB\tMax Memory Used: ${random.int(60, 120)} MB\t\n`,
      );
      decoded = {
        messageType: 'DATA_MESSAGE',
        owner: scope.accountId,
        logGroup: `/aws/lambda/${fn}`,
        logStream: `${isoMillis(timestamp).slice(0, 10).replace(/-/g, '/')}/[$LATEST]${random.hex(32)}`,
        subscriptionFilters: [ctx.variant === 'account-policy' ? `account-${fn}-policy` : `${fn}-subscription`],
        logEvents: messages.map((message) => {
          timestamp += random.int(0, 40);
          return { id: nextId(), timestamp, message };
        }),
      };
      // An account-level subscription filter's deliveries say so; log-group filters say so in newer events only.
      if (ctx.variant === 'account-policy') decoded.policyLevel = 'ACCOUNT_LEVEL_POLICY';
      else if (random.bool(0.5)) decoded.policyLevel = 'LOG_GROUP_LEVEL_POLICY';
    }
    pending.set(ctx, { decoded, nextId });
    return { awslogs: { data: gzipBase64Json(decoded) } };
  },
  finalize(event, ctx) {
    const state = pending.get(ctx);
    pending.delete(ctx);
    const awslogs = event.awslogs as Record<string, unknown> | undefined;
    if (state === undefined || awslogs === undefined || !overridden(ctx.overrides, 'awslogs', 'data')) return;
    if (isPlainObject(awslogs.data)) {
      awslogs.data = gzipBase64Json(completeData(awslogs.data, state.decoded, state.nextId, ctx.random));
    }
  },
});

/** The payload inside `awslogs.data`: base64-decoded, gunzipped and parsed. */
export function decodeData(data: string): CloudwatchLogsDecodedData {
  return gunzipBase64Json(data) as CloudwatchLogsDecodedData;
}

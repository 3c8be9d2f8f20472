import { createRequire } from 'node:module';
import { arn, awsScope, isoMillis, resourceName } from '../../src/core/aws-values.ts';
import { defineEvent, type GenerateContext } from '../../src/core/define-event.ts';
import { overrideAt, overridden } from '../../src/core/overrides.ts';
import type { LambdaDestinationOverrides, LambdaDestinationVariant } from './index.ts';
import { rules } from './rules.ts';
import type { LambdaDestinationEvent } from './types.gen.ts';

const require = createRequire(import.meta.url);

const CONDITIONS: Record<LambdaDestinationVariant, string> = {
  success: 'Success',
  'retries-exhausted': 'RetriesExhausted',
  'event-age-exceeded': 'EventAgeExceeded',
};

const ERRORS = [
  { errorType: 'Error', errorMessage: 'Order not found' },
  { errorType: 'TypeError', errorMessage: "Cannot read properties of undefined (reading 'id')" },
  { errorType: 'ValidationError', errorMessage: 'quantity must be a positive integer' },
];

/** The original event: what a caller passed to `Invoke` with `InvocationType: Event`. */
function requestPayload(ctx: GenerateContext): Record<string, unknown> {
  const { random } = ctx;
  return {
    orderId: random.uuid(),
    customerId: `cus_${random.alnum(14)}`,
    quantity: random.int(1, 5),
    source: random.pick(['checkout', 'admin', 'import']),
  };
}

/** A Node.js stack trace for `errorType: errorMessage`, as the runtime reports it. */
function trace(errorType: string, errorMessage: string): string[] {
  return [
    `${errorType}: ${errorMessage}`,
    '    at Runtime.handler (file:///var/task/index.mjs:12:11)',
    '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
  ];
}

export const definition = defineEvent<LambdaDestinationEvent, LambdaDestinationOverrides, LambdaDestinationVariant>({
  id: 'lambda-destination',
  title: 'AWS Lambda destination (invocation record)',
  invocation: 'async',
  variants: ['success', 'retries-exhausted', 'event-age-exceeded'],
  docs: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html',
  schema: () => require('./schema.json'),
  rules,
  generate(ctx) {
    const { random } = ctx;
    const scope = awsScope(random);
    const name = resourceName(random, 'handler').replace(/[^A-Za-z0-9_-]/g, '-');
    const roll = random.int(0, 3);
    const version = String(random.int(1, 40));
    // $LATEST most often; a published version, or an alias pointing to one.
    const qualifier = roll <= 1 ? '$LATEST' : roll === 2 ? version : random.pick(['live', 'prod', 'blue']);
    const executedVersion = qualifier === '$LATEST' ? '$LATEST' : version;
    const success = ctx.variant === 'success';
    // A success may follow failed attempts; a failure after retries is at the third attempt (two retries, the
    // default) unless fewer retries are configured; an expired event is routed after one or two attempts.
    const approximateInvokeCount =
      ctx.variant === 'success'
        ? random.pick([1, 1, 1, 2, 3])
        : ctx.variant === 'retries-exhausted'
          ? random.pick([3, 3, 3, 2, 1])
          : random.pick([1, 2]);
    const error = random.pick(ERRORS);
    return {
      version: '1.0',
      timestamp: isoMillis(ctx.now - random.int(0, 59_999)),
      requestContext: {
        requestId: random.uuid(),
        functionArn: arn(scope, 'lambda', `function:${name.slice(0, 64)}:${qualifier}`),
        condition: CONDITIONS[ctx.variant],
        approximateInvokeCount,
      },
      requestPayload: requestPayload(ctx),
      responseContext: success
        ? { statusCode: 200, executedVersion }
        : { statusCode: 200, executedVersion, functionError: 'Unhandled' },
      responsePayload: success
        ? { status: 'processed', processedAt: isoMillis(ctx.now) }
        : { ...error, trace: trace(error.errorType, error.errorMessage) },
    };
  },
  finalize(event, ctx) {
    const { overrides } = ctx;
    // The original event and the returned value are the handler's own: an override replaces them whole.
    for (const field of ['requestPayload', 'responsePayload'] as const)
      if (overridden(overrides, field)) event[field] = structuredClone(overrideAt(overrides, field));
    // The executed version follows an overridden function ARN: its version, or one its alias points to.
    const context = event.responseContext as Record<string, unknown> | undefined;
    if (
      context !== undefined &&
      overridden(overrides, 'requestContext', 'functionArn') &&
      !overridden(overrides, 'responseContext', 'executedVersion')
    ) {
      const qualifier = String((event.requestContext as Record<string, unknown>).functionArn).split(':')[7];
      if (qualifier === undefined) return;
      if (/^(\$LATEST|\d+)$/.test(qualifier)) context.executedVersion = qualifier;
      // An alias points to a published version, never to $LATEST.
      else if (!/^\d+$/.test(String(context.executedVersion))) context.executedVersion = String(ctx.random.int(1, 40));
    }
  },
});

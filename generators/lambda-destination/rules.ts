import { parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { LambdaDestinationEvent } from './types.gen.ts';

type Event = LambdaDestinationEvent;

/** The qualifier of a qualified function ARN (`$LATEST`, a version or an alias). */
function qualifier(functionArn: string): string | undefined {
  const resource = parseArn(functionArn)?.resource.split(':');
  return resource?.length === 3 ? resource[2] : undefined;
}

/** A failure record carries `functionError`; a success record never does. */
const errorIffFailure = defineRule<Event>({
  id: 'function-error-iff-failure',
  description: 'responseContext.functionError is present exactly when condition is not Success',
  check(event, report) {
    const context = event.responseContext;
    if (context === undefined) return;
    const failed = event.requestContext.condition !== 'Success';
    if ((context.functionError !== undefined) === failed) return;
    report({
      path: ['responseContext', 'functionError'],
      expected: failed
        ? `a function error on a ${event.requestContext.condition} record`
        : 'no functionError on a Success record',
      received: show(context.functionError),
    });
  },
});

/** Success means the function ran at least once and returned: a count of at least 1 and a response. */
const successRan = defineRule<Event>({
  id: 'success-after-invoke',
  description: 'a Success record has approximateInvokeCount >= 1 and a responseContext',
  check(event, report) {
    if (event.requestContext.condition !== 'Success') return;
    if (event.requestContext.approximateInvokeCount < 1)
      report({
        path: ['requestContext', 'approximateInvokeCount'],
        expected: 'at least 1 on a Success record',
        received: show(event.requestContext.approximateInvokeCount),
      });
    if (event.responseContext === undefined)
      report({ path: ['responseContext'], expected: 'the response of the successful attempt', received: 'nothing' });
  },
});

/** A record without attempts has no response; a record after attempts keeps the last one's. */
const responseAfterAttempt = defineRule<Event>({
  id: 'response-after-attempt',
  description: 'responseContext is present exactly when approximateInvokeCount >= 1',
  check(event, report) {
    const attempted = event.requestContext.approximateInvokeCount >= 1;
    if ((event.responseContext !== undefined) === attempted) return;
    report({
      path: ['responseContext'],
      expected: attempted
        ? `the last attempt's response (approximateInvokeCount ${event.requestContext.approximateInvokeCount})`
        : 'no responseContext when the function never ran (approximateInvokeCount 0)',
      received: event.responseContext === undefined ? 'nothing' : 'an object',
    });
  },
});

/** The executed version is the ARN's version, or the version an alias points to. */
const executedVersion = defineRule<Event>({
  id: 'executed-version-qualifier',
  description: 'responseContext.executedVersion is the functionArn qualifier when it is $LATEST or a version',
  check(event, report) {
    const executed = event.responseContext?.executedVersion;
    const q = qualifier(event.requestContext.functionArn);
    if (executed === undefined || q === undefined) return;
    const alias = q !== '$LATEST' && !/^\d+$/.test(q);
    if (alias ? /^\d+$/.test(executed) : executed === q) return;
    report({
      path: ['responseContext', 'executedVersion'],
      expected: alias
        ? `the numbered version alias ${show(q)} points to (requestContext.functionArn)`
        : `${show(q)} (the qualifier of requestContext.functionArn)`,
      received: show(executed),
    });
  },
});

/** On failure the payload is the error the function raised. */
const failurePayload = defineRule<Event>({
  id: 'failure-payload-is-error',
  description: 'on a failure record after an attempt, responsePayload is an error object with a string errorMessage',
  check(event, report) {
    if (event.requestContext.condition === 'Success' || event.responseContext === undefined) return;
    const payload = event.responsePayload as Record<string, unknown> | null | undefined;
    const ok =
      payload !== null &&
      typeof payload === 'object' &&
      !Array.isArray(payload) &&
      typeof payload.errorMessage === 'string' &&
      (payload.errorType === undefined || typeof payload.errorType === 'string') &&
      (payload.trace === undefined || Array.isArray(payload.trace));
    if (!ok)
      report({
        path: ['responsePayload'],
        expected: 'the error object {errorType, errorMessage, trace} of the failed attempt',
        received: show(payload),
      });
  },
});

export const rules = [errorIffFailure, successRan, responseAfterAttempt, executedVersion, failurePayload];

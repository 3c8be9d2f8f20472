import { gunzipSync } from 'node:zlib';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { JsonSchema } from '../../src/contracts/schema.ts';
import { compileContract, runContract } from '../../src/contracts/validate.ts';
import type { CloudwatchLogsEvent } from './types.gen.ts';

/** The rules, given payload.schema.json (the definition reads it: the bundle inlines a definition's own JSON). */
export function cloudwatchLogsRules(payloadSchema: () => JsonSchema) {
  /** The decoded payload's contracts (strict), by messageType: a data message, or the control message. */
  const branch = (i: number) => () => (payloadSchema() as { oneOf: JsonSchema[] }).oneOf[i] as JsonSchema;
  const dataContract = compileContract('cloudwatch-logs awslogs.data', branch(0), { profile: 'strict' });
  const controlContract = compileContract('cloudwatch-logs awslogs.data', branch(1), { profile: 'strict' });

  type Decoded = { ok: true; value: unknown } | { ok: false; problem: string };

  /** The last data decoded: the encoding rule decodes, the payload rule reuses it. */
  let last: { data: string; result: Decoded } | undefined;

  function decode(event: CloudwatchLogsEvent): Decoded {
    if (last !== undefined && last.data === event.awslogs.data) return last.result;
    const bytes = Buffer.from(event.awslogs.data, 'base64');
    let result: Decoded;
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) result = { ok: false, problem: 'not gzip (no 1f 8b magic bytes)' };
    else {
      try {
        const text = gunzipSync(bytes).toString('utf8');
        try {
          result = { ok: true, value: JSON.parse(text) };
        } catch {
          result = { ok: false, problem: `gzip of text that is not JSON (${show(text)})` };
        }
      } catch (error) {
        result = { ok: false, problem: `broken gzip (${(error as Error).message})` };
      }
    }
    last = { data: event.awslogs.data, result };
    return result;
  }

  const encoding = defineRule<CloudwatchLogsEvent>({
    id: 'awslogs-data-encoding',
    description: 'awslogs.data is base64 of gzip of JSON.',
    check(event, report) {
      const result = decode(event);
      if (!result.ok)
        report({
          path: ['awslogs', 'data'],
          expected: 'base64(gzip(JSON))',
          received: `${show(event.awslogs.data)}: ${result.problem}`,
        });
    },
  });

  const payload = defineRule<CloudwatchLogsEvent>({
    id: 'awslogs-data-payload',
    description:
      'The decoded payload is a DATA_MESSAGE (12-digit owner, log group and stream, filters, log events with 56-digit ids and epoch-millisecond timestamps, optional policyLevel) or the CONTROL_MESSAGE.',
    check(event, report) {
      const result = decode(event);
      if (!result.ok) return;
      const value = result.value as { messageType?: unknown } | null;
      const control = value !== null && typeof value === 'object' && value.messageType === 'CONTROL_MESSAGE';
      const { errors } = runContract(control ? controlContract : dataContract, result.value);
      for (const error of errors.slice(0, 5))
        report({
          path: ['awslogs', 'data'],
          expected: `a decoded payload where ${error.path || '(root)'}: ${error.expected}`,
          received: error.received,
        });
    },
  });

  return [encoding, payload];
}

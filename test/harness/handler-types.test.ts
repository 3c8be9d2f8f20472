import type { Callback, Context, Handler as AwsHandler, SQSEvent, SQSHandler } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { LambdaContext } from '../../src/harness/context.ts';
import { type Handler, invoke } from '../../src/harness/invoke.ts';
import { sqsEvent } from '../../src/index.ts';

// Type-level checks run with `tsc -p tsconfig.json`: handlers typed with @types/aws-lambda are accepted as they are.
const sqsHandler: SQSHandler = async (event) => {
  void event.Records;
};
const callbackHandler: AwsHandler<SQSEvent, number> = (event, _context, callback) => {
  callback(null, event.Records.length);
};
const accepted: Handler[] = [sqsHandler, callbackHandler];
const contextIsAwsContext = (context: LambdaContext): Context => context;

describe('handler types', () => {
  it('§5.2 handlers typed with @types/aws-lambda run as they are, with an aws-lambda Context', async () => {
    const results = await Promise.all(accepted.map((h) => invoke(h, sqsEvent())));
    expect(results.map((r) => [r.status, r.response])).toEqual([
      ['success', null],
      ['success', 1],
    ]);
    expect(typeof contextIsAwsContext).toBe('function');
  });

  it('§1.1 the result reports the executed version', async () => {
    const result = await invoke((_e: unknown, _c: Context, cb: Callback) => cb(null, 1), {}, { functionVersion: '7' });
    expect(result.executedVersion).toBe('7');
    expect(JSON.parse(JSON.stringify(result))).toMatchObject({ executedVersion: '7', status: 'success' });
  });
});

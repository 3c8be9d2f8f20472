/**
 * The answer a Kinesis or DynamoDB Streams event source mapping reads: the shared partial batch response, plus
 * `state` for tumbling windows. Shared by kinesis-stream and dynamodb-stream.
 */
import type { JsonSchema } from '../../src/contracts/schema.ts';
import { type CompiledContract, runContract, type ValidationResult } from '../../src/contracts/validate.ts';
import type { Violation } from '../../src/errors.ts';

/**
 * What each stream's response.schema.json is: the shared partial batch response
 * (`src/contracts/partial-batch-response.schema.json`) where an object answer may also carry a tumbling window's
 * `state`, a JSON object. Kept as files (the bundle inlines a definition's own JSON); a test compares them.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-windows.html
 */
export function withWindowState(shared: JsonSchema): JsonSchema {
  const base = shared as JsonSchema & { anyOf: Record<string, unknown>[] };
  return {
    ...base,
    anyOf: base.anyOf.map((branch) =>
      branch.type === 'object'
        ? {
            ...branch,
            properties: {
              ...(branch.properties as Record<string, unknown>),
              state: {
                type: 'object',
                additionalProperties: true,
                description: 'The tumbling window state, passed to the next invoke.',
              },
            },
          }
        : branch,
    ),
  } as JsonSchema;
}

function violation(path: string, expected: string, received: string): Violation {
  return { path, expected, received, message: `expected ${expected}, received ${received}` };
}

/**
 * Checks a stream handler's answer against the response contract and the batch it answers: every `itemIdentifier`
 * names a record's sequence number (else Lambda fails the whole batch), and a tumbling-window invoke's answer
 * carries `state`.
 */
export function checkStreamResponse(
  contract: CompiledContract,
  response: unknown,
  sequenceNumbers: readonly string[],
  windowed: boolean,
): ValidationResult {
  const result = runContract(contract, response);
  if (!result.valid) return result;
  const errors: Violation[] = [];
  const isObject = response !== null && typeof response === 'object' && !Array.isArray(response);
  if (windowed && !(isObject && 'state' in response)) {
    errors.push(
      violation('state', 'the window state (a tumbling-window invoke must answer {"state": {…}})', 'nothing'),
    );
  }
  const failures = isObject ? (response as { batchItemFailures?: unknown }).batchItemFailures : undefined;
  if (Array.isArray(failures)) {
    const known = new Set(sequenceNumbers);
    failures.forEach((failure, i) => {
      const id = (failure as { itemIdentifier: string }).itemIdentifier;
      if (!known.has(id))
        errors.push(
          violation(
            `batchItemFailures[${i}].itemIdentifier`,
            'the sequence number of a record of the batch (else the whole batch fails)',
            JSON.stringify(id),
          ),
        );
    });
  }
  return { valid: errors.length === 0, errors };
}

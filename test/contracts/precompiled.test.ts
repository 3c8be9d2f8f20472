import { describe, expect, it } from 'vitest';
import { loadPrecompiled } from '../../src/contracts/precompiled.ts';
import { getEventType, sqsEvent } from '../../src/index.ts';

describe('contracts compiled ahead of time', () => {
  const { definition } = getEventType('sqs');

  it('are used when they were compiled from the current schema', () => {
    const checks = loadPrecompiled('sqs', definition.schema, definition.response?.schema);
    expect(checks).toBeDefined();
    const event = sqsEvent();
    expect(checks?.shape(event)).toBe(true);
    expect(checks?.strict(event)).toBe(true);
    expect(checks?.shape({ Records: [{ ...event.Records[0], body: 1 }] })).toBe(false);
    expect(checks?.strict({ ...event, extra: 1 })).toBe(false);
    expect(checks?.shape({ ...event, extra: 1 })).toBe(true);
  });

  it('are ignored when the schema changed since (the contract compiles at first use instead)', () => {
    const changed = () => ({ ...definition.schema(), description: 'edited after npm run gen' });
    expect(loadPrecompiled('sqs', changed, definition.response?.schema)).toBeUndefined();
  });

  it('are absent for an id without generated checks', () => {
    expect(loadPrecompiled('no-such-id', definition.schema, undefined)).toBeUndefined();
  });
});

// aws-behaviour §2 — front-end timeouts and dispatch.
import { describe, expect, it } from 'vitest';
import {
  FRONT_ENDS,
  frontEndDeadline,
  integrationTimeoutMs,
  toClientResponse,
} from '../../../src/harness/front-ends/index.ts';
import type { LedgerInvocation } from '../../../src/harness/ledger.ts';

describe('integrationTimeoutMs', () => {
  it('is 29 s for REST, 30 s for HTTP API and none for ALB and function URLs', () => {
    expect(FRONT_ENDS.map((frontEnd) => integrationTimeoutMs(frontEnd))).toEqual([
      29_000,
      30_000,
      undefined,
      undefined,
    ]);
  });

  it('takes a configured timeout, above 29 s for REST', () => {
    expect(integrationTimeoutMs('api-gateway-rest', { integrationTimeoutMs: 120_000 })).toBe(120_000);
    expect(integrationTimeoutMs('api-gateway-http', { integrationTimeoutMs: 5_000 })).toBe(5_000);
  });

  it('rejects a timeout API Gateway does not allow', () => {
    expect(() =>
      integrationTimeoutMs('api-gateway-http', { integrationTimeoutMs: 31_000 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ScenarioError: [lambda-harness] integrationTimeoutMs: expected 50–30000 ms, received 31000]`,
    );
    expect(() =>
      integrationTimeoutMs('api-gateway-rest', { integrationTimeoutMs: 10 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ScenarioError: [lambda-harness] integrationTimeoutMs: expected at least 50 ms, received 10]`,
    );
  });
});

describe('frontEndDeadline', () => {
  it('lets the front-end time out first when its timeout is shorter than the function’s', () => {
    expect(frontEndDeadline('api-gateway-rest', 60_000)).toEqual({ timeoutMs: 29_000, timedOutBy: 'caller' });
  });

  it('lets the function time out first otherwise', () => {
    expect(frontEndDeadline('api-gateway-http', 30_000)).toEqual({ timeoutMs: 30_000, timedOutBy: 'function' });
    expect(frontEndDeadline('alb', 900_000)).toEqual({ timeoutMs: 900_000, timedOutBy: 'function' });
  });
});

describe('toClientResponse', () => {
  it('accepts a ledger invocation as the result', () => {
    const invocation: LedgerInvocation = {
      at: 0,
      requestId: 'r',
      events: [0],
      status: 'success',
      durationMs: 1,
      response: { statusCode: 200, body: 'ok' },
    };
    expect(toClientResponse('api-gateway-rest', invocation).body).toBe('ok');
  });

  it('rejects an unknown front-end', () => {
    expect(() =>
      toClientResponse('cloudfront' as never, { status: 'success', response: {} }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[ScenarioError: [lambda-harness] frontEnd: expected one of "api-gateway-rest", "api-gateway-http", "alb", "function-url", received "cloudfront"]`,
    );
  });
});

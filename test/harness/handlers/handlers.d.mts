import type { Handler } from '../../../src/harness/invoke.ts';

export const ok: Handler;
export const nothing: Handler;
export const fail: Handler;
export const throwString: Handler;
export const hang: Handler;
export const slow: Handler;
export const logs: Handler;
export const env: Handler;
export const callbackOk: Handler;
export const callbackError: Handler;
export const flaky: Handler;
export const http: Handler;

// Issue 10: every simulator's options are checked against one declared set; nothing is ignored silently.
import { describe, expect, it } from 'vitest';
import {
  invoke,
  invokeAsync,
  isLambdaHarnessError,
  simulate,
  simulateDocumentdb,
  simulateDynamodbStream,
  simulateKafka,
  simulateKinesis,
  simulateMq,
  simulateSqs,
  sqsQueue,
  toClientResponse,
  UnsimulatedSettingError,
} from '../../src/index.ts';

const ok = async () => null;

describe('misspelled options are errors naming the option and the known ones', () => {
  it.each([
    ['simulateKinesis', () => simulateKinesis(ok, [{ data: 'a' }], { batchSzie: 5 } as never)],
    ['simulateDynamodbStream', () => simulateDynamodbStream(ok, [{ keys: { id: 'a' } }], { batchSzie: 5 } as never)],
    ['simulateSqs', () => simulateSqs(ok, ['a'], { batchSzie: 5 } as never)],
    ['drain', () => sqsQueue().drain(ok, { batchSzie: 5 } as never)],
    ['simulateKafka', () => simulateKafka(ok, [{ value: 'a' }], { batchSzie: 5 } as never)],
    ['simulateMq', () => simulateMq(ok, [{ body: 'a' }], { batchSzie: 5 } as never)],
    ['simulateDocumentdb', () => simulateDocumentdb(ok, [{}], { batchSzie: 5 } as never)],
  ])('%s({ batchSzie })', async (_name, run) => {
    await expect(run()).rejects.toThrow(/^\[lambda-harness\] batchSzie: unknown option; known: batchSize, /);
  });

  it('invoke({ timout }) and invokeAsync({ maxRetries })', async () => {
    await expect(invoke(ok, {}, { timout: 3 } as never)).rejects.toThrow(
      /^\[lambda-harness\] timout: unknown option; known: .*\btimeout\b/,
    );
    await expect(invokeAsync(ok, [{}], { maxRetries: 1 } as never)).rejects.toThrow(
      /^\[lambda-harness\] maxRetries: unknown option; known: .*\bmaximumRetryAttempts\b/,
    );
  });

  it('front-end options, directly and in a scenario', async () => {
    expect(() =>
      toClientResponse('alb', { status: 'success', response: {} }, { multiValueHeaderz: true } as never),
    ).toThrow(
      /^\[lambda-harness\] multiValueHeaderz: unknown option; known: multiValueHeaders, strictResponse, failureResponses$/,
    );
    await expect(
      simulate({ handler: ok, invocation: 'alb', events: [{}], frontEnd: { integrationTimeoutMs: 100 } }),
    ).rejects.toThrow(/^\[lambda-harness\] frontEnd\.integrationTimeoutMs: unknown option; known: /);
  });

  it('accepts every declared option, concurrency included in the function set', async () => {
    await expect(invoke(ok, {}, { timeout: 1, seed: 1 })).resolves.toMatchObject({ status: 'success' });
    const fn = { concurrency: { perEnvironment: 1 } } as never;
    await expect(invoke(ok, {}, fn)).resolves.toMatchObject({ status: 'success' });
  });
});

describe('AWS settings the harness does not simulate raise UnsimulatedSettingError', () => {
  it.each([
    ['invoke vpcConfig', () => invoke(ok, {}, { vpcConfig: {} } as never), 'vpcConfig'],
    ['invokeAsync recursiveLoop', () => invokeAsync(ok, [{}], { recursiveLoop: 'Allow' } as never), 'recursiveLoop'],
    [
      'simulateKinesis startingPosition',
      () => simulateKinesis(ok, [{ data: 'a' }], { startingPosition: 'LATEST' } as never),
      'startingPosition',
    ],
    ['simulateSqs enabled', () => simulateSqs(ok, ['a'], { enabled: false } as never), 'enabled'],
    [
      'a scenario function block',
      () => simulate({ handler: ok, function: { layers: [] }, events: [{}] }),
      'function.layers',
    ],
    [
      'a scenario mapping',
      () =>
        simulate({
          handler: ok,
          invocation: { source: 'kinesis', startingPosition: 'LATEST' },
          events: [{ data: 'a' }],
        }),
      'invocation.startingPosition',
    ],
  ])('%s', async (_name, run: () => Promise<unknown>, setting) => {
    const error = await Promise.resolve()
      .then(run)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(UnsimulatedSettingError);
    expect(isLambdaHarnessError(error)).toBe(true);
    expect((error as UnsimulatedSettingError).setting).toBe(setting);
    expect((error as Error).message).toMatch(
      new RegExp(`^\\[lambda-harness\\] ${setting.replace('.', '\\.')}: AWS setting not simulated by the harness: `),
    );
  });

  it('front-end settings: function URL invokeMode', () => {
    expect(() =>
      toClientResponse('function-url', { status: 'success', response: 'x' }, {
        invokeMode: 'RESPONSE_STREAM',
      } as never),
    ).toThrow(UnsimulatedSettingError);
  });
});

describe('invoke does not reuse a cached configuration after the options object changes', () => {
  it('sees a mutated timeout and a mutated environment', async () => {
    const options: { timeout: number; environment: Record<string, string> } = {
      timeout: 1,
      environment: { MODE: 'a' },
    };
    const handler = async (_e: unknown, context: { getRemainingTimeInMillis(): number }) => ({
      mode: process.env.MODE,
      remaining: context.getRemainingTimeInMillis(),
    });
    const first = await invoke(handler, {}, options);
    expect(first.response).toMatchObject({ mode: 'a' });
    expect((first.response as { remaining: number }).remaining).toBeLessThanOrEqual(1000);
    options.timeout = 5;
    options.environment.MODE = 'b';
    const second = await invoke(handler, {}, options);
    expect(second.response).toMatchObject({ mode: 'b' });
    expect((second.response as { remaining: number }).remaining).toBeGreaterThan(1000);
    (options as Record<string, unknown>).timout = 3;
    await expect(invoke(handler, {}, options)).rejects.toThrow(/timout: unknown option/);
  });
});

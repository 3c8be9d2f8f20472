import { describe, expect, it } from 'vitest';
import { LambdaContext } from '../../src/harness/context.ts';
import { invoke } from '../../src/harness/invoke.ts';

const capture = async (options: Parameters<typeof invoke>[2] = {}) => {
  let seen: LambdaContext | undefined;
  let remaining: number[] = [];
  await invoke(
    async (_e: unknown, context: LambdaContext) => {
      seen = context;
      remaining.push(context.getRemainingTimeInMillis());
      await new Promise((r) => setTimeout(r, 25));
      remaining.push(context.getRemainingTimeInMillis());
    },
    {},
    options,
  );
  const result = { context: seen as LambdaContext, remaining };
  remaining = [];
  return result;
};

describe('context', () => {
  it('§5.1 carries the function configuration; memoryLimitInMB is a string', async () => {
    const { context } = await capture({
      functionName: 'orders',
      memorySize: 512,
      region: 'eu-west-1',
      requestId: 'r-1',
    });
    expect(context).toMatchObject({
      functionName: 'orders',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders',
      memoryLimitInMB: '512',
      awsRequestId: 'r-1',
      logGroupName: '/aws/lambda/orders',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(typeof context.memoryLimitInMB).toBe('string');
    expect(context.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it('§5.1 invokedFunctionArn shows the alias the caller used', async () => {
    const { context } = await capture({ alias: 'live' });
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:my-function:live');
  });

  it('§5.1 getRemainingTimeInMillis counts down to the real deadline', async () => {
    const { remaining } = await capture({ timeout: 1 });
    const [first, second] = remaining as [number, number];
    expect(first).toBeLessThanOrEqual(1000);
    expect(first).toBeGreaterThan(900);
    expect(second).toBeLessThan(first - 15);
  });

  it('§5.1 identity and clientContext are undefined when absent and passed when given', async () => {
    const absent = (await capture()).context;
    expect(absent.identity).toBeUndefined();
    expect(absent.clientContext).toBeUndefined();
    const identity = { cognitoIdentityId: 'id', cognitoIdentityPoolId: 'pool' };
    const clientContext = {
      client: { installationId: 'i', appTitle: 't', appVersionName: 'v', appVersionCode: 'c', appPackageName: 'p' },
      env: { platformVersion: '1', platform: 'ios', make: 'm', model: 'x', locale: 'en' },
    };
    const given = (await capture({ identity, clientContext })).context;
    expect(given.identity).toEqual(identity);
    expect(given.clientContext).toEqual(clientContext);
  });

  it('§5.1 getRemainingTimeInMillis never goes below zero', () => {
    const context = new LambdaContext({
      functionName: 'f',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn',
      memoryLimitInMB: '128',
      awsRequestId: 'r',
      logGroupName: 'g',
      logStreamName: 's',
      deadlineMs: Date.now() - 1000,
    });
    expect(context.getRemainingTimeInMillis()).toBe(0);
  });
});

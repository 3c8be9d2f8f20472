import { describe, expect, it } from 'vitest';
import { apiGatewayAuthorizerTokenArbitrary } from '../../src/arbitraries.ts';
import { type ApiGatewayAuthorizerTokenEvent, apiGatewayAuthorizerTokenEvent, validate } from '../../src/index.ts';
import { runEventContract } from '../contract/event-contract.ts';

const ID = 'api-gateway-authorizer-token';

function derived(event: ApiGatewayAuthorizerTokenEvent): void {
  expect(event.type).toBe('TOKEN');
  expect(event.authorizationToken.length).toBeGreaterThan(0);
  const [, , service, region, account, resource] =
    event.methodArn.match(/^arn:([^:]+):([^:]+):([^:]+):(\d{12}):(.+)$/) ?? [];
  expect(service).toBe('execute-api');
  expect(region).toMatch(/^[a-z]{2}-[a-z]+-\d$/);
  expect(account).toMatch(/^\d{12}$/);
  expect(resource?.split('/').length).toBeGreaterThanOrEqual(4);
}

runEventContract<ApiGatewayAuthorizerTokenEvent>({
  id: ID,
  build: apiGatewayAuthorizerTokenEvent as never,
  arbitrary: apiGatewayAuthorizerTokenArbitrary as never,
  override: {
    value: { authorizationToken: 'Bearer abc' },
    check: (event) => expect(event.authorizationToken).toBe('Bearer abc'),
  },
  derived,
  requiredPath: ['methodArn'],
  breaks: {},
});

const allow = (resource: unknown) => ({
  principalId: 'user|a1b2c3',
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }],
  },
});

describe('apiGatewayAuthorizerTokenEvent', () => {
  it('sends a bearer Cognito access token whose claims decode, or an opaque token', () => {
    const token = apiGatewayAuthorizerTokenEvent().authorizationToken;
    expect(token).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ token_use: 'access' });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(apiGatewayAuthorizerTokenEvent(undefined, { variant: 'opaque-token' }).authorizationToken).not.toMatch(
      /^Bearer /,
    );
  });

  it('names the method called in methodArn: stage, HTTP method and path without its leading slash', () => {
    const { methodArn } = apiGatewayAuthorizerTokenEvent();
    const [apiId, stage, method, ...path] = (methodArn.split(':')[5] as string).split('/');
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(stage).toMatch(/^\w+$/);
    expect(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).toContain(method);
    expect(path.join('/')).not.toMatch(/^\//);
  });

  it('rejects a method ARN of another service in strict, and accepts it in shape', () => {
    const event = {
      ...apiGatewayAuthorizerTokenEvent(),
      methodArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
    };
    expect(validate(ID, event).valid).toBe(true);
    expect(validate(ID, event, { strict: true }).errors.map((e) => e.path)).toStrictEqual(['methodArn']);
  });

  it('accepts an IAM policy answer with context and usage key, and one denying several resources', () => {
    const answer = {
      ...allow('arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/*'),
      context: { tier: 'gold', quota: 5, admin: false },
      usageIdentifierKey: 'key-1',
    };
    expect(validate(ID, answer, { response: true }).errors).toStrictEqual([]);
    const deny = allow(['arn:aws:execute-api:*:*:abcdef1234/*', '*']);
    deny.policyDocument.Statement[0] = {
      ...deny.policyDocument.Statement[0],
      Effect: 'Deny',
      Action: 'execute-api:*',
    } as never;
    expect(validate(ID, deny, { response: true }).errors).toStrictEqual([]);
  });

  it('rejects context values that are objects, arrays or null, and a wrong policy version, effect or action', () => {
    const base = allow('*');
    const paths = (v: unknown) => validate(ID, v, { response: true }).errors.map((e) => e.path);
    expect(paths({ ...base, context: { user: { id: 1 } } })).toContain('context.user');
    expect(paths({ ...base, context: { roles: ['a'] } })).toContain('context.roles');
    expect(paths({ ...base, context: { none: null } })).toContain('context.none');
    expect(paths({ ...base, policyDocument: { ...base.policyDocument, Version: '2008-10-17' } })).toContain(
      'policyDocument.Version',
    );
    expect(paths({ ...base, policyDocument: { Version: '2012-10-17', Statement: [] } })).toContain(
      'policyDocument.Statement',
    );
    expect(
      paths({
        ...base,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 's3:GetObject', Effect: 'Allow', Resource: '*' }],
        },
      }).join(),
    ).toMatch(/Action/);
    expect(
      paths({
        ...base,
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Action: 'execute-api:Invoke', Effect: 'allow', Resource: '*' }],
        },
      }),
    ).toContain('policyDocument.Statement[0].Effect');
    expect(paths({ policyDocument: base.policyDocument })).toContain('principalId');
  });
});

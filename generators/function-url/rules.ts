import { type ContractRule, defineRule, show } from '../../src/contracts/rules.ts';
import { rules as httpRules } from '../api-gateway-http/rules.ts';
import type { FunctionUrlEvent } from './types.gen.ts';

/** The payload 2.0 rule of the HTTP API contract with this id (function URLs send the same payload). */
function payloadV2Rule(id: string): ContractRule<FunctionUrlEvent> {
  const rule = httpRules.find((r) => r.id === id);
  if (rule === undefined) throw new Error(`[lambda-harness] no payload 2.0 rule ${id}`);
  return rule as unknown as ContractRule<FunctionUrlEvent>;
}

export const rules: readonly ContractRule<FunctionUrlEvent>[] = [
  ...[
    'lower-case-headers',
    'cookie-header',
    'raw-path',
    'raw-query',
    'request-time',
    'base64-body',
    'caller-account',
  ].map(payloadV2Rule),
  defineRule<FunctionUrlEvent>({
    id: 'url-id',
    description:
      '`requestContext.apiId` and `requestContext.domainPrefix` are the URL id, the first label of `requestContext.domainName`.',
    check: (e, report) => {
      const { domainName, domainPrefix, apiId } = e.requestContext;
      const urlId = domainName.split('.')[0];
      if (domainPrefix !== urlId)
        report({
          path: ['requestContext', 'domainPrefix'],
          expected: `${show(urlId)}, the first label of requestContext.domainName`,
          received: show(domainPrefix),
        });
      if (apiId !== urlId)
        report({
          path: ['requestContext', 'apiId'],
          expected: `${show(urlId)}, the first label of requestContext.domainName`,
          received: show(apiId),
        });
    },
  }),
  defineRule<FunctionUrlEvent>({
    id: 'auth-account',
    description:
      '`requestContext.accountId` is "anonymous" when the URL has no IAM auth, an account id with the IAM caller.',
    check: (e, report) => {
      const iam = e.requestContext.authorizer?.iam !== undefined;
      if (iam === (e.requestContext.accountId === 'anonymous'))
        report({
          path: ['requestContext', 'accountId'],
          expected: iam
            ? 'an account id (the URL uses AWS_IAM auth)'
            : '"anonymous" (no IAM caller in requestContext.authorizer)',
          received: show(e.requestContext.accountId),
        });
    },
  }),
];

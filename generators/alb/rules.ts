import { base64BodyRule, parseArn } from '../../src/contracts/rule-kit.ts';
import { defineRule, show } from '../../src/contracts/rules.ts';
import type { AlbEvent, AlbResult } from './types.gen.ts';

/** ALB's limit on the request body it passes to Lambda, and on the response JSON it reads back: 1 MB. */
export const ALB_LIMIT_BYTES = 1024 * 1024;

/** Characters a query name or value keeps when passed on raw (RFC 3986 query characters and `%`). */
const RAW_QUERY = /^[A-Za-z0-9\-._~%!$'()*+,;=:@/?]*$/;

function bodyBytes(e: AlbEvent): number {
  return e.isBase64Encoded ? Buffer.from(e.body, 'base64').length : Buffer.byteLength(e.body, 'utf8');
}

export const rules = [
  defineRule<AlbEvent>({
    id: 'one-header-map',
    description: 'Exactly one of `headers` and `multiValueHeaders`, as the target group is set.',
    check: (e, report) => {
      if (e.headers !== undefined && e.multiValueHeaders !== undefined)
        report({
          path: ['multiValueHeaders'],
          expected: 'nothing: the event already has headers (one map per target group setting)',
          received: 'a map',
        });
    },
  }),
  defineRule<AlbEvent>({
    id: 'one-query-map',
    description:
      'Exactly one of `queryStringParameters` and `multiValueQueryStringParameters`, as the target group is set.',
    check: (e, report) => {
      if (e.queryStringParameters !== undefined && e.multiValueQueryStringParameters !== undefined)
        report({
          path: ['multiValueQueryStringParameters'],
          expected: 'nothing: the event already has queryStringParameters (one map per target group setting)',
          received: 'a map',
        });
    },
  }),
  defineRule<AlbEvent>({
    id: 'multi-value-setting',
    description: 'Headers and query parameters follow the same multi-value setting of the target group.',
    check: (e, report) => {
      const multiHeaders = e.multiValueHeaders !== undefined && e.headers === undefined;
      const multiQuery = e.multiValueQueryStringParameters !== undefined && e.queryStringParameters === undefined;
      const singleHeaders = e.headers !== undefined && e.multiValueHeaders === undefined;
      const singleQuery = e.queryStringParameters !== undefined && e.multiValueQueryStringParameters === undefined;
      if ((multiHeaders && singleQuery) || (singleHeaders && multiQuery))
        report({
          path: [multiQuery ? 'multiValueQueryStringParameters' : 'queryStringParameters'],
          expected: multiHeaders
            ? 'multiValueQueryStringParameters (multiValueHeaders is used)'
            : 'queryStringParameters (headers is used)',
          received: 'the other map',
        });
    },
  }),
  defineRule<AlbEvent>({
    id: 'lower-case-headers',
    description: 'Header names are lower-case.',
    check: (e, report) => {
      const key = e.headers !== undefined ? 'headers' : 'multiValueHeaders';
      for (const name of Object.keys(e.headers ?? e.multiValueHeaders ?? {}))
        if (name !== name.toLowerCase())
          report({
            path: [key, name],
            expected: `the lower-case name ${show(name.toLowerCase())}`,
            received: show(name),
          });
    },
  }),
  defineRule<AlbEvent>({
    id: 'raw-query',
    description: 'Query names and values are passed on as the client sent them: percent-encoded, never decoded.',
    check: (e, report) => {
      const check = (path: (string | number)[], text: string) => {
        if (!RAW_QUERY.test(text))
          report({
            path,
            expected: 'the text as sent, percent-encoded (no spaces, & or non-ASCII)',
            received: show(text),
          });
      };
      for (const [name, value] of Object.entries(e.queryStringParameters ?? {})) {
        check(['queryStringParameters', name], name);
        check(['queryStringParameters', name], value);
      }
      for (const [name, values] of Object.entries(e.multiValueQueryStringParameters ?? {})) {
        check(['multiValueQueryStringParameters', name], name);
        for (let i = 0; i < values.length; i++)
          check(['multiValueQueryStringParameters', name, i], values[i] as string);
      }
    },
  }),
  base64BodyRule<AlbEvent>(),
  defineRule<AlbEvent>({
    id: 'body-size',
    description: 'The request body ALB passes to Lambda is at most 1 MB.',
    check: (e, report) => {
      const bytes = bodyBytes(e);
      if (bytes > ALB_LIMIT_BYTES)
        report({
          path: ['body'],
          expected: `at most ${ALB_LIMIT_BYTES} bytes (ALB's Lambda request limit)`,
          received: `${bytes} bytes`,
        });
    },
  }),
  defineRule<AlbEvent>({
    id: 'target-group-region',
    description:
      "The target group is in the load balancer's region (the region of its `*.elb.amazonaws.com` host name).",
    check: (e, report) => {
      const host = e.headers?.host ?? e.multiValueHeaders?.host?.at(-1);
      const region =
        host === undefined ? undefined : /\.([a-z]{2}(?:-[a-z]+)+-\d)\.elb\.amazonaws\.com$/.exec(host)?.[1];
      const arn = parseArn(e.requestContext.elb.targetGroupArn);
      if (region !== undefined && arn !== undefined && arn.region !== region)
        report({
          path: ['requestContext', 'elb', 'targetGroupArn'],
          expected: `an ARN in region ${show(region)} (the host header's load balancer)`,
          received: show(e.requestContext.elb.targetGroupArn),
        });
    },
  }),
];

export const responseRules = [
  defineRule<AlbResult>({
    id: 'response-size',
    description: 'ALB reads at most 1 MB of response JSON from a Lambda target.',
    check: (r, report) => {
      const bytes = Buffer.byteLength(JSON.stringify(r), 'utf8');
      if (bytes > ALB_LIMIT_BYTES)
        report({ path: [], expected: `response JSON of at most ${ALB_LIMIT_BYTES} bytes`, received: `${bytes} bytes` });
    },
  }),
];

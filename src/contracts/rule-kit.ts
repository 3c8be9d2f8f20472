/**
 * Small pieces the cross-field rules of many event types share. Add a function here (at the end) rather than
 * writing it again in a generator folder when a second source needs it.
 */
import type { PathSegment } from './schema.ts';
import { type ContractRule, defineRule, type RuleFinding, show } from './rules.ts';

/** The parts of an ARN, or undefined when the text is not one. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function parseArn(text: unknown): ArnParts | undefined {
  if (typeof text !== 'string') return undefined;
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

type Report = (finding: RuleFinding) => void;

/** Reports when the ARN at `arnPath` is not in `region` (the value at `regionPath`). */
export function checkArnRegion(
  report: Report,
  arnPath: readonly PathSegment[],
  arnValue: unknown,
  regionPath: string,
  region: unknown,
): void {
  const parts = parseArn(arnValue);
  if (parts !== undefined && parts.region !== region)
    report({ path: arnPath, expected: `an ARN in region ${show(region)} (${regionPath})`, received: show(arnValue) });
}

/** Reports when the ARN at `arnPath` is not in `account` (named by `accountPath`). */
export function checkArnAccount(
  report: Report,
  arnPath: readonly PathSegment[],
  arnValue: unknown,
  accountPath: string,
  account: unknown,
): void {
  const parts = parseArn(arnValue);
  if (parts !== undefined && parts.account !== account)
    report({
      path: arnPath,
      expected: `an ARN in account ${show(account)} (${accountPath})`,
      received: show(arnValue),
    });
}

/** Whether text is canonical base64 (what AWS writes: padded, no line breaks). */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/**
 * Reports every ARN of `arns` (at `path`, index i) whose region or account is set and differs from the event's:
 * global ARNs (an S3 bucket: `arn:aws:s3:::name`) leave those fields empty and pass.
 */
export function checkArnsInScope(
  report: Report,
  path: readonly PathSegment[],
  arns: readonly unknown[],
  region: { readonly path: string; readonly value: unknown },
  account: { readonly path: string; readonly value: unknown },
): void {
  arns.forEach((value, i) => {
    const parts = parseArn(value);
    if (parts === undefined) return;
    if (parts.region !== '') checkArnRegion(report, [...path, i], value, region.path, region.value);
    if (parts.account !== '') checkArnAccount(report, [...path, i], value, account.path, account.value);
  });
}

/** Compares two non-negative decimal integers given as digit strings (sequence numbers): <0, 0 or >0. */
export function compareDecimal(a: string, b: string): number {
  const x = a.charCodeAt(0) === 48 ? a.replace(/^0+(?=\d)/, '') : a;
  const y = b.charCodeAt(0) === 48 ? b.replace(/^0+(?=\d)/, '') : b;
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Reports every item whose sequence number (at its `path`) is not greater than the previous one in the same group
 * (a shard, a stream): stream records reach the function in order.
 */
export function checkIncreasing(
  report: Report,
  items: readonly { readonly group: string; readonly sequence: string; readonly path: readonly PathSegment[] }[],
  what: string,
): void {
  const last = new Map<string, { sequence: string }>();
  for (const item of items) {
    const previous = last.get(item.group);
    if (previous !== undefined && compareDecimal(item.sequence, previous.sequence) <= 0)
      report({
        path: item.path,
        expected: `a ${what} greater than the previous record's (${show(previous.sequence)}): records arrive in order`,
        received: show(item.sequence),
      });
    last.set(item.group, item);
  }
}

/**
 * Reports where a single-value map (payload 1.0 `headers`, `queryStringParameters`) disagrees with its multi-value
 * mirror: both null or both maps, the same keys, and each single value the last of its list.
 */
export function checkLastValueMirror(
  report: Report,
  singlePath: string,
  single: Readonly<Record<string, string>> | null | undefined,
  multiPath: string,
  multi: Readonly<Record<string, readonly string[]>> | null | undefined,
): void {
  const s = single ?? null;
  const m = multi ?? null;
  if (s === null || m === null) {
    if (s !== m)
      report({
        path: [singlePath],
        expected: `${s === null ? 'null' : 'a map'} like ${multiPath} (${m === null ? 'null' : 'a map'})`,
        received: show(s),
      });
    return;
  }
  // Hot path (builders validate every event): one pass over the lists, then a key count instead of a second pass.
  let count = 0;
  for (const name in m) {
    if (!Object.hasOwn(m, name)) continue;
    count++;
    const values = m[name] as readonly string[];
    const last = values[values.length - 1];
    const value = s[name];
    if (value === last && value !== undefined) continue;
    if (value === undefined && !Object.hasOwn(s, name))
      report({
        path: [singlePath, name],
        expected: `${show(last)}, the last of ${multiPath}.${name}`,
        received: 'nothing',
      });
    else if (value !== last)
      report({
        path: [singlePath, name],
        expected: `${show(last)}, the last of ${multiPath}.${name}`,
        received: show(value),
      });
  }
  if (Object.keys(s).length === count) return;
  for (const name of Object.keys(s))
    if (!Object.hasOwn(m, name))
      report({
        path: [multiPath, name],
        expected: `[${show(s[name])}] as in ${singlePath}.${name}`,
        received: 'nothing',
      });
}

const CLF_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's CLF time (`15/Jan/2026:11:59:58 +0000`) of an epoch in milliseconds. */
export function clfOfEpochMs(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${pad(d.getUTCDate())}/${CLF_MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

const clfMemo = new Map<number, string>();

/** `clfOfEpochMs`, remembered per second (events of one run cluster around the same instants). */
function clfOfSecond(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  let text = clfMemo.get(second);
  if (text === undefined) {
    if (clfMemo.size >= 4096) clfMemo.clear();
    text = clfOfEpochMs(second * 1000);
    clfMemo.set(second, text);
  }
  return text;
}

/** Reports when the CLF time at `timePath` is not the second of the epoch milliseconds at `epochPath`. */
export function checkClfTime(
  report: Report,
  timePath: readonly PathSegment[],
  time: string,
  epochPath: string,
  epochMs: number,
): void {
  const expected = clfOfSecond(epochMs);
  if (time !== expected)
    report({
      path: timePath,
      expected: `${show(expected)}, the second of ${epochPath} (${epochMs})`,
      received: show(time),
    });
}

/** The rule of HTTP events: a body with `isBase64Encoded` true is base64 text (API Gateway, ALB, function URLs). */
export function base64BodyRule<T extends { isBase64Encoded?: boolean | null; body?: unknown }>(): ContractRule<T> {
  return defineRule<T>({
    id: 'base64-body',
    description: 'A body with `isBase64Encoded` true is base64 text.',
    check: (e, report) => {
      if (e.isBase64Encoded === true && typeof e.body === 'string' && !isBase64(e.body))
        report({ path: ['body'], expected: 'base64 (isBase64Encoded is true)', received: show(e.body) });
    },
  });
}

/** The rule of API Gateway events: `domainPrefix` is the first label of `domainName`, the API id on the default endpoint. */
export function domainPrefixRule<
  T extends { requestContext: { domainName: string; domainPrefix: string; apiId: string } },
>(): ContractRule<T> {
  return defineRule<T>({
    id: 'domain-prefix',
    description:
      '`requestContext.domainPrefix` is the first label of `requestContext.domainName`; on the default endpoint (`<apiId>.execute-api.<region>.amazonaws.com`) that is the API id.',
    check: (e, report) => {
      const { domainName, domainPrefix, apiId } = e.requestContext;
      const dot = domainName.indexOf('.');
      const first = dot === -1 ? domainName : domainName.slice(0, dot);
      if (domainPrefix !== first)
        report({
          path: ['requestContext', 'domainPrefix'],
          expected: `${show(first)}, the first label of requestContext.domainName`,
          received: show(domainPrefix),
        });
      if (domainName.includes('.execute-api.') && first !== apiId)
        report({
          path: ['requestContext', 'domainName'],
          expected: `${show(`${apiId}.execute-api.…`)} (requestContext.apiId)`,
          received: show(domainName),
        });
    },
  });
}

import { scopedFaker } from './faker.ts';
import type { Random } from './random.ts';

/** Regions where Lambda runs; consistent per event. */
export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ca-central-1',
  'sa-east-1',
] as const;

/** The instant builders anchor timestamps to unless `options.now` is given: fixed for determinism. */
export const DEFAULT_NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

/** The account, region and partition one event lives in, so every ARN inside it agrees. */
export interface AwsScope {
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
}

export function awsScope(random: Random): AwsScope {
  return { region: random.pick(REGIONS), accountId: accountId(random), partition: 'aws' };
}

export function accountId(random: Random): string {
  return String(random.int(1, 9)) + random.digits(11);
}

export function arn(
  scope: AwsScope,
  service: string,
  resource: string,
  options: { region?: boolean; account?: boolean } = {},
): string {
  const region = options.region === false ? '' : scope.region;
  const account = options.account === false ? '' : scope.accountId;
  return `arn:${scope.partition}:${service}:${region}:${account}:${resource}`;
}

/** Replaces the region field of an ARN (used when an override moves the event to another region). */
export function arnWithRegion(value: string, region: string): string {
  const parts = value.split(':');
  if (parts.length < 6 || parts[3] === '') return value;
  parts[3] = region;
  return parts.join(':');
}

/** A resource name in AWS's usual kebab style, e.g. `orders-queue`. */
export function resourceName(random: Random, suffix: string): string {
  const word = random
    .pick(fakerWords('word.noun'))
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return `${word || 'app'}-${suffix}`;
}

export function ipv4(random: Random): string {
  return `${random.int(3, 223)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

export function userAgent(): string {
  return scopedFaker().internet.userAgent();
}

/** ISO-8601 with milliseconds, e.g. `2026-01-15T11:59:58.123Z`. */
export function isoMillis(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** ISO-8601 without milliseconds, e.g. `2026-01-15T11:59:58Z` (EventBridge `time`). */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** API Gateway's `requestTime` format: `15/Jan/2026:11:59:58 +0000`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A timestamp a little before `now`, in epoch milliseconds. */
export function recentEpochMs(random: Random, now: number, maxAgeMs = 60_000): number {
  return now - random.int(0, maxAgeMs);
}

/** A word list from faker's English locale (`commerce.product_name.product`…), read once. */
export function fakerWords(path: string): readonly string[] {
  let words = wordCache.get(path);
  if (words === undefined) {
    let node: unknown = scopedFaker().rawDefinitions;
    for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
    if (!Array.isArray(node) || node.length === 0) throw new Error(`[lambda-harness] no faker word list at ${path}`);
    words = node as string[];
    wordCache.set(path, words);
  }
  return words;
}
const wordCache = new Map<string, readonly string[]>();

/** A login-style user name (`jane.doe42`) from faker's name lists; much cheaper than `faker.internet.username()`. */
export function userName(random: Random): string {
  const first = random.pick(fakerWords('person.first_name.generic')).toLowerCase();
  const last = random.pick(fakerWords('person.last_name.generic')).toLowerCase();
  const name = `${first}${random.pick(['.', '_', ''])}${last}${random.bool(0.5) ? random.int(1, 99) : ''}`;
  return name.replace(/[^a-z0-9._-]/g, '');
}

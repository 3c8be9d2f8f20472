/**
 * Event filtering of event source mappings (aws-behaviour §4.6): `FilterCriteria.Filters[].Pattern`, OR-ed, each
 * pattern a JSON object whose leaves are lists of matchers (equals, prefix, anything-but, numeric, exists, null,
 * empty string). Numbers compare by their JSON text (`300` ≠ `300.0`), as AWS documents.
 */
import { describeValue, ScenarioError } from '../errors.ts';

/** `filterCriteria` as `CreateEventSourceMapping` takes it. */
export interface FilterCriteria {
  Filters: readonly { Pattern: string }[];
}

/** How a source's data field is encoded before patterns see it (aws-behaviour §4.6). */
export interface DataKey {
  /** Field of the filtered object: SQS `body`, Kinesis/MQ `data`, DynamoDB `dynamodb`, Kafka `key`/`value`. */
  readonly key: string;
  /** `text`: a string, JSON when it parses; `base64`: base64 text, then as `text`; `object`: already JSON. */
  readonly encoding: 'text' | 'base64' | 'object';
  /** Whether a plain (non-JSON) pattern on this key is allowed; streams reject it at mapping creation. */
  readonly plainPattern: boolean;
}

/**
 * The data keys of each source (aws-behaviour §4.6). The object a pattern addresses is the record as the function
 * receives it, except for Kinesis, where it is the record's `kinesis` object (`data`, `partitionKey`, …).
 */
export const FILTER_DATA_KEYS: Readonly<Record<string, readonly DataKey[]>> = {
  sqs: [{ key: 'body', encoding: 'text', plainPattern: true }],
  'sqs-fifo': [{ key: 'body', encoding: 'text', plainPattern: true }],
  kinesis: [{ key: 'data', encoding: 'base64', plainPattern: false }],
  dynamodb: [{ key: 'dynamodb', encoding: 'object', plainPattern: false }],
  mq: [{ key: 'data', encoding: 'base64', plainPattern: true }],
  msk: [
    { key: 'key', encoding: 'base64', plainPattern: true },
    { key: 'value', encoding: 'base64', plainPattern: true },
  ],
  'self-managed-kafka': [
    { key: 'key', encoding: 'base64', plainPattern: true },
    { key: 'value', encoding: 'base64', plainPattern: true },
  ],
};

/** A compiled `filterCriteria`: `matches(record)` is true when any filter matches. */
export interface CompiledFilter {
  readonly patterns: readonly string[];
  /** True when at least one filter matches `record` (the object patterns address, see FILTER_DATA_KEYS). */
  matches(record: unknown): boolean;
  /** The index of the first matching filter, or −1. */
  firstMatch(record: unknown): number;
}

/** Options of `compileFilterCriteria`. */
export interface FilterOptions {
  /** Field named in errors. Default `filterCriteria`. */
  field?: string;
  /** Source whose data keys apply (FILTER_DATA_KEYS). Default `sqs`. */
  source?: string;
  /** Filters allowed: 5 by default, a quota raisable to 10 (aws-behaviour §4.6). */
  quota?: number | undefined;
}

/** The longest pattern AWS accepts (aws-behaviour §4.6). */
export const MAX_PATTERN_LENGTH = 4096;

/** A JSON number with its source text (numbers match by text, aws-behaviour §4.6). */
class JsonNumber {
  constructor(
    readonly value: number,
    readonly raw: string,
  ) {}
}

type Matcher = (value: unknown, present: boolean) => boolean;
type Node = { kind: 'leaf'; matchers: Matcher[] } | { kind: 'object'; fields: [string, Node, DataKey | undefined][] };

class PatternError extends Error {}

/**
 * Compiles `filterCriteria` (aws-behaviour §4.6). Throws ScenarioError naming the filter index and the problem:
 * invalid JSON, a pattern over 4 096 characters, more filters than the quota, an unsupported operator…
 * @example
 * const filter = compileFilterCriteria({ Filters: [{ Pattern: '{"body":{"type":["order"]}}' }] });
 * filter.matches({ body: '{"type":"order"}' }); // true
 */
export function compileFilterCriteria(value: unknown, options: FilterOptions = {}): CompiledFilter {
  const field = options.field ?? 'filterCriteria';
  const source = options.source ?? 'sqs';
  if (source === 'documentdb')
    throw new ScenarioError(field, 'DocumentDB mappings do not support event filtering (aws-behaviour §4.5)');
  const quota = options.quota ?? 5;
  if (!Number.isInteger(quota) || quota < 1 || quota > 10) {
    throw new ScenarioError(
      `${field}.quota`,
      `expected integer 1–10 (aws-behaviour §4.6), received ${describeValue(quota)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScenarioError(field, `expected {"Filters": [{"Pattern": "…"}]}, received ${describeValue(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'Filters') throw new ScenarioError(`${field}.${key}`, 'unknown key; expected "Filters"');
  }
  const filters = (value as { Filters?: unknown }).Filters;
  if (!Array.isArray(filters)) {
    throw new ScenarioError(`${field}.Filters`, `expected an array, received ${describeValue(filters)}`);
  }
  if (filters.length > quota) {
    throw new ScenarioError(
      `${field}.Filters`,
      `at most ${quota} filters per event source mapping (aws-behaviour §4.6), received ${filters.length}`,
    );
  }
  const dataKeys = FILTER_DATA_KEYS[source] ?? [];
  const patterns: string[] = [];
  const nodes = filters.map((filter, i) => {
    const at = `${field}.Filters[${i}].Pattern`;
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
      throw new ScenarioError(`${field}.Filters[${i}]`, `expected {"Pattern": "…"}, received ${describeValue(filter)}`);
    }
    const pattern = (filter as { Pattern?: unknown }).Pattern;
    if (typeof pattern !== 'string')
      throw new ScenarioError(at, `expected a JSON string, received ${describeValue(pattern)}`);
    if (pattern.length > MAX_PATTERN_LENGTH) {
      throw new ScenarioError(
        at,
        `pattern is ${pattern.length} characters; at most ${MAX_PATTERN_LENGTH} (aws-behaviour §4.6)`,
      );
    }
    try {
      JSON.parse(pattern);
    } catch (cause) {
      throw new ScenarioError(at, `invalid JSON: ${(cause as Error).message}`, { cause });
    }
    patterns.push(pattern);
    try {
      const tree = parseJson(pattern);
      if (!isPlainObject(tree)) throw new PatternError('a pattern must be a JSON object');
      return compileObject(tree, '', dataKeys);
    } catch (error) {
      if (error instanceof PatternError) throw new ScenarioError(at, error.message);
      throw error;
    }
  });
  const firstMatch = (record: unknown) => {
    const cache = new Map<string, unknown>();
    for (let i = 0; i < nodes.length; i++) {
      if (matchObject(nodes[i] as Node & { kind: 'object' }, record, cache)) return i;
    }
    return -1;
  };
  return { patterns, firstMatch, matches: (record) => firstMatch(record) !== -1 };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}

function compileObject(
  tree: Record<string, unknown>,
  path: string,
  dataKeys: readonly DataKey[],
): Node & { kind: 'object' } {
  const entries = Object.entries(tree);
  if (entries.length === 0) throw new PatternError(`${path || 'the pattern'} is an empty object`);
  const fields: [string, Node, DataKey | undefined][] = entries.map(([key, value]) => {
    const here = path === '' ? key : `${path}.${key}`;
    const data = path === '' ? dataKeys.find((d) => d.key === key) : undefined;
    if (Array.isArray(value)) {
      if (data !== undefined && !data.plainPattern) {
        throw new PatternError(
          `"${here}" must be a JSON object pattern: plain-text patterns on ${key} are rejected for this source (aws-behaviour §4.6)`,
        );
      }
      return [key, compileLeaf(value, here), data];
    }
    if (isPlainObject(value)) return [key, compileObject(value, here, []), data];
    throw new PatternError(`"${here}" must be an array of match values or an object, received ${kindOf(value)}`);
  });
  return { kind: 'object', fields };
}

function kindOf(value: unknown): string {
  if (value instanceof JsonNumber) return `number ${value.raw}`;
  return value === null ? 'null' : typeof value === 'string' ? `string ${JSON.stringify(value)}` : typeof value;
}

const UNSUPPORTED = new Set(['suffix', 'equals-ignore-case', 'wildcard', 'cidr']);

function compileLeaf(list: unknown[], path: string): Node {
  if (list.length === 0) throw new PatternError(`"${path}" is an empty list; it would match nothing`);
  const matchers = list.map((item): Matcher => {
    if (item === null) return (value, present) => present && value === null;
    if (typeof item === 'string') return (value) => anyOf(value, (v) => v === item);
    if (typeof item === 'boolean') return (value) => anyOf(value, (v) => v === item);
    if (item instanceof JsonNumber) return (value) => anyOf(value, (v) => numberText(v) === item.raw);
    if (Array.isArray(item)) throw new PatternError(`"${path}" contains a nested array`);
    return compileOperator(item as Record<string, unknown>, path);
  });
  return { kind: 'leaf', matchers };
}

function compileOperator(item: Record<string, unknown>, path: string): Matcher {
  const keys = Object.keys(item);
  if (keys.length !== 1) {
    throw new PatternError(
      `"${path}": an operator object has exactly one key, received ${keys.length === 0 ? 'none' : keys.join(', ')}`,
    );
  }
  const op = keys[0] as string;
  const arg = item[op];
  switch (op) {
    case 'prefix': {
      if (typeof arg !== 'string') {
        throw new PatternError(
          `"${path}": prefix takes a string${isPlainObject(arg) ? ' (prefix options are EventBridge-only, aws-behaviour §4.6)' : ''}, received ${kindOf(arg)}`,
        );
      }
      return (value) => anyOf(value, (v) => typeof v === 'string' && v.startsWith(arg));
    }
    case 'exists': {
      if (typeof arg !== 'boolean')
        throw new PatternError(`"${path}": exists takes true or false, received ${kindOf(arg)}`);
      return (_value, present) => present === arg;
    }
    case 'anything-but': {
      const values = Array.isArray(arg) ? arg : [arg];
      if (values.length === 0) throw new PatternError(`"${path}": anything-but takes a value or a non-empty list`);
      for (const v of values) {
        if (typeof v !== 'string' && !(v instanceof JsonNumber)) {
          throw new PatternError(
            `"${path}": anything-but takes strings or numbers${isPlainObject(v) ? '; anything-but prefix/suffix/equals-ignore-case are EventBridge-only (aws-behaviour §4.6)' : ''}, received ${kindOf(v)}`,
          );
        }
      }
      const strings = new Set(values.filter((v): v is string => typeof v === 'string'));
      const numbers = new Set(values.filter((v): v is JsonNumber => v instanceof JsonNumber).map((v) => v.raw));
      return (value, present) =>
        present &&
        anyOf(value, (v) =>
          typeof v === 'string' ? !strings.has(v) : isNumber(v) ? !numbers.has(numberText(v) as string) : true,
        );
    }
    case 'numeric':
      return compileNumeric(arg, path);
    default:
      if (UNSUPPORTED.has(op)) {
        throw new PatternError(
          `"${path}": operator "${op}" is EventBridge-only, unsupported by event source mappings (aws-behaviour §4.6)`,
        );
      }
      throw new PatternError(
        `"${path}": unknown operator "${op}"; supported: prefix, anything-but, numeric, exists (plus values, null, "")`,
      );
  }
}

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);

function compileNumeric(arg: unknown, path: string): Matcher {
  if (!Array.isArray(arg) || (arg.length !== 2 && arg.length !== 4)) {
    throw new PatternError(
      `"${path}": numeric takes [op, n] or [">", a, "<=", b], received ${Array.isArray(arg) ? `${arg.length} items` : kindOf(arg)}`,
    );
  }
  const pairs: [string, number][] = [];
  for (let i = 0; i < arg.length; i += 2) {
    const op = arg[i];
    const n = arg[i + 1];
    if (typeof op !== 'string' || !['=', '<', '<=', '>', '>='].includes(op)) {
      throw new PatternError(`"${path}": numeric operator must be one of =, <, <=, >, >=, received ${kindOf(op)}`);
    }
    if (!(n instanceof JsonNumber))
      throw new PatternError(`"${path}": numeric ${op} takes a number, received ${kindOf(n)}`);
    pairs.push([op, n.value]);
  }
  if (pairs.length === 2) {
    const [a, b] = pairs as [[string, number], [string, number]];
    const range = (LOWER.has(a[0]) && UPPER.has(b[0])) || (UPPER.has(a[0]) && LOWER.has(b[0]));
    if (!range)
      throw new PatternError(`"${path}": a numeric range needs one lower (>, >=) and one upper (<, <=) bound`);
  }
  return (value) =>
    anyOf(value, (v) => {
      if (!isNumber(v)) return false;
      const x = v instanceof JsonNumber ? v.value : (v as number);
      return pairs.every(([op, n]) => compare(op, x, n));
    });
}

function compare(op: string, x: number, n: number): boolean {
  switch (op) {
    case '=':
      return x === n;
    case '<':
      return x < n;
    case '<=':
      return x <= n;
    case '>':
      return x > n;
    default:
      return x >= n;
  }
}

function isNumber(value: unknown): boolean {
  return value instanceof JsonNumber || (typeof value === 'number' && Number.isFinite(value));
}

function numberText(value: unknown): string | undefined {
  if (value instanceof JsonNumber) return value.raw;
  return typeof value === 'number' ? String(value) : undefined;
}

/** A matcher applies to a value, or to any element when the value is an array (EventBridge semantics). */
function anyOf(value: unknown, test: (v: unknown) => boolean): boolean {
  if (Array.isArray(value)) return value.some(test);
  return test(value);
}

const NOT_JSON = Symbol('not json');

function decodeData(value: unknown, data: DataKey, cache: Map<string, unknown>): unknown {
  if (data.encoding === 'object' || typeof value !== 'string') return value;
  const cacheKey = data.key;
  if (cache.has(cacheKey)) return cache.get(cacheKey);
  const text = data.encoding === 'base64' ? Buffer.from(value, 'base64').toString('utf8') : value;
  let parsed: unknown = NOT_JSON;
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    try {
      JSON.parse(text);
      parsed = parseJson(text);
    } catch {
      parsed = NOT_JSON;
    }
  }
  const decoded = { text, parsed };
  cache.set(cacheKey, decoded);
  return decoded;
}

function matchObject(node: Node & { kind: 'object' }, value: unknown, cache: Map<string, unknown>): boolean {
  if (!isPlainObject(value)) return false;
  for (const [key, child, data] of node.fields) {
    const present = Object.hasOwn(value, key);
    let v = present ? value[key] : undefined;
    if (data !== undefined && present && data.encoding !== 'object') {
      const decoded = decodeData(v, data, cache) as { text: string; parsed: unknown } | unknown;
      if (typeof decoded === 'object' && decoded !== null && 'text' in decoded) {
        const d = decoded as { text: string; parsed: unknown };
        // aws-behaviour §4.6: a JSON pattern on a plain-text body never matches (dropped); a plain pattern sees the text.
        if (child.kind === 'object') {
          if (d.parsed === NOT_JSON) return false;
          v = d.parsed;
        } else v = d.text;
      }
    }
    if (child.kind === 'object') {
      if (!present || !matchObject(child, v, cache)) return false;
    } else if (!child.matchers.some((m) => m(v, present))) return false;
  }
  return true;
}

/** JSON.parse that keeps each number's text (for by-text number matching); duplicate keys: the last wins. */
function parseJson(text: string): unknown {
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        ws();
        const key = string();
        ws();
        i++; // ':'
        const v = value();
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i++] === '}') return out;
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i++] === ']') return out;
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m === null) throw new SyntaxError(`unexpected character at ${i}`);
    i += m[0].length;
    return new JsonNumber(Number(m[0]), m[0]);
  };
  const string = (): string => {
    const start = i;
    i++;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) throw new SyntaxError('unterminated string');
      i++;
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c === 34) break;
    }
    const slice = text.slice(start, i);
    return escaped ? (JSON.parse(slice) as string) : slice.slice(1, -1);
  };
  const result = value();
  ws();
  if (i !== text.length) throw new SyntaxError(`unexpected text at ${i}`);
  return result;
}

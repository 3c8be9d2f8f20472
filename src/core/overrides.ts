import { childSchema, formatPath, type JsonSchema, type PathSegment } from '../contracts/schema.ts';
import { isLambdaHarnessError, OverrideError } from '../errors.ts';
import { setOwn } from './own.ts';

function getOwn(target: object, key: string | number): unknown {
  return Object.hasOwn(target, key) ? (target as Record<string | number, unknown>)[key] : undefined;
}

/** Deep-partial overrides: objects merge by key, arrays of records merge by index. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function cloneJson(value: unknown, id: string, path: PathSegment[]): unknown {
  if (Array.isArray(value))
    return value.map((v, i) => {
      if (v === undefined)
        throw new OverrideError(id, formatPath([...path, i]), 'an array element cannot be undefined', {
          expected: 'JSON data',
          received: 'undefined',
        });
      return cloneJson(v, id, [...path, i]);
    });
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, cloneJson(value[key], id, [...path, key]));
    return out;
  }
  return value;
}

function knownKeys(target: Record<string, unknown>): string {
  const keys = Object.keys(target);
  return keys.length === 0 ? '' : ` (known here: ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''})`;
}

/**
 * Merges `overrides` into `target` in place. Paths the schema does not allow are an error; `undefined`
 * removes a field (to build "absent" on purpose). Every key is written as an own property, so keys such as
 * `__proto__` stay data (a legal SQS attribute name) and can never reach a prototype.
 */
export function applyOverrides(
  id: string,
  target: Record<string, unknown>,
  overrides: unknown,
  schema: JsonSchema,
): void {
  if (overrides === undefined) return;
  if (!isPlainObject(overrides))
    throw new OverrideError(
      id,
      '',
      `overrides must be an object, received ${Array.isArray(overrides) ? 'array' : typeof overrides}`,
    );
  mergeObject(id, target, overrides, schema, schema, []);
}

function mergeObject(
  id: string,
  target: Record<string, unknown>,
  overrides: Record<string, unknown>,
  root: JsonSchema,
  node: JsonSchema | boolean,
  path: PathSegment[],
): void {
  for (const key of Object.keys(overrides)) {
    const here = [...path, key];
    const child = typeof node === 'boolean' ? node : childSchema(root, node, key);
    if (child === false && !Object.hasOwn(target, key)) {
      throw new OverrideError(id, formatPath(here), `unknown override path${knownKeys(target)}`);
    }
    mergeValue(id, target, key, getOwn(overrides, key), root, child, here);
  }
}

function mergeValue(
  id: string,
  target: Record<string, unknown> | unknown[],
  key: string | number,
  value: unknown,
  root: JsonSchema,
  node: JsonSchema | boolean,
  path: PathSegment[],
): void {
  const container = target as Record<string | number, unknown>;
  const current = getOwn(container, key);
  if (value === undefined) {
    if (Array.isArray(target)) throw new OverrideError(id, formatPath(path), 'an array element cannot be removed');
    delete container[key];
    return;
  }
  if (isPlainObject(value) && isPlainObject(current)) {
    mergeObject(id, current, value, root, node, path);
    return;
  }
  if (Array.isArray(value) && Array.isArray(current) && value.some(isPlainObject)) {
    const items = typeof node === 'boolean' ? node : childSchema(root, node, 0);
    value.forEach((element, index) => {
      if (element === undefined) return;
      mergeValue(id, current, index, element, root, items, [...path, index]);
    });
    return;
  }
  setOwn(container, key, cloneJson(value, id, path));
}

/** True when `overrides` sets the value at `path` (so a derived field must not be recomputed). */
export function overridden(overrides: unknown, ...path: PathSegment[]): boolean {
  let current: unknown = overrides;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return false;
    if (!Object.hasOwn(current as object, segment)) return false;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current !== undefined;
}

/** Reads the override at `path`, or undefined. */
export function overrideAt(overrides: unknown, ...path: PathSegment[]): unknown {
  let current: unknown = overrides;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The kind of a value as messages name it: a JSON type, `bytes` for a Uint8Array, else its `typeof`. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (ArrayBuffer.isView(value)) return 'bytes';
  return typeof value;
}

/** A short rendering of a received value for a message: strings quoted, containers by kind. */
export function describeReceived(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  return kindOf(value);
}

/** Where `value` holds something JSON cannot carry (BigInt, Symbol, function, a circular reference), if anywhere. */
export function findNonJson(value: unknown): { path: PathSegment[]; received: string } | undefined {
  const path: PathSegment[] = [];
  const ancestors: object[] = [];
  const visit = (node: unknown): string | undefined => {
    const type = typeof node;
    if (type === 'bigint' || type === 'symbol' || type === 'function') return type;
    if (node === null || type !== 'object' || ArrayBuffer.isView(node)) return undefined;
    if (ancestors.includes(node as object)) return 'circular reference';
    // Dates and other values that serialise themselves are taken as they are.
    if (typeof (node as { toJSON?: unknown }).toJSON === 'function') return undefined;
    ancestors.push(node as object);
    const keys: PathSegment[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node as object);
    for (const key of keys) {
      path.push(key);
      const found = visit((node as Record<PathSegment, unknown>)[key]);
      if (found !== undefined) return found;
      path.pop();
    }
    ancestors.pop();
    return undefined;
  };
  const received = visit(value);
  return received === undefined ? undefined : { path, received };
}

/** The message for a value JSON cannot carry. */
export function nonJsonText(received: string): string {
  return received === 'circular reference'
    ? 'circular reference: JSON cannot hold it'
    : `expected JSON data, received ${received}`;
}

/**
 * Throws an OverrideError naming the path of the first value JSON cannot carry, so a bad value is reported where it
 * was given instead of failing later as a TypeError.
 */
export function assertJsonData(id: string, value: unknown, path: PathSegment[] = []): void {
  const found = findNonJson(value);
  if (found === undefined) return;
  throw new OverrideError(id, formatPath([...path, ...found.path]), nonJsonText(found.received), {
    expected: 'JSON data',
    received: found.received,
  });
}

function resolve(root: JsonSchema, node: JsonSchema): JsonSchema {
  let current = node;
  for (let i = 0; i < 32 && typeof current.$ref === 'string'; i++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[part];
    current = (target ?? {}) as JsonSchema;
  }
  return current;
}

/** The JSON types a schema node allows (`integer` counted as `number`), or undefined when any type goes. */
function allowedTypes(root: JsonSchema, node: JsonSchema | boolean, depth = 0): Set<string> | undefined {
  if (typeof node === 'boolean' || depth > 8) return undefined;
  const resolved = resolve(root, node);
  const out = new Set<string>();
  const type = resolved.type;
  if (typeof type === 'string' || Array.isArray(type)) {
    for (const t of ([] as unknown[]).concat(type)) out.add(t === 'integer' ? 'number' : String(t));
    return out;
  }
  const branches = [
    ...((resolved.anyOf as JsonSchema[] | undefined) ?? []),
    ...((resolved.oneOf as JsonSchema[] | undefined) ?? []),
  ];
  if (branches.length === 0) return undefined;
  for (const branch of branches) {
    const types = allowedTypes(root, branch, depth + 1);
    if (types === undefined) return undefined;
    for (const t of types) out.add(t);
  }
  return out;
}

interface Culprit {
  readonly path: PathSegment[];
  readonly expected?: string;
  readonly received?: string;
  /** 0: a container or type mismatch; 1: a removal; 2: a decoded value where AWS has a string (often allowed). */
  readonly rank: number;
}

/** The override most likely to have made a generator fail: the first whose kind the schema does not allow. */
function findCulprit(root: JsonSchema, overrides: Record<string, unknown>): Culprit | undefined {
  const found: Culprit[] = [];
  const walk = (value: unknown, node: JsonSchema | boolean, path: PathSegment[]): void => {
    if (value === undefined) {
      found.push({ path, rank: 1 });
      return;
    }
    const types = allowedTypes(root, node);
    let kind = kindOf(value);
    if (kind === 'bytes' || value instanceof Date) kind = 'string';
    if (types !== undefined && !types.has(kind)) {
      const decoded = types.has('string') && (kind === 'object' || kind === 'array');
      found.push({ path, expected: [...types].join(' or '), received: kind, rank: decoded ? 2 : 0 });
      if (!decoded) return;
    }
    if (typeof node === 'boolean') return;
    if (Array.isArray(value)) {
      value.forEach((element, i) => {
        if (element !== undefined) walk(element, childSchema(root, node, i), [...path, i]);
      });
    } else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) walk(value[key], childSchema(root, node, key), [...path, key]);
    }
  };
  walk(overrides, root, []);
  return found.filter((c) => c.path.length > 0).sort((a, b) => a.rank - b.rank)[0];
}

/** The first leaf path of an override tree. */
function firstLeaf(value: unknown, path: PathSegment[] = []): PathSegment[] {
  if (Array.isArray(value)) {
    const i = value.findIndex((v) => v !== undefined);
    return i === -1 ? path : firstLeaf(value[i], [...path, i]);
  }
  if (isPlainObject(value)) {
    const key = Object.keys(value)[0];
    return key === undefined ? path : firstLeaf(value[key], [...path, key]);
  }
  return path;
}

/**
 * Turns an error a generator threw while building from `overrides` into an OverrideError naming the override
 * that caused it (a lambda-harness error passes through unchanged).
 */
export function blameOverride(id: string, root: JsonSchema, overrides: unknown, error: unknown): unknown {
  if (isLambdaHarnessError(error) || !isPlainObject(overrides)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const culprit = findCulprit(root, overrides);
  if (culprit === undefined) {
    return new OverrideError(
      id,
      formatPath(firstLeaf(overrides)),
      `cannot build the event from this override: ${reason}`,
      {
        cause: error,
      },
    );
  }
  const path = formatPath(culprit.path);
  if (culprit.rank === 1) {
    return new OverrideError(
      id,
      path,
      'cannot be removed: the builder derives other fields from it; build the event, then delete the field',
      { expected: 'a value', received: 'undefined', cause: error },
    );
  }
  return new OverrideError(id, path, `expected ${culprit.expected}, received ${culprit.received}`, {
    expected: culprit.expected as string,
    received: culprit.received as string,
    cause: error,
  });
}

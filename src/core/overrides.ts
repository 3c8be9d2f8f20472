import { childSchema, formatPath, type JsonSchema, type PathSegment } from '../contracts/schema.ts';
import { OverrideError } from '../errors.ts';

/** Writes `key` as an own data property, so `__proto__`, `constructor` or `prototype` keys stay plain data. */
function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

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
  if (Array.isArray(value)) return value.map((v, i) => cloneJson(v, id, [...path, i]));
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

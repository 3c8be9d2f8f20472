import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ContractViolationError, type Violation } from '../errors.ts';
import { type Profile, profileSchema } from './profiles.ts';
import type { ContractRule } from './rules.ts';
import { formatPath, type JsonSchema } from './schema.ts';

const require = createRequire(import.meta.url);

type AjvClass = typeof import('ajv').default;
let ajv: InstanceType<AjvClass> | undefined;
let ajvAll: InstanceType<AjvClass> | undefined;

function makeAjv(allErrors: boolean): InstanceType<AjvClass> {
  const Ajv = (require('ajv') as { default: AjvClass }).default;
  const addFormats = (require('ajv-formats') as { default: (a: InstanceType<AjvClass>) => void }).default;
  const instance = new Ajv({
    allErrors,
    strict: true,
    allowUnionTypes: true,
    validateFormats: true,
    unicodeRegExp: false,
  });
  addFormats(instance);
  return instance;
}

/** Keywords whose values are data, not subschemas: never rewritten. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'required']);
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'dependencies']);
const LOCAL_REF = /^#\/definitions\/([A-Za-z0-9_-]+)$/;

/**
 * The schema the fast check compiles: the same constraints, in forms Ajv checks faster. The reporter keeps the
 * original (its messages name the original keywords).
 * - Every non-recursive `{"$ref": "#/definitions/X"}` (no sibling keywords) is replaced by a copy of its target: Ajv
 *   never inlines a definition that itself holds a `$ref`, so each SQS record was a function call with a fresh
 *   context object and path string (~12% of a 10-record check). `definitions` stay, so recursive refs still resolve.
 * - `additionalProperties: false` next to more than 8 `properties` (and no `patternProperties`) becomes
 *   `propertyNames: {enum: [those names]}`: both accept exactly the objects whose every key is one of the names,
 *   but Ajv checks the first with a `hasOwnProperty.call` per key and the second with `===` comparisons (below 9
 *   names it already does so) (~25% of a 10-record check).
 * Schemas with a nested `$id` (other base URIs) are left as they are.
 */
export function fastSchema(root: JsonSchema): JsonSchema {
  const declared = (root as { definitions?: unknown }).definitions;
  const definitions = (declared !== null && typeof declared === 'object' ? declared : {}) as Record<string, unknown>;
  let nestedId = false;
  const findIds = (node: unknown, top: boolean): void => {
    if (Array.isArray(node)) for (const item of node) findIds(item, false);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$id' && !top) nestedId = true;
        if (!DATA_KEYWORDS.has(key)) findIds(value, false);
      }
    }
  };
  findIds(root, true);
  if (nestedId) return root;
  const expanding: string[] = [];
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && Object.keys(node).length === 1) {
      const name = LOCAL_REF.exec(ref)?.[1];
      if (name !== undefined && Object.hasOwn(definitions, name) && !expanding.includes(name)) {
        expanding.push(name);
        const inlined = walk(definitions[name]);
        expanding.pop();
        return inlined;
      }
      return node;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'definitions' || DATA_KEYWORDS.has(key)) out[key] = value;
      else if (SCHEMA_MAPS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        // A map of name → subschema: its entries are schemas, the map itself is not.
        const map: Record<string, unknown> = {};
        for (const [name, sub] of Object.entries(value)) map[name] = walk(sub);
        out[key] = map;
      } else out[key] = walk(value);
    }
    const properties = out.properties;
    if (
      out.additionalProperties === false &&
      properties !== null &&
      typeof properties === 'object' &&
      !Array.isArray(properties) &&
      Object.keys(properties).length > 8 &&
      out.patternProperties === undefined &&
      out.propertyNames === undefined
    ) {
      delete out.additionalProperties;
      out.propertyNames = { enum: Object.keys(properties) };
    }
    return out;
  };
  return walk(root) as JsonSchema;
}

/** A compiled contract: a fast check, and a full report when it fails. */
export interface CompiledContract {
  readonly id: string;
  /** `shape`, `strict`, or `response` (a handler's answer, read as the service reads it). */
  readonly profile: Profile | 'response';
  readonly check: (value: unknown) => boolean;
  readonly report: (value: unknown) => Violation[];
}

/** The schema a profile's fast check compiles (also what `npm run gen` compiles ahead of time). */
export function fastSource(schema: JsonSchema, profile: Profile | 'response'): JsonSchema {
  const { $id: _, ...rest } = profileSchema(schema, profile === 'response' ? 'strict' : profile);
  return fastSchema(rest);
}

/** A compiled fast check: true when the value satisfies the schema. */
export type FastCheck = (value: unknown) => boolean;

export interface ContractOptions {
  /** Which profile of the schema to compile; `response` compiles it as written. Default `shape`. */
  readonly profile?: Profile | 'response';
  /** Cross-field rules, run after the schema accepted the value (strict and response contracts). */
  // biome-ignore lint/suspicious/noExplicitAny: rules are typed by their definitions; the contract runs them on validated values
  readonly rules?: readonly ContractRule<any>[];
  /** The fast check compiled ahead of time (`npm run gen`), when it is up to date with the schema. */
  readonly precompiled?: () => FastCheck | undefined;
}

/** Compiles a schema lazily on first use (Ajv is loaded only then). */
export function compileContract(id: string, schema: () => JsonSchema, options: ContractOptions = {}): CompiledContract {
  const profile = options.profile ?? 'shape';
  const rules = profile === 'shape' ? [] : (options.rules ?? []);
  const source = (): JsonSchema => {
    const { $id: _, ...rest } = profileSchema(schema(), profile === 'response' ? 'strict' : profile);
    return rest;
  };
  let fast: FastCheck | undefined;
  let full: ValidateFunction | undefined;
  const findings = (value: unknown): Violation[] => {
    const out: Violation[] = [];
    for (const rule of rules) {
      rule.check(value as never, (finding) => {
        const path = formatPath(finding.path);
        out.push({
          path,
          expected: finding.expected,
          received: finding.received,
          message: `expected ${finding.expected}, received ${finding.received}`,
          rule: rule.id,
        });
      });
    }
    return out;
  };
  return {
    id,
    profile,
    check(value) {
      if (fast === undefined) {
        fast = options.precompiled?.();
        if (fast === undefined) {
          ajv ??= makeAjv(false);
          fast = ajv.compile(fastSource(schema(), profile)) as FastCheck;
        }
      }
      if (!fast(value)) return false;
      return rules.length === 0 || findings(value).length === 0;
    },
    report(value) {
      if (full === undefined) {
        ajvAll ??= makeAjv(true);
        full = ajvAll.compile(source());
      }
      if (!full(value)) return toViolations(full.errors ?? [], value);
      return findings(value);
    },
  };
}

/** The outcome of validating a value against a contract. */
export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly Violation[];
}

// The full validator compiles the same schema: it is the authority whenever the fast check rejects.
export function runContract(contract: CompiledContract, value: unknown): ValidationResult {
  if (contract.check(value)) return { valid: true, errors: [] };
  const errors = contract.report(value);
  return { valid: errors.length === 0, errors };
}

export function assertContract(contract: CompiledContract, value: unknown, seed?: number): void {
  if (contract.check(value)) return;
  const errors = contract.report(value);
  if (errors.length > 0) throw new ContractViolationError(contract.id, errors, seed);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function pointerSegments(pointer: string, value: unknown): (string | number)[] {
  if (pointer === '') return [];
  const segments: (string | number)[] = [];
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment = Array.isArray(current) && /^\d+$/.test(key) ? Number(key) : key;
    segments.push(segment);
    current = current === null || typeof current !== 'object' ? undefined : (current as Record<string, unknown>)[key];
  }
  return segments;
}

function toViolations(errors: readonly ErrorObject[], root: unknown): Violation[] {
  const seen = new Set<string>();
  const out: Violation[] = [];
  // anyOf/oneOf report every branch; keep the most specific errors (deepest paths first).
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  for (const error of sorted) {
    const segments = pointerSegments(error.instancePath, root);
    const received = valueAt(root, error.instancePath);
    let expected: string;
    let got: string;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'type':
        expected = Array.isArray(params.type) ? (params.type as string[]).join(' or ') : String(params.type);
        got = describe(received);
        break;
      case 'required':
        segments.push(String(params.missingProperty));
        expected = 'a value (required)';
        got = 'nothing';
        break;
      case 'additionalProperties':
        segments.push(String(params.additionalProperty));
        expected = 'no such property';
        got = describe((received as Record<string, unknown>)[String(params.additionalProperty)]);
        break;
      case 'enum':
        expected = `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
        got = show(received);
        break;
      case 'const':
        expected = JSON.stringify(params.allowedValue);
        got = show(received);
        break;
      case 'pattern':
        expected = `string matching /${String(params.pattern)}/`;
        got = show(received);
        break;
      case 'format':
        expected = `${String(params.format)} format`;
        got = show(received);
        break;
      case 'false schema':
        expected = 'no such field here (AWS omits it)';
        got = describe(received);
        break;
      case 'anyOf':
      case 'oneOf':
        if (out.some((v) => v.path.startsWith(formatPath(segments)))) continue;
        expected = 'one of the allowed shapes';
        got = show(received);
        break;
      default:
        expected = error.message ?? error.keyword;
        got = show(received);
    }
    const path = formatPath(segments);
    const key = `${path}|${expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, expected, received: got, message: `expected ${expected}, received ${got}` });
  }
  return out;
}

import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ContractViolationError, type Violation } from '../errors.ts';
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

/** A compiled contract: a fast check, and a full report when it fails. */
export interface CompiledContract {
  readonly id: string;
  readonly check: (value: unknown) => boolean;
  readonly report: (value: unknown) => Violation[];
}

/** Compiles a schema lazily on first use (Ajv is loaded only then). */
export function compileContract(id: string, schema: () => JsonSchema): CompiledContract {
  let fast: ValidateFunction | undefined;
  let full: ValidateFunction | undefined;
  return {
    id,
    check(value) {
      if (fast === undefined) {
        ajv ??= makeAjv(false);
        fast = ajv.compile(schema());
      }
      return fast(value) as boolean;
    },
    report(value) {
      if (full === undefined) {
        ajvAll ??= makeAjv(true);
        full = ajvAll.compile(schema());
      }
      if (full(value)) return [];
      return toViolations(full.errors ?? [], value);
    },
  };
}

/** The outcome of validating a value against a contract. */
export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly Violation[];
}

export function runContract(contract: CompiledContract, value: unknown): ValidationResult {
  if (contract.check(value)) return { valid: true, errors: [] };
  return { valid: false, errors: contract.report(value) };
}

export function assertContract(contract: CompiledContract, value: unknown, seed?: number): void {
  if (contract.check(value)) return;
  throw new ContractViolationError(contract.id, contract.report(value), seed);
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

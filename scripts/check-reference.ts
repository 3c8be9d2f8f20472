/**
 * Checks the contracts against facts about real events (AWS's published samples): for every supported event
 * type that has facts, the shape profile admits every path with every JSON type and example value seen, and
 * every variant seen is one the builder generates. Responses (`<id>.responses.json`) are checked against the
 * response contract the same way.
 *
 * Usage: tsx scripts/check-reference.ts [--dir <reference dir>] [--ids a,b] [--verbose]
 * The default dir is ../shared/reference next to the repository (the team's copy); the project's own tests never
 * read it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEventType, validate } from '../src/index.ts';
import { eventTypes } from '../src/registry.ts';

interface PathFact {
  readonly path: string;
  readonly types: Readonly<Record<string, number>>;
  readonly present_in: string;
  readonly examples: readonly string[];
}
interface Facts {
  readonly id: string;
  readonly samples: number;
  readonly variants_seen: Readonly<Record<string, number>>;
  readonly paths: readonly PathFact[];
}
type Segment = string; // a key, `[]` (any array item) or `{*}` (any data key)
type Json = unknown;

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = join(import.meta.dirname, '..');
const dir = flag('dir') ?? join(root, '..', 'shared', 'reference');
const only = flag('ids')?.split(',');
const verbose = args.includes('--verbose');
const eventsDir = join(dir, 'events');
if (!existsSync(eventsDir)) {
  console.error(`[lambda-harness] check:reference: no reference facts at ${eventsDir}`);
  process.exit(2);
}

/** `Records[].attributes.{*}` → ['Records', '[]', 'attributes', '{*}']. */
function segments(path: string): Segment[] {
  if (path === '(root)') return [];
  const out: Segment[] = [];
  for (const part of path.split('.')) {
    let rest = part;
    while (rest.length > 0) {
      if (rest.startsWith('[]')) {
        out.push('[]');
        rest = rest.slice(2);
      } else {
        const i = rest.indexOf('[]');
        out.push(i < 0 ? rest : rest.slice(0, i));
        rest = i < 0 ? '' : rest.slice(i);
      }
    }
  }
  return out;
}

/** An example as a value: JSON text, or a string cut at 90 characters. */
function parseExample(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    return text.startsWith('"') ? text.slice(1).replace(/…$/, '') : text;
  }
}

function typeOf(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  return typeof value;
}

const key = (s: Segment[]) => s.join('\u0000');

/** Whether a fact's path occurs in every sample (`present_in` "n/n"): what AWS always sends. */
const always = (fact: PathFact): boolean => {
  const [seen, total] = fact.present_in.split('/');
  return seen === total;
};

/**
 * Builds a value for `prefix` from the facts below it: every child with its first example (with `required`, only
 * the children present in every sample: a base that is not the union of different samples' optional fields).
 */
function synthesize(facts: Map<string, PathFact>, prefix: Segment[], type: string, required = false): Json {
  if (type === 'null') return null;
  if (type === 'string') return 'example';
  if (type === 'number') return 1;
  if (type === 'boolean') return true;
  const children = [...facts.values()].filter((f) => {
    const s = segments(f.path);
    return s.length === prefix.length + 1 && key(s.slice(0, -1)) === key(prefix) && (!required || always(f));
  });
  if (type === 'array') {
    const item = children.find((c) => segments(c.path).at(-1) === '[]');
    return item === undefined ? [] : [valueFor(facts, item, Object.keys(item.types)[0] as string)];
  }
  const out: Record<string, Json> = {};
  for (const child of children) {
    const name = segments(child.path).at(-1) as string;
    const childType = preferredType(child);
    out[name === '{*}' ? 'example-key' : name] = valueFor(facts, child, childType);
  }
  return out;
}

function preferredType(fact: PathFact): string {
  const types = Object.keys(fact.types);
  return types.find((t) => t !== 'null') ?? (types[0] as string);
}

function valueFor(facts: Map<string, PathFact>, fact: PathFact, type: string): Json {
  const example = fact.examples.map(parseExample).find((v) => typeOf(v) === type);
  if (example !== undefined && type !== 'object' && type !== 'array') return example;
  return synthesize(facts, segments(fact.path), type);
}

/** Sets `value` at `path` in `target` (a copy), creating missing parents from the facts. */
function setPath(facts: Map<string, PathFact>, target: Json, path: Segment[], value: Json): Json {
  const copy = structuredClone(target) as Json;
  if (path.length === 0) return value;
  let node = copy as Record<string, Json> | Json[];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as Segment;
    const last = i === path.length - 1;
    const missingType = path[i + 1] === '[]' ? 'array' : 'object';
    if (segment === '[]') {
      if (!Array.isArray(node)) return undefined;
      if (last) {
        node[0] = value;
        return copy;
      }
      if (node.length === 0 || node[0] === null || typeof node[0] !== 'object')
        node[0] = synthesize(facts, path.slice(0, i + 1), missingType);
      node = node[0] as Record<string, Json>;
      continue;
    }
    if (Array.isArray(node) || node === null || typeof node !== 'object') return undefined;
    // A data key: a fresh one, so the map's own schema (not a named field's) judges the value.
    const name = segment === '{*}' ? 'example-key' : segment;
    if (last) {
      node[name] = value;
      return copy;
    }
    const next = node[name];
    if (next === null || typeof next !== 'object' || Array.isArray(next) !== (missingType === 'array'))
      node[name] = synthesize(facts, path.slice(0, i + 1), missingType);
    node = node[name] as Record<string, Json>;
  }
  return copy;
}

const KEEP = Symbol('keep');

/** The value at `path` in `target`, following the first array item and a data key named `example-key`. */
function getPath(target: Json, path: Segment[]): Json {
  let node = target;
  for (const segment of path) {
    if (segment === '[]') node = Array.isArray(node) ? node[0] : undefined;
    else if (node !== null && typeof node === 'object' && !Array.isArray(node))
      node = (node as Record<string, Json>)[segment === '{*}' ? (Object.keys(node)[0] ?? '') : segment];
    else return undefined;
  }
  return node;
}

interface Failure {
  readonly id: string;
  readonly path: string;
  readonly type: string;
  readonly value: Json;
  readonly errors: string;
}

/** Response paths seen in published samples that the service itself rejects (from the response definition). */
function knownMalformed(id: string): Readonly<Record<string, string>> {
  return getEventType(id).definition.response?.malformedInSamples ?? {};
}

const notes: string[] = [];

function checkFacts(id: string, facts: Facts, response: boolean): { checks: number; failures: Failure[] } {
  const type = getEventType(id);
  const byPath = new Map(facts.paths.map((f) => [key(segments(f.path)), f]));
  const bases: Json[] = response
    ? [synthesize(byPath, [], 'object', true)]
    : type.definition.variants.map((variant) => type.build(undefined, { variant, seed: 1 }));
  const failures: Failure[] = [];
  let checks = 0;
  for (const fact of facts.paths) {
    const path = segments(fact.path);
    for (const jsonType of Object.keys(fact.types)) {
      const container = jsonType === 'object' || jsonType === 'array';
      const candidates: (Json | typeof KEEP)[] = container
        ? [KEEP]
        : fact.examples.map(parseExample).filter((v) => typeOf(v) === jsonType);
      if (candidates.length === 0) candidates.push(valueFor(byPath, fact, jsonType));
      for (const candidate of candidates) {
        checks++;
        let firstErrors = '';
        let value: Json = candidate;
        const admitted = bases.some((base) => {
          // A container the generated event already has at that path is checked as it is; otherwise one is
          // built from the facts below it.
          if (candidate === KEEP) {
            const existing = getPath(base, path);
            value = typeOf(existing) === jsonType ? existing : valueFor(byPath, fact, jsonType);
          }
          const event = candidate === KEEP && value === getPath(base, path) ? base : setPath(byPath, base, path, value);
          if (event === undefined) return false;
          const result = validate(id, event, { response });
          if (!result.valid && firstErrors === '')
            firstErrors = result.errors
              .slice(0, 3)
              .map((e) => `${e.path}: ${e.message}`)
              .join('; ');
          return result.valid;
        });
        const known = response ? knownMalformed(id)[fact.path] : undefined;
        if (!admitted && known !== undefined) notes.push(`  ${fact.path}: rejected on purpose: ${known}`);
        else if (!admitted) failures.push({ id, path: fact.path, type: jsonType, value, errors: firstErrors });
      }
    }
  }
  return { checks, failures };
}

function checkVariants(id: string, facts: Facts): string[] {
  const { definition } = getEventType(id);
  const mapping = (definition.referenceVariants ?? {}) as Record<string, string>;
  const missing: string[] = [];
  for (const label of Object.keys(facts.variants_seen)) {
    const variant = mapping[label] ?? (label === '-' ? definition.variants[0] : label);
    if (variant === undefined || !definition.variants.includes(variant)) missing.push(label);
  }
  return missing;
}

let failed = 0;
let total = 0;
const supported = eventTypes().map((t) => t.id);
for (const id of supported) {
  if (only !== undefined && !only.includes(id)) continue;
  const eventFile = join(eventsDir, `${id}.json`);
  const responseFile = join(eventsDir, `${id}.responses.json`);
  const lines: string[] = [];
  let checks = 0;
  let failures: Failure[] = [];
  if (existsSync(eventFile)) {
    const facts = JSON.parse(readFileSync(eventFile, 'utf8')) as Facts;
    const result = checkFacts(id, facts, false);
    checks += result.checks;
    failures = failures.concat(result.failures);
    for (const label of checkVariants(id, facts))
      lines.push(`  variant "${label}" seen in AWS samples is not generated (map it in referenceVariants)`);
  }
  if (existsSync(responseFile)) {
    if (getEventType(id).contracts.response === undefined) lines.push('  responses seen, but no response contract');
    else {
      const facts = JSON.parse(readFileSync(responseFile, 'utf8')) as Facts;
      const result = checkFacts(id, facts, true);
      checks += result.checks;
      failures = failures.concat(result.failures.map((f) => ({ ...f, path: `(response) ${f.path}` })));
    }
  }
  if (checks === 0) continue;
  total += checks;
  for (const f of failures)
    lines.push(`  ${f.path} as ${f.type} ${JSON.stringify(f.value)?.slice(0, 60)}: ${f.errors || 'cannot be set'}`);
  if (lines.length > 0) failed++;
  const known = [...new Set(notes.splice(0))];
  if (lines.length > 0 || known.length > 0 || verbose) {
    console.log(`${id}: ${checks} checks, ${failures.length} rejected`);
    for (const line of [...lines, ...known]) console.log(line);
  }
}
console.log(
  failed === 0
    ? `reference: ${total} path/type/value checks, all admitted; every variant seen is generated`
    : `reference: ${failed} event type(s) with findings (${total} checks)`,
);
process.exit(failed === 0 ? 0 : 1);

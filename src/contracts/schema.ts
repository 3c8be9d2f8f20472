/** A JSON Schema document (draft-07 subset the generators use). */
export type JsonSchema = { readonly [keyword: string]: unknown };

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `['Records', 0, 'body']` → `Records[0].body`; odd keys are quoted: `headers["x.y"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `Records[0].body`, `Records.0.body` or `headers["x.y"]` → path segments. */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.[\]]+)/g;
  let match: RegExpExecArray | null = re.exec(path);
  let consumed = 0;
  while (match !== null) {
    if (match.index !== consumed) break;
    consumed = re.lastIndex;
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined) segments.push(JSON.parse(`"${match[2]}"`) as string);
    else if (match[3] !== undefined) segments.push(/^\d+$/.test(match[3]) ? Number(match[3]) : match[3]);
    match = re.exec(path);
  }
  if (consumed !== path.length || segments.length === 0) throw new Error(`cannot parse path "${path}"`);
  return segments;
}

function resolveRef(root: JsonSchema, node: JsonSchema): JsonSchema {
  let current = node;
  for (let i = 0; i < 32 && typeof current.$ref === 'string'; i++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown>)[part];
    current = (target ?? {}) as JsonSchema;
  }
  return current;
}

/** What a schema allows below `node` under `key`: a sub-schema, `true` (anything) or `false` (unknown key). */
export function childSchema(root: JsonSchema, node: JsonSchema, key: PathSegment): JsonSchema | boolean {
  const resolved = resolveRef(root, node);
  const branches = [
    resolved,
    ...(['allOf', 'anyOf', 'oneOf'] as const).flatMap((k) => (resolved[k] as JsonSchema[] | undefined) ?? []),
  ];
  let isContainer = false;
  for (const raw of branches) {
    const branch = resolveRef(root, raw);
    if (branch !== resolved && (branch.allOf || branch.anyOf || branch.oneOf)) {
      const nested = childSchema(root, branch, key);
      if (nested !== false) return nested;
    }
    if (typeof key === 'number' || /^\d+$/.test(String(key))) {
      if (branch.items !== undefined) return branch.items as JsonSchema | boolean;
    }
    const properties = branch.properties as Record<string, JsonSchema> | undefined;
    if (properties !== undefined) {
      isContainer = true;
      if (Object.hasOwn(properties, key)) return properties[key as string] as JsonSchema;
    }
    const patterns = branch.patternProperties as Record<string, JsonSchema> | undefined;
    if (patterns !== undefined) {
      isContainer = true;
      for (const [pattern, schema] of Object.entries(patterns))
        if (new RegExp(pattern, 'u').test(String(key))) return schema;
    }
    if (branch.additionalProperties !== undefined) {
      isContainer = true;
      if (branch.additionalProperties !== false) return branch.additionalProperties as JsonSchema | boolean;
    }
  }
  // A leaf (string, number…) accepts any override value below it; validation reports type mismatches.
  return !isContainer;
}

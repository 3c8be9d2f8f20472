import type { JsonSchema } from './schema.ts';

/**
 * The two profiles of one event contract (docs/decisions/contract-profiles.md):
 * - `shape`: can a handler receive this? JSON types, always-sent fields and documented discriminators; unknown
 *   properties and `null` for optional fields allowed, values not judged by format.
 * - `strict`: could AWS have sent exactly this? The schema as written (formats, closed objects) plus the event
 *   type's cross-field rules.
 */
export type Profile = 'shape' | 'strict';

/**
 * Annotations a `schema.json` may carry; both profiles strip them before compiling.
 * - `x-open: true` on an `enum`/`const` node: a list AWS extends over time (S3 event names, Cognito trigger
 *   sources). Strict checks the documented list; shape keeps only the JSON type.
 * - `x-shape: <schema>`: what the shape profile accepts at this node, replacing the derived schema.
 * - `x-strict-only: true` on a subschema inside `allOf`: dropped from the shape profile (a strict-only
 *   refinement that loosening cannot express, such as an `if`/`then` consistency check).
 */
const ANNOTATIONS = ['x-open', 'x-shape', 'x-strict-only'] as const;

/** Keywords that judge a value's format or size, not its JSON type: the shape profile drops them. */
const FORMAT_KEYWORDS = new Set([
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'maxItems',
  'maxProperties',
  'minProperties',
  'propertyNames',
  'contentEncoding',
  'contentMediaType',
]);
/** Keywords whose value is data, never a subschema. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples', 'required', 'title', 'description', '$id']);
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
/** Keywords whose value is a list of subschemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'items']);

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Applies `fn` to every direct subschema of `node`, keeping data keywords as they are. */
function mapChildren(node: Node, fn: (sub: unknown, key: string) => unknown): Node {
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key) || key.startsWith('x-')) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && isNode(value)) {
      const map: Node = {};
      for (const [name, sub] of Object.entries(value)) map[name] = fn(sub, key);
      out[key] = map;
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map((sub) => fn(sub, key));
    else if (isNode(value) || typeof value === 'boolean') out[key] = fn(value, key);
    else out[key] = value;
  }
  return out;
}

/** The schema without lambda-harness annotations: what the strict profile compiles. */
export function strictSchema(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (!isNode(node)) return node;
    const out = mapChildren(node, walk);
    for (const key of ANNOTATIONS) delete out[key];
    return out;
  };
  return walk(schema) as JsonSchema;
}

/** Adds `null` to what a subschema accepts (SDK serializers write absent optional fields as null). */
function nullable(sub: unknown): unknown {
  if (sub === true || sub === false || !isNode(sub)) return sub === false ? true : sub;
  const type = sub.type;
  const simple =
    sub.anyOf === undefined && sub.oneOf === undefined && sub.allOf === undefined && sub.$ref === undefined;
  if (simple && sub.const === undefined && sub.enum === undefined && type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    return types.includes('null') ? sub : { ...sub, type: [...types, 'null'] };
  }
  if (simple && Array.isArray(sub.enum) && (type === undefined || type === 'string')) {
    const { type: _, ...rest } = sub;
    return sub.enum.includes(null) ? sub : { ...rest, enum: [...sub.enum, null] };
  }
  return { anyOf: [{ type: 'null' }, sub] };
}

/**
 * Derives the shape profile from a strict schema: formats and sizes dropped, objects open, optional properties
 * nullable, `oneOf` relaxed to `anyOf` (open objects may match several branches), open lists reduced to their
 * JSON type, and `x-shape` replacements applied.
 */
export function shapeSchema(schema: JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (!isNode(node)) return node === false ? false : node;
    if (node['x-shape'] !== undefined) return strictSchema(node['x-shape'] as JsonSchema);
    const out = mapChildren(node, (sub, key) => {
      if (key === 'allOf' && isNode(sub) && sub['x-strict-only'] === true) return true;
      return walk(sub);
    });
    for (const key of ANNOTATIONS) delete out[key];
    for (const key of FORMAT_KEYWORDS) delete out[key];
    if (out.additionalProperties === false) delete out.additionalProperties;
    if (Array.isArray(out.oneOf)) {
      out.anyOf = out.oneOf;
      delete out.oneOf;
    }
    if (node['x-open'] === true) {
      const values = Array.isArray(node.enum) ? node.enum : node.const !== undefined ? [node.const] : [];
      if (out.type === undefined && values.length > 0) {
        const types = [...new Set(values.map((v) => (v === null ? 'null' : typeof v)))];
        out.type = types.length === 1 ? types[0] : types;
      }
      delete out.enum;
      delete out.const;
    }
    if (Array.isArray(out.allOf)) {
      const kept = out.allOf.filter((sub) => sub !== true);
      if (kept.length === 0) delete out.allOf;
      else out.allOf = kept;
    }
    if (isNode(out.properties)) {
      const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
      const properties: Node = {};
      for (const [name, sub] of Object.entries(out.properties)) {
        // A `false` property (a field AWS omits in this shape) is tolerated by the shape profile.
        properties[name] = required.has(name) ? sub : nullable(sub);
      }
      out.properties = properties;
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}

/** The schema a profile compiles. */
export function profileSchema(schema: JsonSchema, profile: Profile): JsonSchema {
  return profile === 'strict' ? strictSchema(schema) : shapeSchema(schema);
}

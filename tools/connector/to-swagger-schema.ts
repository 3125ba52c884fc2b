/** A JSON value as the generators handle it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON Schema or Swagger 2.0 schema object. */
export type SchemaObject = { [key: string]: Json };

/** Keywords a Swagger 2.0 Schema Object may carry (besides `x-*` extensions). */
const SWAGGER_KEYWORDS = new Set([
  '$ref', 'format', 'title', 'description', 'default', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'maxProperties', 'minProperties', 'required', 'enum', 'type',
  'items', 'allOf', 'properties', 'additionalProperties', 'discriminator', 'readOnly', 'example',
]);

/** Formats whose generated `pattern` only repeats the format (zod's date-time regex is 400 characters). */
const SELF_DESCRIBING_FORMATS = new Set(['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'guid']);

const isObject = (value: Json | undefined): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNullSchema = (value: Json): boolean => isObject(value) && value.type === 'null';

/** Thrown for a schema Swagger 2.0 cannot express; names the place so the zod schema can be changed. */
export class SwaggerSchemaError extends Error {}

/**
 * Converts a JSON Schema produced by `z.toJSONSchema(schema, { target: 'openapi-3.0' })` (or draft
 * 2020-12) into a Swagger 2.0 Schema Object:
 * - `nullable: true`, `type: [T, 'null']` and a `null` member of `anyOf` become `x-nullable: true`;
 * - `anyOf` / `oneOf` / `allOf` of objects are flattened into one object (properties merged,
 *   `required` = what every alternative requires, or what any part of an `allOf` requires);
 * - `const` becomes an `enum` of one; a numeric `exclusiveMinimum/Maximum` becomes the boolean form;
 * - `$schema`, `additionalProperties: false`, `propertyNames`, `uniqueItems` (which Power Platform
 *   rejects) and other keywords Swagger 2.0 lacks are dropped, as are a `pattern` that only restates
 *   a `format` and zod's implicit safe-integer bounds.
 */
export function toSwaggerSchema(schema: Json, where = '#'): SchemaObject {
  if (!isObject(schema)) throw new SwaggerSchemaError(`${where}: expected a schema object`);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    return toSwaggerSchema({ ...rest, ...flattenAlternatives(alternatives, where) }, where);
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    return toSwaggerSchema({ ...rest, ...mergeAll(allOf.map((part, i) => toSwaggerSchema(part, `${where}/allOf/${i}`))) }, where);
  }
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') {
      if (value === true) out['x-nullable'] = true;
    } else if (key === 'type' && Array.isArray(value)) {
      const types = value.filter((t) => t !== 'null');
      if (types.length !== 1) throw new SwaggerSchemaError(`${where}: Swagger 2.0 has no type ${JSON.stringify(value)}`);
      out.type = types[0] as Json;
      if (types.length < value.length) out['x-nullable'] = true;
    } else if (key === 'const') {
      out.enum = [value];
      if (out.type === undefined && schema.type === undefined) out.type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'number') {
      out[key === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
      out[key] = true;
    } else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, toSwaggerSchema(property, `${where}/properties/${name}`)]));
    } else if (key === 'items') {
      out.items = toSwaggerSchema(value, `${where}/items`);
    } else if (key === 'additionalProperties') {
      if (isObject(value)) out.additionalProperties = toSwaggerSchema(value, `${where}/additionalProperties`);
    } else if (key === 'pattern' && typeof schema.format === 'string' && SELF_DESCRIBING_FORMATS.has(schema.format)) {
      continue;
    } else if ((key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER)) {
      continue; // zod's implicit bounds of an integer, not a rule of the API
    } else if (key === 'examples' && Array.isArray(value) && value.length > 0) {
      out.example = value[0] as Json;
    } else if (SWAGGER_KEYWORDS.has(key) || key.startsWith('x-')) {
      out[key] = value;
    }
  }
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required;
  return out;
}

/** `anyOf` / `oneOf`: null members make the result nullable; the rest must merge into one schema. */
function flattenAlternatives(alternatives: Json[], where: string): SchemaObject {
  const nullable = alternatives.some(isNullSchema);
  const members = alternatives.filter((a) => !isNullSchema(a)).map((a, i) => toSwaggerSchema(a, `${where}/anyOf/${i}`));
  if (members.length === 0) throw new SwaggerSchemaError(`${where}: an alternative of only null`);
  const merged = members.length === 1 ? (members[0] as SchemaObject) : mergeAlternatives(members, where);
  return nullable ? { ...merged, 'x-nullable': true } : merged;
}

/**
 * Several alternatives as one schema: objects merge their properties (required only where every
 * alternative requires it); enums of one type join. Anything else has no Swagger 2.0 form.
 */
function mergeAlternatives(members: SchemaObject[], where: string): SchemaObject {
  const types = new Set(members.map((m) => m.type));
  if (types.size !== 1) throw new SwaggerSchemaError(`${where}: Swagger 2.0 cannot express alternatives of types ${[...types].join(', ')}`);
  const [type] = types;
  if (type === 'object') return mergeObjects(members, 'alternatives', where);
  if (members.every((m) => Array.isArray(m.enum))) {
    const values = [...new Set(members.flatMap((m) => m.enum as Json[]))];
    return { ...looseCommon(members), enum: values };
  }
  return looseCommon(members);
}

/** Keeps only the keywords every member states with the same value (the least restrictive reading). */
function looseCommon(members: SchemaObject[]): SchemaObject {
  const [first, ...rest] = members as [SchemaObject, ...SchemaObject[]];
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(first)) {
    if (rest.every((m) => JSON.stringify(m[key]) === JSON.stringify(value))) out[key] = value;
  }
  if (members.some((m) => m['x-nullable'] === true)) out['x-nullable'] = true;
  return out;
}

function mergeAll(parts: SchemaObject[]): SchemaObject {
  return parts.every((p) => p.type === 'object' || p.properties !== undefined) ? mergeObjects(parts, 'all', '#') : Object.assign({}, ...parts);
}

/** Merges object schemas: a property in several is merged the same way; `required` per `mode`. */
function mergeObjects(members: SchemaObject[], mode: 'alternatives' | 'all', where: string): SchemaObject {
  const names: string[] = [];
  for (const m of members) for (const name of Object.keys(isObject(m.properties) ? m.properties : {})) if (!names.includes(name)) names.push(name);
  const properties: SchemaObject = {};
  for (const name of names) {
    const variants = members.map((m) => (isObject(m.properties) ? m.properties[name] : undefined)).filter(isObject);
    properties[name] = variants.length === 1 ? (variants[0] as SchemaObject) : mergeAlternatives(variants, `${where}/properties/${name}`);
  }
  const requiredOf = (m: SchemaObject): string[] => (Array.isArray(m.required) ? (m.required as string[]) : []);
  const required = mode === 'all'
    ? names.filter((n) => members.some((m) => requiredOf(m).includes(n)))
    : names.filter((n) => members.every((m) => requiredOf(m).includes(n)));
  const base = looseCommon(members.map(({ properties: _p, required: _r, ...rest }) => rest));
  return { ...base, type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

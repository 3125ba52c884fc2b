import type { Json, SchemaObject } from './to-swagger-schema';

/** How Power Automate shows a field: up front, behind "Show advanced options", or not at all. */
export type Visibility = 'important' | 'advanced' | 'internal';

/** What makers read about one field of a request or response (its `x-ms-summary` and `description`). */
export interface FieldText {
  /** The short label (`x-ms-summary`), e.g. "Contact first name". */
  readonly summary: string;
  /** One or two sentences: what the value means, its format, its default. */
  readonly description: string;
  readonly visibility?: Visibility;
  /** A Swagger `format` the zod schema cannot state (its transform hides it), e.g. `date-time`. */
  readonly format?: string;
  /** Texts of the properties of this object, or of the items of this array. */
  readonly fields?: FieldTexts;
}

/** Texts by property name, mirroring the schema's tree. */
export type FieldTexts = Readonly<Record<string, FieldText>>;

const isObject = (value: Json | undefined): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Thrown when the texts and a schema disagree: a field without texts, or texts for no field. */
export class FieldTextError extends Error {}

/**
 * Adds `x-ms-summary`, `description` (and `x-ms-visibility`, `format` where given) to every property
 * of `schema`, recursively, from `texts`. Every property must have texts and every text a property,
 * so a field added to a zod schema cannot reach the connector undescribed and a renamed one leaves
 * no stale text behind.
 */
export function describeSchema(schema: SchemaObject, texts: FieldTexts, where: string): SchemaObject {
  if (schema.type === 'array' && isObject(schema.items)) return { ...schema, items: describeSchema(schema.items, texts, `${where}[]`) };
  if (!isObject(schema.properties)) {
    if (Object.keys(texts).length > 0) throw new FieldTextError(`${where}: texts for ${Object.keys(texts).join(', ')}, but the schema has no properties`);
    return schema;
  }
  const properties = schema.properties;
  for (const name of Object.keys(texts)) {
    if (!(name in properties)) throw new FieldTextError(`${where}.${name}: described in the connector texts but not in the schema`);
  }
  const described: SchemaObject = {};
  for (const [name, property] of Object.entries(properties)) {
    const text = texts[name];
    if (!text) throw new FieldTextError(`${where}.${name}: no x-ms-summary/description in the connector texts (tools/connector/texts-*.ts)`);
    if (!isObject(property)) throw new FieldTextError(`${where}.${name}: not a schema object`);
    described[name] = describeField(property, text, `${where}.${name}`);
  }
  return { ...schema, properties: described };
}

function describeField(property: SchemaObject, text: FieldText, where: string): SchemaObject {
  const nested = text.fields ?? {};
  const inner = property.type === 'object' || property.type === 'array' ? describeSchema(property, nested, where) : property;
  if (inner === property && Object.keys(nested).length > 0) throw new FieldTextError(`${where}: has field texts but is a ${String(property.type)}`);
  return {
    ...inner,
    ...(text.format ? { format: text.format } : {}),
    'x-ms-summary': text.summary,
    description: text.description,
    ...(text.visibility ? { 'x-ms-visibility': text.visibility } : {}),
  };
}

/** Removes `required` everywhere (a JSON merge patch may name any subset of fields). */
export function withoutRequired(schema: SchemaObject): SchemaObject {
  const { required: _r, ...rest } = schema;
  const out: SchemaObject = { ...rest };
  if (isObject(rest.properties)) {
    out.properties = Object.fromEntries(Object.entries(rest.properties).map(([k, v]) => [k, isObject(v) ? withoutRequired(v) : v]));
  }
  if (isObject(rest.items)) out.items = withoutRequired(rest.items);
  return out;
}

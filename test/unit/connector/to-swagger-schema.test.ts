import { describeSchema, FieldTextError, withoutRequired } from '../../../tools/connector/field-texts';
import { SwaggerSchemaError, toSwaggerSchema, type Json } from '../../../tools/connector/to-swagger-schema';

describe('toSwaggerSchema: JSON Schema (zod) → Swagger 2.0', () => {
  test.each<[string, Json, Json]>([
    ['nullable: true → x-nullable', { type: 'string', nullable: true }, { type: 'string', 'x-nullable': true }],
    ['type [T, null] → T, x-nullable', { type: ['string', 'null'] }, { type: 'string', 'x-nullable': true }],
    ['anyOf with null → the other member, x-nullable', { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] }, { type: 'integer', minimum: 1, 'x-nullable': true }],
    ['const → enum of one', { const: 'external' }, { enum: ['external'], type: 'string' }],
    ['numeric exclusiveMinimum → boolean form', { type: 'number', exclusiveMinimum: 0 }, { type: 'number', minimum: 0, exclusiveMinimum: true }],
    ['$schema, additionalProperties false, propertyNames, uniqueItems are dropped',
      { $schema: 'x', type: 'object', additionalProperties: false, propertyNames: { type: 'string' }, properties: { a: { type: 'array', uniqueItems: true, items: { type: 'string' } } } },
      { type: 'object', properties: { a: { type: 'array', items: { type: 'string' } } } }],
    ['a pattern that restates the format is dropped', { type: 'string', format: 'date-time', pattern: '^\\d{4}-…$' }, { type: 'string', format: 'date-time' }],
    ['zod\'s implicit safe-integer bounds are dropped', { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }, { type: 'integer' }],
    ['objects of anyOf merge; required = what every one requires',
      { anyOf: [{ type: 'object', properties: { s: { type: 'string', enum: ['a'] }, x: { type: 'string' } }, required: ['s', 'x'] }, { type: 'object', properties: { s: { type: 'string', enum: ['b'] }, y: { type: 'number' } }, required: ['s', 'y'] }] },
      { type: 'object', properties: { s: { type: 'string', enum: ['a', 'b'] }, x: { type: 'string' }, y: { type: 'number' } }, required: ['s'] }],
    ['a property in both alternatives keeps only the constraints they share',
      { anyOf: [{ type: 'object', properties: { t: { type: 'string', maxLength: 10 } }, required: ['t'] }, { type: 'object', properties: { t: { type: 'string', maxLength: 99 } }, required: ['t'] }] },
      { type: 'object', properties: { t: { type: 'string' } }, required: ['t'] }],
    ['allOf of objects merges; required = what any part requires',
      { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { type: 'object', properties: { b: { type: 'string' } } }] },
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] }],
  ])('%s', (_name, input, expected) => {
    expect(toSwaggerSchema(input)).toEqual(expected);
  });

  test('alternatives of different types have no Swagger 2.0 form: an error names the place', () => {
    expect(() => toSwaggerSchema({ type: 'object', properties: { v: { anyOf: [{ type: 'string' }, { type: 'number' }] } } }, '#/definitions/X'))
      .toThrow(new SwaggerSchemaError('#/definitions/X/properties/v: Swagger 2.0 cannot express alternatives of types string, number'));
  });
});

describe('describeSchema: texts from the metadata map', () => {
  const schema = { type: 'object', properties: { contact: { type: 'object', properties: { name: { type: 'string' } } }, tags: { type: 'array', items: { type: 'string' } } } };
  const texts = {
    contact: { summary: 'Contact', description: 'Who.', fields: { name: { summary: 'Name', description: 'Their name.', visibility: 'advanced' as const } } },
    tags: { summary: 'Tags', description: 'Labels.' },
  };

  test('adds x-ms-summary, description and visibility to every property, nested ones included', () => {
    expect(describeSchema(schema, texts, 'X')).toEqual({
      type: 'object',
      properties: {
        contact: {
          type: 'object', 'x-ms-summary': 'Contact', description: 'Who.',
          properties: { name: { type: 'string', 'x-ms-summary': 'Name', description: 'Their name.', 'x-ms-visibility': 'advanced' } },
        },
        tags: { type: 'array', items: { type: 'string' }, 'x-ms-summary': 'Tags', description: 'Labels.' },
      },
    });
  });

  test('a property without texts, or texts without a property, is an error naming it', () => {
    expect(() => describeSchema(schema, { tags: texts.tags }, 'X')).toThrow(new FieldTextError('X.contact: no x-ms-summary/description in the connector texts (tools/connector/texts-*.ts)'));
    expect(() => describeSchema(schema, { ...texts, gone: { summary: 'Gone', description: 'Old.' } }, 'X')).toThrow(/X\.gone: described in the connector texts but not in the schema/);
  });

  test('withoutRequired makes every field optional, at every depth (a merge patch)', () => {
    expect(withoutRequired({ type: 'object', required: ['a'], properties: { a: { type: 'object', required: ['b'], properties: { b: { type: 'string' } } } } }))
      .toEqual({ type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'string' } } } } });
  });
});

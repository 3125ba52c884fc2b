import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { z } from 'zod';
import type { CommunicationView } from '../../src/app/meeting-view';
import type { OptOutView } from '../../src/app/opt-outs';
import type { Preview } from '../../src/app/preview-template';
import type { TestSendOutcome } from '../../src/app/send-test-message';
import { checkTemplate } from '../../src/app/template-input';
import { buildSwagger } from '../../tools/connector/build-swagger';
import { CONNECTOR_DIR, generatedFiles } from '../../tools/connector/generated-files';
import { decodePng } from '../../tools/connector/icon-png';
import type { communicationViewSchema, optOutViewSchema, settingsDocumentSchema } from '../../tools/connector/response-schemas';
import { emailTemplateSchema, smsTemplateSchema, type previewSchema } from '../../src/app/template-schemas';
import { NOT_CONNECTOR_ROUTES } from '../../tools/connector/route-catalogue';
import type { Json, SchemaObject } from '../../tools/connector/to-swagger-schema';
import type { SmsEncodingInfo } from '../../src/domain';
import type { StoredSettings } from '../../src/ports/settings-store';

const ROOT = path.resolve(__dirname, '../..');
const REBUILD = 'run `npm run build && npm run connector:build` and commit the result';

/** The operations issue [6/6] asks for; GetTemplateHistory is the extra route functions/templates.ts registers. */
const REQUIRED_OPERATIONS = [
  'ScheduleMeeting', 'UpdateMeeting', 'GetMeeting', 'CancelMeeting', 'GetSettings', 'UpdateSettings', 'PatchSettings',
  'PreviewTemplate', 'GetTemplate', 'UpdateTemplate', 'ResetTemplate', 'GetHealth',
];

/**
 * Routes API.md defines whose handlers are being added on another branch ([4/9] webhooks): the
 * connector describes them already. Once functions/ registers them the check above holds for them
 * too (whatever their path parameter is called); then this list can be emptied.
 */
const PENDING_ROUTES: string[] = [];

const isObject = (value: Json | undefined): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const committedSwagger = (): SchemaObject => JSON.parse(fs.readFileSync(path.join(ROOT, CONNECTOR_DIR, 'apiDefinition.swagger.json'), 'utf8')) as SchemaObject;

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);

/** Each operation of a swagger document: method, path, operation object (not a path item's `x-ms-*` extensions). */
function operationsOf(swagger: SchemaObject): Array<{ method: string; path: string; op: SchemaObject }> {
  const paths = swagger.paths as Record<string, SchemaObject>;
  return Object.entries(paths).flatMap(([p, item]) => Object.entries(item).filter(([method, op]) => METHODS.has(method) && isObject(op)).map(([method, op]) => ({ method, path: p, op: op as SchemaObject })));
}

/**
 * A route as the host matches it: without the query a trigger's swagger path adds (see
 * tools/connector/triggers.ts) and with path parameters unnamed, since the host matches
 * `{id}` and `{subscriptionId}` alike.
 */
const routeKey = (method: string, route: string): string => `${method.toUpperCase()} /${route.replace(/^\//, '').replace(/\?.*$/, '').replace(/\{[^}]+\}/g, '{}')}`;

/** Every schema property in the document, with where it is. */
function propertiesOf(schema: Json, where: string): Array<{ where: string; property: SchemaObject }> {
  if (!isObject(schema)) return [];
  const own = isObject(schema.properties)
    ? Object.entries(schema.properties).flatMap(([name, p]) => [{ where: `${where}.${name}`, property: p as SchemaObject }, ...propertiesOf(p, `${where}.${name}`)])
    : [];
  return [...own, ...propertiesOf(schema.items ?? null, `${where}[]`)];
}

describe('the committed connector is what the generator makes (no drift)', () => {
  const generated = generatedFiles();
  test.each(Object.keys(generated))('%s', (file) => {
    const expected = generated[file] as string | Buffer;
    const target = path.join(ROOT, file);
    if (!fs.existsSync(target)) throw new Error(`${file} is missing: ${REBUILD}.`);
    const committed = fs.readFileSync(target);
    if (/\.png$/i.test(file)) {
      // Compare pixels, not bytes: another zlib may deflate the same image differently.
      const [a, b] = [decodePng(committed), decodePng(expected as Buffer)];
      if (a.width !== b.width || a.height !== b.height || !a.rgb.equals(b.rgb)) throw new Error(`${file} differs from the generated icon: ${REBUILD}.`);
      expect([a.width, a.height]).toEqual([230, 230]);
    } else if (committed.toString('utf8') !== expected) {
      throw new Error(`${file} differs from what the zod schemas and the route catalogue generate: ${REBUILD}.`);
    }
  });
});

describe('apiDefinition.swagger.json', () => {
  const swagger = committedSwagger();

  test('is valid Swagger 2.0 (swagger-parser validates and dereferences it)', async () => {
    const api = await SwaggerParser.validate(structuredClone(swagger) as never);
    expect(api).toMatchObject({ swagger: '2.0', basePath: '/api' });
  });

  test('the solution\'s copy (host from an environment variable) is valid too', async () => {
    const file = path.join(ROOT, 'solution/Connectors/mc_meetingcommunications_openapidefinition.json');
    await expect(SwaggerParser.validate(JSON.parse(fs.readFileSync(file, 'utf8')) as never)).resolves.toBeDefined();
  });

  test('has each required operation exactly once, and no operation twice', () => {
    const ids = operationsOf(swagger).map(({ op }) => op.operationId as string);
    for (const id of REQUIRED_OPERATIONS) expect({ id, count: ids.filter((i) => i === id).length }).toEqual({ id, count: 1 });
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every operation has a summary and a description; every parameter x-ms-summary and description', () => {
    const missing = operationsOf(swagger).flatMap(({ method, path: p, op }) => [
      ...(typeof op.summary === 'string' && typeof op.description === 'string' ? [] : [`${method} ${p}`]),
      ...(op.parameters as SchemaObject[]).filter((param) => !param['x-ms-summary'] || !param.description).map((param) => `${method} ${p} parameter ${String(param.name)}`),
    ]);
    expect(missing).toEqual([]);
  });

  test('every property of every definition has x-ms-summary and description', () => {
    const definitions = swagger.definitions as Record<string, SchemaObject>;
    const properties = Object.entries(definitions).flatMap(([name, schema]) => propertiesOf(schema, name));
    expect(properties.length).toBeGreaterThan(100);
    expect(properties.filter(({ property }) => !property['x-ms-summary'] || !property.description).map(({ where }) => where)).toEqual([]);
  });

  test('advanced fields are marked advanced', () => {
    const request = (swagger.definitions as Record<string, SchemaObject>).ScheduleMeetingRequest as SchemaObject;
    const at = (dotted: string): SchemaObject => dotted.split('.').reduce((s: SchemaObject, name) => (s.properties as Record<string, SchemaObject>)[name] as SchemaObject, request);
    for (const field of ['adminInstructions', 'online.createTeamsMeeting', 'contact.timeZone', 'contact.locale']) expect([field, at(field)['x-ms-visibility']]).toEqual([field, 'advanced']);
  });

  test('4xx answers use the shared Problem definition', () => {
    const answers = operationsOf(swagger).flatMap(({ op }) => Object.entries(op.responses as Record<string, SchemaObject>).filter(([status]) => Number(status) >= 400));
    expect(answers.length).toBeGreaterThan(20);
    for (const [, answer] of answers) expect(answer.schema).toEqual({ $ref: '#/definitions/Problem' });
  });

  test('security: the x-api-key header and Entra ID OAuth', () => {
    expect(swagger.securityDefinitions).toMatchObject({ api_key: { type: 'apiKey', in: 'header', name: 'x-api-key' }, oauth2_auth: { type: 'oauth2' } });
    expect((swagger['x-ms-connector-metadata'] as SchemaObject[]).map((m) => m.propertyName)).toEqual(['Website', 'Privacy policy', 'Categories']);
  });
});

describe('apiProperties.json', () => {
  const properties = JSON.parse(fs.readFileSync(path.join(ROOT, CONNECTOR_DIR, 'apiProperties.json'), 'utf8')).properties;

  test('offers an Entra ID connection and an API-key connection, both naming the service URL the policy routes to', () => {
    const sets = properties.connectionParameterSets.values as Array<{ name: string; parameters: Record<string, { type: string; oAuthSettings?: Record<string, unknown> }> }>;
    expect(sets.map((s) => s.name)).toEqual(['apiKey', 'oauth']);
    const oauth = sets[1]!.parameters.token!;
    expect(oauth).toMatchObject({ type: 'oauthSetting', oAuthSettings: { identityProvider: 'aad', scopes: ['api://meeting-communications/.default'], customParameters: { resourceUri: { value: 'api://meeting-communications' } } } });
    expect(sets[0]!.parameters.api_key!.type).toBe('securestring');
    for (const set of sets) expect(set.parameters.hostUrl!.type).toBe('string');
    expect(properties.policyTemplateInstances).toEqual([expect.objectContaining({ templateId: 'dynamichosturl', parameters: { 'x-ms-apimTemplateParameter.urlTemplate': '@connectionParameters(\'hostUrl\')/api' } })]);
    expect(properties.iconBrandColor).toMatch(/^#[0-9A-F]{6}$/i);
  });
});

describe('the swagger covers every route functions/*.ts registers under /api', () => {
  const registered: Array<{ name: string; route: string; methods: string[] }> = [];

  beforeAll(async () => {
    // Load the real entry files with a stand-in `app` that records each HTTP registration, so routes
    // built from constants or template literals are read exactly as the host would see them.
    jest.doMock('@azure/functions', () => {
      const actual = jest.requireActual('@azure/functions');
      const app = new Proxy({}, {
        get: (_target, method) => (method === 'http'
          ? (name: string, options: { route?: string; methods?: string[] }) => registered.push({ name, route: options.route ?? name, methods: options.methods ?? ['GET', 'POST'] })
          : () => undefined),
      });
      return { ...actual, app };
    });
    // durable-functions registers through its own copy of @azure/functions, which warns outside the host.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const file of fs.readdirSync(path.join(ROOT, 'functions')).filter((f) => f.endsWith('.ts')).sort()) await import(path.join(ROOT, 'functions', file));
    } finally {
      warn.mockRestore();
    }
  });

  afterAll(() => jest.dontMock('@azure/functions'));

  test('routes are found (the capture works)', () => {
    expect(registered.map((r) => r.name)).toEqual(expect.arrayContaining(['ScheduleMeeting', 'GetSettings', 'Health']));
  });

  test('each connector route is in the swagger with the same method', () => {
    const inSwagger = new Set(operationsOf(committedSwagger()).map(({ method, path: p }) => routeKey(method, p)));
    const routes = registered.filter((r) => !NOT_CONNECTOR_ROUTES.some((x) => x.route.test(r.route)));
    const missing = routes.flatMap((r) => r.methods.map((m) => routeKey(m, r.route))).filter((route) => !inSwagger.has(route));
    expect(missing).toEqual([]);
  });

  test('each swagger operation is a registered route (nothing describes a route that does not exist), but for routes still being built', () => {
    const routes = new Set(registered.flatMap((r) => r.methods.map((m) => routeKey(m, r.route))));
    const stale = operationsOf(committedSwagger()).map(({ method, path: p }) => routeKey(method, p))
      .filter((route) => !routes.has(route) && !PENDING_ROUTES.includes(route));
    expect(stale).toEqual([]);
  });
});

/** Mutual assignability: the connector's zod shapes and the handlers' types describe the same JSON. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The schema is at least as precise as the handler's type (e.g. an enum for its string) and has the same fields. */
type Fits<Schema, Handler> = [Schema] extends [Handler] ? Same<keyof Schema, keyof Handler> : false;
const sameShape = <T extends true>(value: T): T => value;

test('response schemas have the types the handlers answer with (checked by tsc)', () => {
  expect(sameShape<Fits<z.infer<typeof communicationViewSchema>, CommunicationView>>(true)).toBe(true);
  expect(sameShape<Same<NonNullable<z.infer<typeof previewSchema>['sms']>, SmsEncodingInfo>>(true)).toBe(true);
  expect(sameShape<Same<Omit<z.infer<typeof previewSchema>, 'testSend'>, Preview>>(true)).toBe(true);
  expect(sameShape<Same<NonNullable<z.infer<typeof previewSchema>['testSend']>, TestSendOutcome>>(true)).toBe(true);
  expect(sameShape<Same<z.infer<typeof settingsDocumentSchema>, StoredSettings['settings'] & Pick<StoredSettings, 'updatedAt' | 'updatedBy'>>>(true)).toBe(true);
  expect(sameShape<Same<z.infer<typeof optOutViewSchema>, OptOutView>>(true)).toBe(true);
  expect(buildSwagger().info).toMatchObject({ title: 'Meeting Communications' });
});

describe('the template schemas the connector documents accept what the template handlers accept', () => {
  const long = (n: number): string => 'x'.repeat(n);
  test.each<[string, 'email' | 'sms', boolean, unknown]>([
    ['an email', 'email', true, { subject: 'Hi {{ contactFirstName }}', text: 'Hello', html: '<p>Hello</p>' }],
    ['an email without html', 'email', false, { subject: 'Hi', text: 'Hello' }],
    ['an email with an extra key', 'email', false, { subject: 'Hi', text: 'Hello', html: '<p>Hello</p>', footer: 'x' }],
    ['an email with a blank subject', 'email', false, { subject: '  ', text: 'Hello', html: '<p>Hello</p>' }],
    ['an email subject of 301 characters', 'email', false, { subject: long(301), text: 'Hello', html: '<p>Hello</p>' }],
    ['an SMS', 'sms', true, { text: 'Reminder: see you soon.' }],
    ['an SMS of 1 601 characters', 'sms', false, { text: long(1601) }],
    ['an SMS with a subject', 'sms', false, { text: 'Hi', subject: 'x' }],
  ])('%s', (_name, channel, accepted, body) => {
    const handler = checkTemplate({ type: 'reminder', channel, locale: 'en-US' }, body).ok;
    const documented = (channel === 'email' ? emailTemplateSchema : smsTemplateSchema).safeParse(body).success;
    expect({ handler, documented }).toEqual({ handler: accepted, documented: accepted });
  });
});

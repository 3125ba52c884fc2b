import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { DOMAIN_EVENT_TYPES, EVENT_DATA_SCHEMAS, type CloudEventEnvelope } from '../../src/domain/events/domain-event';
import { createSubscriptionSchema, createdSubscriptionSchema } from '../../src/domain/webhooks/subscription-schema';
import { CONNECTOR_DIR } from '../../tools/connector/generated-files';
import type { Json, SchemaObject } from '../../tools/connector/to-swagger-schema';
import { CLOUD_EVENT_SCHEMAS, TRIGGERS, eventsOf, triggerPath } from '../../tools/connector/triggers';

const ROOT = path.resolve(__dirname, '../..');
const swagger = JSON.parse(fs.readFileSync(path.join(ROOT, CONNECTOR_DIR, 'apiDefinition.swagger.json'), 'utf8')) as SchemaObject;
const paths = swagger.paths as Record<string, SchemaObject>;
const definitions = swagger.definitions as Record<string, SchemaObject>;
const isObject = (value: Json | undefined): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const props = (schema: Json | undefined): Record<string, SchemaObject> => (isObject(schema) && isObject(schema.properties) ? schema.properties as Record<string, SchemaObject> : {});
const deref = (schema: SchemaObject): SchemaObject => (typeof schema.$ref === 'string' ? definitions[schema.$ref.replace('#/definitions/', '')] as SchemaObject : schema);

/** Every operation marked as a trigger, wherever it is. */
const triggerOperations = Object.entries(paths).flatMap(([p, item]) => Object.entries(item)
  .filter(([, op]) => isObject(op) && op['x-ms-trigger'] !== undefined)
  .map(([method, op]) => ({ path: p, method, item, op: op as SchemaObject })));

describe.each(TRIGGERS.map((t) => [t.operationId, t] as const))('trigger %s', (_id, trigger) => {
  const item = paths[triggerPath(trigger)] as SchemaObject;
  const op = item.post as SchemaObject;
  const body = (op.parameters as SchemaObject[]).find((p) => p.in === 'body') as SchemaObject;
  const bodySchema = body.schema as SchemaObject;

  test('is a single webhook trigger: POST to the subscriptions route, a maker-facing "When …" name', () => {
    expect(op).toMatchObject({ operationId: trigger.operationId, 'x-ms-trigger': 'single', summary: expect.stringMatching(/^When /) });
    expect(typeof op['x-ms-trigger-hint']).toBe('string');
    expect(triggerPath(trigger).split('?')[0]).toBe('/subscriptions');
  });

  test('its body has the notification URL Power Automate fills in: required, internal, x-ms-notification-url', () => {
    const marked = Object.entries(props(bodySchema)).filter(([, p]) => p['x-ms-notification-url'] === true);
    expect(marked.map(([name]) => name)).toEqual(['notificationUrl']);
    expect(marked[0]?.[1]['x-ms-visibility']).toBe('internal');
    expect(bodySchema.required).toContain('notificationUrl');
  });

  test('the body has exactly createSubscriptionSchema\'s fields; the events are a choice among the family\'s, all by default', () => {
    expect(Object.keys(props(bodySchema)).sort()).toEqual(Object.keys(createSubscriptionSchema.shape).sort());
    const events = props(bodySchema).events as SchemaObject;
    expect((events.items as SchemaObject).enum).toEqual(eventsOf(trigger.family));
    expect(events.default).toEqual(eventsOf(trigger.family));
    // Power Automate sends an internal field's default; one without a default would be sent empty.
    for (const [name, p] of Object.entries(props(bodySchema))) {
      if (p['x-ms-visibility'] === 'internal' && p['x-ms-notification-url'] !== true) expect({ name, default: typeof p.default }).toEqual({ name, default: 'string' });
    }
  });

  test('answers 201 with a Location header (how Power Automate deletes the subscription), and a DELETE operation exists for it', () => {
    const created = (op.responses as Record<string, SchemaObject>)['201'] as SchemaObject;
    expect(Object.keys(created.headers as SchemaObject)).toEqual(['Location']);
    expect(deref(created.schema as SchemaObject)).toBe(definitions.CreatedSubscription);
    expect(Object.keys(props(definitions.CreatedSubscription)).sort()).toEqual(Object.keys(createdSubscriptionSchema.shape).sort());
    expect(paths['/subscriptions/{subscriptionId}']?.delete).toMatchObject({ operationId: 'DeleteSubscription' });
  });

  test('x-ms-notification-content: the CloudEvents body, its type the family\'s events, its data the zod schema\'s fields', () => {
    const content = item['x-ms-notification-content'] as SchemaObject;
    const schema = deref(content.schema as SchemaObject);
    expect(schema).toBeDefined();
    expect(Object.keys(props(schema)).sort()).toEqual(['data', 'datacontenttype', 'id', 'source', 'specversion', 'subject', 'time', 'type']);
    expect(props(schema).type?.enum).toEqual(eventsOf(trigger.family));
    const data = props(schema).data as SchemaObject;
    expect(Object.keys(props(data)).sort()).toEqual(Object.keys(EVENT_DATA_SCHEMAS[trigger.family].shape).sort());
    for (const [name, p] of Object.entries(props(data))) expect({ name, summary: typeof p['x-ms-summary'], description: typeof p.description }).toEqual({ name, summary: 'string', description: 'string' });
  });
});

describe('the triggers together', () => {
  test('are exactly the catalogue\'s: one per event family, nothing else marked a trigger', () => {
    expect(triggerOperations.map((t) => t.op.operationId).sort()).toEqual(TRIGGERS.map((t) => t.operationId).sort());
    expect(new Set(TRIGGERS.map((t) => t.family)).size).toBe(TRIGGERS.length);
  });

  test('cover every event name in DOMAIN_EVENT_TYPES exactly once', () => {
    const offered = triggerOperations.flatMap(({ op }) => {
      const body = (op.parameters as SchemaObject[]).find((p) => p.in === 'body') as SchemaObject;
      return (props(body.schema).events?.items as SchemaObject).enum as string[];
    });
    expect([...offered].sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
    expect(new Set(offered).size).toBe(offered.length);
    for (const trigger of TRIGGERS) expect(Object.keys(trigger.events)).toEqual(eventsOf(trigger.family));
  });

  test('the plain subscription operations: Create is internal (the triggers use it), List and Delete are there', () => {
    expect(paths['/subscriptions']?.post).toMatchObject({ operationId: 'CreateSubscription', 'x-ms-visibility': 'internal' });
    expect(paths['/subscriptions']?.get).toMatchObject({ operationId: 'ListSubscriptions' });
    const deleted = (paths['/subscriptions/{subscriptionId}']?.delete as SchemaObject).responses as SchemaObject;
    expect(Object.keys(deleted).sort()).toEqual(['204', '401', '403', '404']);
  });
});

/** Mutual assignability of the connector's notification schema and the domain's envelope type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <T extends true>(value: T): T => value;

test('the notification schemas have the domain\'s CloudEvents envelope type (checked by tsc)', () => {
  type Envelope<F extends keyof typeof CLOUD_EVENT_SCHEMAS> = z.infer<(typeof CLOUD_EVENT_SCHEMAS)[F]>;
  type All = Envelope<'meeting'> | Envelope<'communication'> | Envelope<'reply'> | Envelope<'contact'>;
  expect(same<Same<keyof All, keyof CloudEventEnvelope>>(true)).toBe(true);
  const assignable: CloudEventEnvelope[] = [] as All[];
  expect(assignable).toEqual([]);
});

test('the makers\' READMEs name every trigger, and the connector\'s README every event', () => {
  const connectorReadme = fs.readFileSync(path.join(ROOT, CONNECTOR_DIR, 'README.md'), 'utf8');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const trigger of TRIGGERS) {
    expect({ trigger: trigger.summary, inConnectorReadme: connectorReadme.includes(`**${trigger.summary}** (\`${trigger.operationId}\`)`), inReadme: readme.includes(`**${trigger.summary}**`) })
      .toEqual({ trigger: trigger.summary, inConnectorReadme: true, inReadme: true });
  }
  for (const event of DOMAIN_EVENT_TYPES) expect({ event, named: connectorReadme.includes(`\`${event}\``) }).toEqual({ event, named: true });
});

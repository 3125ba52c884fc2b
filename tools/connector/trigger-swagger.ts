import type { Json, SchemaObject } from './to-swagger-schema';
import { eventDefinitionName, eventsOf, eventsText, type Trigger } from './triggers';

const isObject = (value: Json | undefined): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A trigger's body: POST /subscriptions' body (generated from createSubscriptionSchema) where
 * Power Automate fills in the notification URL, the maker picks among the family's events (all by
 * default), and the description says which trigger made the subscription.
 */
function triggerBody(trigger: Trigger, request: SchemaObject): SchemaObject {
  const { title: _t, description: _d, ...schema } = request;
  const properties = isObject(schema.properties) ? schema.properties : {};
  const [url, events, description] = [properties.notificationUrl, properties.events, properties.description];
  if (!isObject(url) || !isObject(events) || !isObject(events.items) || !isObject(description)) {
    throw new Error('CreateSubscriptionRequest lacks notificationUrl, events or description');
  }
  const family = eventsOf(trigger.family);
  return {
    ...schema,
    properties: {
      notificationUrl: { ...url, 'x-ms-notification-url': true, 'x-ms-visibility': 'internal' },
      events: {
        ...events, items: { ...events.items, enum: family }, maxItems: family.length, default: family,
        'x-ms-summary': 'Which events', description: eventsText(trigger), 'x-ms-visibility': 'important',
      },
      description: { ...description, default: `Power Automate: ${trigger.summary}`, 'x-ms-visibility': 'internal' },
    },
  };
}

/**
 * The swagger path item of a webhook trigger, as Power Automate expects one: the operation marked
 * `x-ms-trigger: single`, answering 201 with a Location header (how the platform deletes the
 * subscription), and `x-ms-notification-content` naming the schema of what each delivery POSTs.
 * The rest (answers, security) is CreateSubscription's.
 */
export function triggerPathItem(trigger: Trigger, subscribe: SchemaObject, request: SchemaObject): SchemaObject {
  const parameters = (subscribe.parameters as SchemaObject[]).map((p) => (p.in === 'body'
    ? { ...p, schema: triggerBody(trigger, request), 'x-ms-summary': 'Events', description: 'Which events start the flow.' }
    : p));
  const { 'x-ms-visibility': _v, ...operation } = subscribe;
  return {
    'x-ms-notification-content': {
      description: trigger.notification,
      schema: { $ref: `#/definitions/${eventDefinitionName(trigger.family)}` },
    },
    post: {
      ...operation,
      summary: trigger.summary,
      description: trigger.description,
      operationId: trigger.operationId,
      'x-ms-trigger': 'single',
      'x-ms-trigger-hint': trigger.hint,
      parameters,
    },
  };
}

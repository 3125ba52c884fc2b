import { channelSchema, supportedLocaleSchema, templateTypeSchema } from '../../src/domain';
import { meetingIdSchema } from '../../src/domain/meeting/meeting-fields';
import { CONNECTOR } from './connector-identity';
import { DEFINITIONS, definitionSchema, parameterSchema } from './definitions';
import { OPERATIONS, type Operation, type ParameterName, type ResponseSpec } from './route-catalogue';
import { LOCALES_TEXT } from './texts-common';
import { TEMPLATE_TYPES_TEXT } from './texts-replies';
import type { Json, SchemaObject } from './to-swagger-schema';
import { triggerPathItem } from './trigger-swagger';
import { TRIGGERS, triggerPath } from './triggers';

const path = (name: string, summary: string, description: string, schema: SchemaObject): SchemaObject =>
  ({ name, in: 'path', required: true, ...schema, 'x-ms-summary': summary, description });

/** The parameters outside the body, typed by the zod schemas the handlers validate them with. */
const PARAMETERS: Readonly<Record<ParameterName, () => SchemaObject>> = {
  meetingId: () => path('meetingId', 'Meeting ID', 'The meeting\'s ID, as given to Schedule a meeting.', parameterSchema(meetingIdSchema)),
  ifMatch: () => ({
    name: 'If-Match', in: 'header', required: true, type: 'string',
    'x-ms-summary': 'ETag', description: 'The ETag from Get the settings: the change is refused if someone changed the settings since.',
  }),
  templateType: () => path('type', 'Message type', TEMPLATE_TYPES_TEXT, parameterSchema(templateTypeSchema)),
  templateChannel: () => path('channel', 'Channel', 'email or sms.', parameterSchema(channelSchema)),
  templateLocale: () => path('locale', 'Language', `${LOCALES_TEXT}.`, parameterSchema(supportedLocaleSchema)),
  // Validated by normalisePhone (libphonenumber), not a zod schema: the handler answers 400 naming phone.
  unmatched: () => ({
    name: 'unmatched', in: 'query', required: false, type: 'boolean', default: true,
    'x-ms-summary': 'Unmatched only', description: 'true (the default): the replies no prompt or keyword answered.',
  }),
  subscriptionId: () => path('subscriptionId', 'Subscription ID', 'The subscription\'s ID, as Subscribe to events or List event subscriptions gave it.', { type: 'string' }),
  ticketId: () => path('ticketId', 'Ticket ID', 'The ticket\'s ID, as the ticket event names it.', { type: 'string' }),
  deflectionId: () => path('deflectionId', 'Deflection ID', 'The deflection\'s ID, as the IVR gave it or the ticket names it.', { type: 'string' }),
  phone: () => path('phone', 'Phone number', 'The customer\'s number in international format, e.g. +14255550123 (URL-encoded: %2B14255550123).', { type: 'string' }),
};

function response(spec: ResponseSpec): SchemaObject {
  const out: SchemaObject = { description: spec.description };
  if (spec.definition) out.schema = { $ref: `#/definitions/${spec.definition}` };
  if (spec.headers) {
    out.headers = Object.fromEntries(Object.entries(spec.headers).map(([name, h]) => [name, { type: 'string', 'x-ms-summary': name, description: h.description }]));
  }
  return out;
}

function operation(op: Operation): SchemaObject {
  const parameters: Json[] = op.parameters.map((name) => PARAMETERS[name]());
  if (op.body) {
    parameters.push({
      name: 'body', in: 'body', required: true, schema: { $ref: `#/definitions/${op.body.definition}` },
      'x-ms-summary': op.body.summary, description: op.body.description,
    });
  }
  return {
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    operationId: op.operationId,
    ...(op.visibility ? { 'x-ms-visibility': op.visibility } : {}),
    ...(op.body ? { consumes: ['application/json'] } : {}),
    produces: ['application/json', 'application/problem+json'],
    parameters,
    responses: Object.fromEntries(Object.entries(op.responses).map(([status, spec]) => [status, response(spec)])),
    ...(op.operationId === 'GetHealth' ? { security: [] } : {}),
  };
}

/**
 * The connector's apiDefinition.swagger.json (Swagger 2.0): every operation of the route catalogue,
 * with body and answer schemas generated from the zod schemas the handlers validate with, and one
 * webhook trigger per event family (triggers.ts).
 */
export function buildSwagger(): SchemaObject {
  const paths: Record<string, SchemaObject> = {};
  for (const op of OPERATIONS) paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation(op) };
  const subscribe = OPERATIONS.find((op) => op.operationId === 'CreateSubscription');
  if (!subscribe) throw new Error('The route catalogue has no CreateSubscription');
  for (const trigger of TRIGGERS) paths[triggerPath(trigger)] = triggerPathItem(trigger, operation(subscribe), definitionSchema('CreateSubscriptionRequest'));
  return {
    swagger: '2.0',
    info: {
      title: CONNECTOR.title,
      description: CONNECTOR.description,
      version: CONNECTOR.version,
      contact: { name: CONNECTOR.publisher, url: CONNECTOR.website },
    },
    host: CONNECTOR.host,
    basePath: CONNECTOR.basePath,
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    paths,
    definitions: Object.fromEntries(Object.keys(DEFINITIONS).map((name) => [name, definitionSchema(name)])),
    securityDefinitions: {
      api_key: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'The function app\'s API_KEY setting.' },
      oauth2_auth: {
        type: 'oauth2',
        flow: 'accessCode',
        authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/authorize',
        tokenUrl: 'https://login.microsoftonline.com/common/oauth2/authorize',
        scopes: { [CONNECTOR.scope]: 'Call Meeting Communications as the signed-in user.' },
        description: 'Microsoft Entra ID.',
      },
    },
    security: [{ api_key: [] }, { oauth2_auth: [CONNECTOR.scope] }],
    tags: [
      { name: 'Meetings', description: 'Schedule, update, read and cancel meetings.' },
      { name: 'Settings', description: 'What is sent, by which channel, and when (admins).' },
      { name: 'Templates', description: 'The message templates (admins).' },
      { name: 'OptOuts', description: 'Customer numbers that asked for no more SMS (admins).' },
      { name: 'Replies', description: 'Customers\' replies no prompt answered (staff).' },
      { name: 'Subscriptions', description: 'Events POSTed to flows: the triggers, and the subscriptions behind them.' },
      { name: 'Health', description: 'Whether the service runs.' },
    ],
    'x-ms-connector-metadata': [
      { propertyName: 'Website', propertyValue: CONNECTOR.website },
      { propertyName: 'Privacy policy', propertyValue: CONNECTOR.privacyPolicy },
      { propertyName: 'Categories', propertyValue: CONNECTOR.categories },
    ],
  };
}

/** The file's bytes: two-space JSON with a final newline. */
export const jsonFile = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

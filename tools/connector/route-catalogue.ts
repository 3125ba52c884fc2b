import { LINK_ROUTE_SEGMENT } from '../../src/domain';
import type { Visibility } from './field-texts';
import { DEFLECTION_OPERATIONS } from './deflection-connector';

/** An HTTP method as Swagger spells it. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A parameter outside the body, declared once in {@link PARAMETERS}. */
export type ParameterName = 'meetingId' | 'ifMatch' | 'templateType' | 'templateChannel' | 'templateLocale' | 'phone' | 'unmatched' | 'subscriptionId' | 'ticketId' | 'deflectionId';

/** An answer of an operation: a definition for its body, and headers it sets. */
export interface ResponseSpec {
  readonly description: string;
  readonly definition?: string;
  readonly headers?: Readonly<Record<string, { readonly description: string }>>;
}

/** One public route of API.md as a connector operation. */
export interface Operation {
  readonly operationId: string;
  readonly method: Method;
  /** The route under the `/api` prefix (the swagger's basePath), as functions/*.ts registers it. */
  readonly path: string;
  readonly tag: 'Meetings' | 'Settings' | 'Templates' | 'OptOuts' | 'Replies' | 'Subscriptions' | 'Tickets' | 'Health';
  readonly summary: string;
  readonly description: string;
  readonly visibility?: Visibility;
  readonly parameters: readonly ParameterName[];
  readonly body?: { readonly definition: string; readonly summary: string; readonly description: string };
  readonly responses: Readonly<Record<number, ResponseSpec>>;
}

const problem = (description: string): ResponseSpec => ({ description, definition: 'Problem' });
const BAD_REQUEST = problem('Invalid input; the errors name each field. Nothing was changed.');
const UNAUTHORIZED = problem('No valid API key or token.');
const FORBIDDEN = problem('The token lacks the role this operation needs.');
const NOT_FOUND_MEETING = problem('No such meeting.');
const ADMIN_ERRORS = { 401: UNAUTHORIZED, 403: FORBIDDEN } as const;
const ETAG = { ETag: { description: 'The settings\' version: send it as If-Match to change them.' } };
const TEMPLATE_PATH: readonly ParameterName[] = ['templateType', 'templateChannel', 'templateLocale'];
const NO_TEMPLATE = problem('No such template: the type, channel or language is unknown.');
/** What PUT and PATCH /settings answer (both need the current ETag in If-Match). */
/** The answer Power Automate keeps a trigger's subscription by: it DELETEs the Location when the flow goes off. */
export const SUBSCRIPTION_CREATED: ResponseSpec = {
  description: 'The subscription was created.', definition: 'CreatedSubscription',
  headers: { Location: { description: 'The subscription\'s URL (…/api/subscriptions/{id}): DELETE it to stop the deliveries.' } },
};
const SETTINGS_WRITE_RESPONSES = {
  200: { description: 'The settings now in force.', definition: 'SettingsDocument', headers: ETAG }, 400: BAD_REQUEST, ...ADMIN_ERRORS,
  412: problem('Someone else changed the settings: get them again and reapply your change.'), 428: problem('If-Match is missing.'),
};

/**
 * Every public route of API.md, in the order the swagger lists them. `/api/links/*` (customer pages),
 * the admin page, `/api/events/acs` (Event Grid) and the devhost's `/dev/*` are not connector
 * operations: see {@link NOT_CONNECTOR_ROUTES}.
 */
export const OPERATIONS: readonly Operation[] = [
  {
    operationId: 'ScheduleMeeting', method: 'post', path: '/meetings', tag: 'Meetings', visibility: 'important',
    summary: 'Schedule a meeting',
    description: 'Stores a meeting and plans its confirmation and reminder by email and SMS, as the settings allow. Sending the same meeting again changes nothing; a changed meeting with the same ID is an update.',
    parameters: [],
    body: { definition: 'ScheduleMeetingRequest', summary: 'Meeting', description: 'The meeting.' },
    responses: { 202: { description: 'The meeting was stored.', definition: 'MeetingAccepted' }, 400: BAD_REQUEST, 401: UNAUTHORIZED, 409: problem('The meeting was cancelled and cannot change.') },
  },
  {
    operationId: 'UpdateMeeting', method: 'put', path: '/meetings/{meetingId}', tag: 'Meetings', visibility: 'important',
    summary: 'Update a meeting',
    description: 'Replaces a meeting with its current details. A new time, place or join link re-plans the reminder and sends an updated confirmation (if confirmations are on).',
    parameters: ['meetingId'],
    body: { definition: 'UpdateMeetingRequest', summary: 'Meeting', description: 'The whole meeting as it is now.' },
    responses: {
      202: { description: 'The meeting was updated.', definition: 'MeetingAccepted' }, 400: BAD_REQUEST, 401: UNAUTHORIZED, 404: NOT_FOUND_MEETING,
      409: problem('The meeting was cancelled and cannot change.'),
    },
  },
  {
    operationId: 'GetMeeting', method: 'get', path: '/meetings/{meetingId}', tag: 'Meetings',
    summary: 'Get a meeting',
    description: 'Returns a meeting, its status, and every message sent, planned or skipped for it.',
    parameters: ['meetingId'],
    responses: { 200: { description: 'The meeting.', definition: 'Meeting' }, 401: UNAUTHORIZED, 404: NOT_FOUND_MEETING },
  },
  {
    operationId: 'CancelMeeting', method: 'post', path: '/meetings/{meetingId}/cancel', tag: 'Meetings', visibility: 'important',
    summary: 'Cancel a meeting',
    description: 'Cancels a meeting: pending messages stop. With source external (a cancellation already made in Dynamics 365, Outlook or another system) no notice is sent; from a portal, with the signed-in customer\'s contact ID, a cancellation notice follows if enabled. A repeat is harmless.',
    parameters: ['meetingId'],
    body: { definition: 'CancelMeetingRequest', summary: 'Cancellation', description: 'Who cancels, and why.' },
    responses: {
      200: { description: 'The meeting is cancelled.', definition: 'CancelMeetingResult' }, 400: BAD_REQUEST, 401: UNAUTHORIZED,
      403: problem('The token may not cancel for this contact.'), 404: NOT_FOUND_MEETING, 409: problem('The meeting cannot be cancelled in its state.'),
      422: problem('The meeting has already started.'), 429: problem('Too many requests; try again after the Retry-After delay.'),
    },
  },
  {
    operationId: 'GetSettings', method: 'get', path: '/settings', tag: 'Settings', visibility: 'advanced',
    summary: 'Get the settings',
    description: 'Returns what is sent, by which channel and when, with the ETag needed to change it.',
    parameters: [],
    responses: { 200: { description: 'The settings.', definition: 'SettingsDocument', headers: ETAG }, ...ADMIN_ERRORS },
  },
  {
    operationId: 'UpdateSettings', method: 'put', path: '/settings', tag: 'Settings', visibility: 'advanced',
    summary: 'Replace the settings',
    description: 'Replaces the whole settings document. Needs the ETag from Get the settings; changes apply to meetings already scheduled.',
    parameters: ['ifMatch'],
    body: { definition: 'Settings', summary: 'Settings', description: 'The whole settings document.' },
    responses: SETTINGS_WRITE_RESPONSES,
  },
  {
    operationId: 'PatchSettings', method: 'patch', path: '/settings', tag: 'Settings', visibility: 'advanced',
    summary: 'Change some settings',
    description: 'Changes only the settings given (a JSON merge patch). Needs the ETag from Get the settings.',
    parameters: ['ifMatch'],
    body: { definition: 'SettingsPatch', summary: 'Changes', description: 'The settings to change.' },
    responses: SETTINGS_WRITE_RESPONSES,
  },
  {
    operationId: 'PreviewTemplate', method: 'post', path: '/templates/preview', tag: 'Templates', visibility: 'advanced',
    summary: 'Preview a message',
    description: 'Renders a message template with a meeting (or sample data) and reports the SMS length and encoding; optionally sends it as a test. Stores nothing.',
    parameters: [],
    body: { definition: 'TemplatePreviewRequest', summary: 'Preview', description: 'What to preview.' },
    responses: {
      200: { description: 'The rendered message.', definition: 'TemplatePreview' }, 400: BAD_REQUEST, ...ADMIN_ERRORS,
      422: problem('The template in force cannot render with this meeting.'), 429: problem('Too many test sends; try again after the Retry-After delay.'),
    },
  },
  {
    operationId: 'GetTemplate', method: 'get', path: '/templates/{type}/{channel}/{locale}', tag: 'Templates', visibility: 'advanced',
    summary: 'Get a message template',
    description: 'Returns the template in force for a message type, channel and language: an admin\'s override or the shipped default.',
    parameters: TEMPLATE_PATH,
    responses: { 200: { description: 'The template.', definition: 'Template' }, ...ADMIN_ERRORS, 404: NO_TEMPLATE },
  },
  {
    operationId: 'UpdateTemplate', method: 'put', path: '/templates/{type}/{channel}/{locale}', tag: 'Templates', visibility: 'advanced',
    summary: 'Save a message template',
    description: 'Saves an override of a template (a new version). A template using an unknown merge field, or with a Liquid syntax error, is refused with the line and column.',
    parameters: TEMPLATE_PATH,
    body: { definition: 'TemplateSources', summary: 'Template', description: 'The Liquid sources.' },
    responses: { 200: { description: 'The template now in force.', definition: 'Template' }, 400: BAD_REQUEST, ...ADMIN_ERRORS, 404: NO_TEMPLATE },
  },
  {
    operationId: 'ResetTemplate', method: 'delete', path: '/templates/{type}/{channel}/{locale}', tag: 'Templates', visibility: 'advanced',
    summary: 'Reset a message template',
    description: 'Goes back to the shipped default template; saved versions stay in the history.',
    parameters: TEMPLATE_PATH,
    responses: { 200: { description: 'The default template, now in force.', definition: 'Template' }, ...ADMIN_ERRORS, 404: NO_TEMPLATE },
  },
  {
    operationId: 'GetTemplateHistory', method: 'get', path: '/templates/{type}/{channel}/{locale}/history', tag: 'Templates', visibility: 'advanced',
    summary: 'List a template\'s versions',
    description: 'Returns the saved versions of a template (at most 10), newest first.',
    parameters: TEMPLATE_PATH,
    responses: { 200: { description: 'The versions.', definition: 'TemplateHistory' }, ...ADMIN_ERRORS, 404: NO_TEMPLATE },
  },
  {
    operationId: 'GetOptOut', method: 'get', path: '/optouts/{phone}', tag: 'OptOuts', visibility: 'advanced',
    summary: 'Get a number\'s SMS opt-out',
    description: 'Whether a customer number receives SMS: a STOP reply (or an opt-out recorded for them) stops every SMS to it until they reply START.',
    parameters: ['phone'],
    responses: { 200: { description: 'The number\'s opt-out state.', definition: 'OptOut' }, 400: BAD_REQUEST, ...ADMIN_ERRORS },
  },
  {
    operationId: 'UpdateOptOut', method: 'put', path: '/optouts/{phone}', tag: 'OptOuts', visibility: 'advanced',
    summary: 'Record an SMS opt-out',
    description: 'Records that a customer asked (by phone, in person) for no more SMS. Opting back in is refused: only the customer can, by replying START. A repeat is harmless.',
    parameters: ['phone'],
    body: { definition: 'OptOutUpdateRequest', summary: 'Opt-out', description: 'The opt-out to record.' },
    responses: {
      200: { description: 'The number\'s opt-out state.', definition: 'OptOut' }, 400: BAD_REQUEST, ...ADMIN_ERRORS,
      409: problem('Opting back in is refused: only the customer can, by replying START.'),
    },
  },
  {
    operationId: 'ListReplies', method: 'get', path: '/replies', tag: 'Replies', visibility: 'advanced',
    summary: 'List unmatched replies',
    description: 'SMS replies from customers that no prompt or keyword answered, newest first (at most 200), for staff to read and act on.',
    parameters: ['unmatched'],
    responses: { 200: { description: 'The replies.', definition: 'ReplyList' }, 400: BAD_REQUEST, ...ADMIN_ERRORS },
  },
  {
    operationId: 'CreateSubscription', method: 'post', path: '/subscriptions', tag: 'Subscriptions', visibility: 'internal',
    summary: 'Subscribe to events',
    description: 'Asks for events to be POSTed to a URL (CloudEvents 1.0, signed per Standard Webhooks). The triggers of this connector use it; flows need not.',
    parameters: [],
    body: { definition: 'CreateSubscriptionRequest', summary: 'Subscription', description: 'Where to POST which events.' },
    responses: { 201: SUBSCRIPTION_CREATED, 400: BAD_REQUEST, ...ADMIN_ERRORS },
  },
  {
    operationId: 'ListSubscriptions', method: 'get', path: '/subscriptions', tag: 'Subscriptions', visibility: 'advanced',
    summary: 'List event subscriptions',
    description: 'Returns every webhook subscription (one per flow trigger in use), without secrets.',
    parameters: [],
    responses: { 200: { description: 'The subscriptions.', definition: 'SubscriptionList' }, ...ADMIN_ERRORS },
  },
  {
    operationId: 'DeleteSubscription', method: 'delete', path: '/subscriptions/{subscriptionId}', tag: 'Subscriptions', visibility: 'advanced',
    summary: 'Delete an event subscription',
    description: 'Stops the deliveries of a subscription. Power Automate does this itself when a flow with a trigger is switched off or deleted.',
    parameters: ['subscriptionId'],
    responses: { 204: { description: 'The subscription is deleted.' }, ...ADMIN_ERRORS, 404: problem('No such subscription.') },
  },
  ...DEFLECTION_OPERATIONS,
  {
    operationId: 'GetHealth', method: 'get', path: '/health', tag: 'Health', visibility: 'advanced',
    summary: 'Check the service',
    description: 'Whether the service runs and is configured, and which providers send email and SMS. Needs no credentials.',
    parameters: [],
    responses: { 200: { description: 'The service is up.', definition: 'Health' }, 503: problem('The service\'s configuration is invalid.') },
  },
];

/** Routes functions/*.ts registers under /api that are deliberately not connector operations. */
export const NOT_CONNECTOR_ROUTES: readonly { readonly route: RegExp; readonly reason: string }[] = [
  { route: new RegExp(`^${LINK_ROUTE_SEGMENT}/`), reason: 'customer deep-link pages (HTML), reached from messages' },
  { route: /^manage(\/|$)/, reason: 'the admin page and its assets (HTML, CSS, JS)' },
  { route: /^events\//, reason: 'the Event Grid webhook of Azure Communication Services' },
  { route: /^deflections$/, reason: "the IVR's call (Adereso's body and Authorization: Key), not a flow's" },
];

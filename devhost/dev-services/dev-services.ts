import { followDevhostClock, installFallbackOnlineMeetings, installFallbackProvider, localOnlineMeetingsProvider, onLocalCallAction, installSenderDecorator, installWorkflowDecorator, maskLinkTokens, outboxProvider, type OutboxMessage } from '../../src/adapters/devhost-hooks';
import type { Engine } from '../durable/engine';
import type { HostExtension, HostServices } from '../functions-host/extension';
import type { FunctionsHost } from '../functions-host/host';
import { ClockController } from './clock-controller';
import { clockRoute } from './clock-route';
import { crashBeforeStartFromEnv, crashDecoratorFromEnv } from './crash-decorator';
import { createDevIssuer, DEVHOST_LITERAL, useDevIssuer, type DevIssuer } from './dev-issuer';
import { deliveredReport } from './acs-events';
import { devEventsRoute } from './dev-events-route';
import { durableClientData } from '../durable/http-api';
import { EventPublisher } from './event-publisher';
import { outboxRoute } from './outbox-page';
import { teamsRoute } from './teams-route';
import { smsInboundRoute } from './sms-inbound-route';
import { whatsAppInboundRoute } from './whatsapp-inbound-route';
import { callActionResponder, callsRoute } from './calls-route';

/** The banner's title. */
export const DEVHOST_TITLE = 'Meeting Communications devhost';

/** The app's ACS events webhook on this devhost, with the key Event Grid would put in the subscription's URL. */
const eventsWebhook = (url: string, routePrefix: string): string => `${url}${routePrefix ? `/${routePrefix}` : ''}/events/acs?key=${encodeURIComponent(process.env.EVENTS_KEY ?? '')}`;

/**
 * The pages and settings that exist only on the devhost and know the product: the virtual clock
 * (the app follows it), the local token issuer, the outbox page and its Event Grid side (delivery
 * reports for what it records, customers' SMS), the crash decorator. Everything of the product they
 * use comes through src/adapters/devhost-hooks.
 */
export function devServices(durable: { readonly engine: Engine }): HostExtension {
  let issuer: DevIssuer | undefined;
  let controller: ClockController | undefined;
  let services: HostServices | undefined;
  let publisher: EventPublisher | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The dev services have not started yet.');
    return value;
  };
  return {
    async beforeAppLoad(h) {
      services = h;
      followDevhostClock(() => h.clock.now());
      // Before the app reads its config: JWT_ISSUER / JWT_JWKS_URI = "devhost" become the local issuer's URLs.
      issuer = await createDevIssuer(h.url, h.clock);
      useDevIssuer(issuer, process.env);
      // Links in messages point at this devhost, whatever port it got.
      if (process.env.PUBLIC_BASE_URL === DEVHOST_LITERAL) process.env.PUBLIC_BASE_URL = h.url;
      // Locally a channel without a provider's settings records what it would send in the outbox,
      // unless the app is told it runs on Azure (WEBSITE_SITE_NAME), where it must fail closed.
      const delay = Number(process.env.DEVHOST_EVENT_DELAY_MS ?? '0');
      const events = new EventPublisher(() => eventsWebhook(h.url, h.hostJson.routePrefix), h.log, Number.isFinite(delay) && delay > 0 ? delay : 0);
      publisher = events;
      // The outbox reports each message it records as Delivered, through the webhook, as ACS would.
      const report = (message: OutboxMessage): void => {
        const event = deliveredReport(message, h.clock.now());
        if (event) events.deliver(event);
      };
      if (!process.env.WEBSITE_SITE_NAME) installFallbackProvider((channel) => outboxProvider(channel, report));
      if (!process.env.WEBSITE_SITE_NAME) installFallbackOnlineMeetings(localOnlineMeetingsProvider);
      onLocalCallAction(callActionResponder(() => h.clock.now(), h.log));
      const crash = crashDecoratorFromEnv(process.env);
      if (crash) installSenderDecorator(crash);
      const crashStart = crashBeforeStartFromEnv(process.env);
      if (crashStart) installWorkflowDecorator(crashStart);
    },
    async start(h) {
      const events = ready(publisher);
      controller = new ClockController(h.clock, durable, h.triggers, h.persistClock, () => events.idle());
    },
    routes: () => [
      { path: '/dev/clock', handle: (req, res, _url, body) => clockRoute(ready(controller), ready(services).clock, req, res, body) },
      { path: '/dev/token', handle: (req, res, url, body) => ready(issuer).route(req, res, url.pathname, body) },
      { path: '/dev/jwks', handle: (req, res, url, body) => ready(issuer).route(req, res, url.pathname, body) },
      { path: '/dev/outbox', handle: (req, res) => outboxRoute(req, res) },
      { path: '/dev/outbox/teams', handle: (req, res) => teamsRoute(req, res) },
      { path: '/dev/events', handle: (req, res, _url, body) => devEventsRoute(() => durableClientData(ready(services).url, ready(services).hostJson.hubName), () => ready(services).clock.now(), req, res, body) },
      { path: '/dev/calls', prefix: true, handle: (req, res, url, body) => callsRoute(ready(services).connectionString, () => ready(services).clock.now(), ready(services).log, req, res, url, body) },
      { path: '/dev/sms/inbound', handle: (req, res, _url, body) => smsInboundRoute(ready(publisher), ready(services).connectionString, () => ready(services).clock.now(), req, res, body) },
      { path: '/dev/whatsapp/inbound', handle: (req, res, _url, body) => whatsAppInboundRoute(ready(publisher), ready(services).connectionString, () => ready(services).clock.now(), req, res, body) },
    ],
    pages: () => [
      { name: 'outbox', path: '/dev/outbox', note: '(messages the local outbox channel recorded)' },
      { name: 'teams', path: '/dev/outbox/teams', note: '(Teams meetings of the local stand-in, for createTeamsMeeting without Graph settings)' },
      { name: 'sms in', path: '/dev/sms/inbound', note: '(POST {"from":"+14255550123","to":"+18005550100","text":"YES"}: a customer\'s SMS, posted to the webhook as Event Grid would)' },
      { name: 'whatsapp in', path: '/dev/whatsapp/inbound', note: '(POST {"from":"+14255550123","text":"Hola"} or {"from","buttonPayload":"confirm","buttonText":"Confirm","contextMessageId"}: AdvancedMessageReceived, as Event Grid would)' },
      { name: 'calls', path: '/dev/calls', note: '(the local voice channel\'s calls; POST /dev/calls/{id}/answer, …/keys {"tones":"1"}, …/hangup: the customer\'s side)' },
      { name: 'events', path: '/dev/events', note: '(POST {"type":"meeting.confirmed"}: a test domain event, published to the webhook subscriptions)' },
      { name: 'clock', path: '/dev/clock', note: '(GET; POST {"advance":"P1D"} to move time forward)' },
      { name: 'token', path: '/dev/token', note: '(POST {"contactId":"C-77"} or {"roles":["Meetings.Cancel"]}: a bearer token)' },
    ],
  };
}

/** Deep-link URLs carry a token: error logs show the path with it masked. */
export const redactPath = (path: string): string => maskLinkTokens(path);

/** The banner's product block: how to reach the admin page, when the app has one. */
export function productSections(host: FunctionsHost): string[][] {
  const sections: string[][] = [];
  if (host.httpRoutes.some((h) => h.route.template === 'manage')) {
    sections.push(['  Admin page:', `    ${host.url}${host.routePrefix}/manage   (sign in with a token: POST ${host.url}/dev/token {"roles":["Communications.Admin"]})`]);
  }
  if (host.httpRoutes.some((h) => h.route.template === 'events/acs')) {
    sections.push(['  Events from ACS (Event Grid webhook; the outbox posts its delivery reports here):', `    ${eventsWebhook(host.url, host.routePrefix.replace(/^\//, ''))}   (local key: EVENTS_KEY in the settings file)`]);
  }
  return sections;
}

import { AppHost, EVENTS_KEY, meetingBody, useAppHost } from '../support/app-host';
import { comm } from './scenarios/scenario-support';
import { egSmsDeliveryReport, egSubscriptionValidation, withField } from '../unit/inbound/acs-samples';
import { signToken, startJwksServer, testKey, type JwksServer, type TestKey } from '../support/jwks-server';

const webhook = (host: AppHost, key: string | null = EVENTS_KEY): string => `${host.url}/api/events/acs${key === null ? '' : `?key=${encodeURIComponent(key)}`}`;
const inbound = (host: AppHost, body: unknown): Promise<Response> => fetch(`${host.url}/dev/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The real app on the devhost: the outbox posts genuine Event Grid delivery reports to the app's own webhook. */
describe('events from ACS on the devhost', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, {});

  test('schedule → confirmations → the outbox reports them Delivered → GetMeeting shows delivered', async () => {
    const id = 'EVENTS-E2E-1';
    expect((await host.schedule(meetingBody(id, await host.now(), 10))).status).toBe(202);
    await host.settle();
    const outbox = await host.outbox(id);
    expect(outbox.map((m) => [m.channel, m.from, m.messageId.length > 0]).sort()).toEqual([['email', 'DoNotReply@outbox.localhost', true], ['sms', '+18005550100', true]]);
    const view = await host.meeting(id);
    for (const channel of ['email', 'sms']) expect(comm(view, 'confirmation', channel)).toMatchObject({ status: 'delivered', reason: null });
    // The email report carries no tag: it was matched through the message index.
    expect(host.host.output()).toMatch(new RegExp(`event [^ ]+: send ${id}\\|1\\|confirmation\\|email delivered`));
  });

  test('a failure report after Delivered changes nothing; the same event twice is handled once', async () => {
    const id = 'EVENTS-E2E-2';
    expect((await host.schedule(meetingBody(id, await host.now(), 10))).status).toBe(202);
    await host.settle();
    const sendKey = `${id}|1|confirmation|sms`;
    const late = withField(withField(withField(egSmsDeliveryReport(), 'id', `late-${id}`), 'data.Tag', sendKey), 'data.deliveryStatus', 'Failed');
    for (let n = 0; n < 2; n += 1) expect((await fetch(webhook(host), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([late]) })).status).toBe(200);
    expect(comm(await host.meeting(id), 'confirmation', 'sms')).toMatchObject({ status: 'delivered', reason: null });
    expect(host.host.output().split('\n').filter((line) => line.includes(`event late-${id}:`))).toHaveLength(1);
  });

  test('over HTTP: a wrong key is 401, the handshakes answer, OPTIONS is routed', async () => {
    expect((await fetch(webhook(host, 'not-the-key-0123456789'), { method: 'POST', body: '[]' })).status).toBe(401);
    expect((await fetch(webhook(host, null), { method: 'POST', body: '[]' })).status).toBe(401);
    const validation = await fetch(webhook(host), { method: 'POST', headers: { 'content-type': 'application/json', 'aeg-event-type': 'SubscriptionValidation' }, body: JSON.stringify([egSubscriptionValidation()]) });
    expect(await validation.json()).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
    const options = await fetch(webhook(host), { method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net' } });
    expect(options.status).toBe(200);
    expect(options.headers.get('webhook-allowed-origin')).toBe('eventgrid.azure.net');
  });

  test('POST /dev/sms/inbound posts a genuine SMSReceived that reaches handleReply (its log line names only the event ID)', async () => {
    const res = await inbound(host, { from: '+14255550987', to: '+18005550100', text: 'YES please' });
    expect(res.status).toBe(202);
    const { eventId } = (await res.json()) as { eventId: string };
    expect(eventId).toMatch(/^Incoming_\d{14}[0-9a-f-]{36}$/);
    const line = host.host.output().split('\n').find((l) => l.includes(`reply ${eventId}`));
    expect(line).toBeDefined();
    expect(host.host.output()).not.toMatch(/YES please|4255550987/);
    const page = await (await fetch(`${host.url}/dev/outbox`)).text();
    expect(page).toContain('SMS +14255550987 ↔ +18005550100');
    expect(page).toContain('YES please');
    expect(page).toContain('action="/dev/sms/inbound"');
  });

  test('a customer\'s STOP opts the number out; a reply that answers nothing is kept for staff (GET /api/replies)', async () => {
    expect((await inbound(host, { from: '+14255550988', to: '+18005550100', text: 'stop' })).status).toBe(202);
    await host.settle();
    const optOut = await host.api(`optouts/${encodeURIComponent('+14255550988')}`);
    expect(await optOut.json()).toMatchObject({ sms: { optedOut: true, source: 'reply' } });
    const { eventId } = (await (await inbound(host, { from: '+14255550989', to: '+18005550100', text: 'Running 5 min late' })).json()) as { eventId: string };
    await host.settle();
    const listed = (await (await host.api('replies?unmatched=true')).json()) as { replies: Array<{ replyId: string; text: string; from: string }> };
    expect(listed.replies).toContainEqual(expect.objectContaining({ replyId: eventId, text: 'Running 5 min late', from: '+14255550989' }));
    expect(host.host.output()).not.toMatch(/Running 5 min late|4255550989|4255550988/);
  });

  test('curl -d \'{"from":"+1…",…}\' (JSON labelled as a form, curl\'s default) is read as JSON: the + of the numbers survives', async () => {
    const res = await fetch(`${host.url}/dev/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: JSON.stringify({ from: '+14255550990', to: '+18005550100', text: 'STOP' }) });
    expect(res.status).toBe(202);
    await host.settle();
    expect(await (await host.api(`optouts/${encodeURIComponent('+14255550990')}`)).json()).toMatchObject({ sms: { optedOut: true } });
  });

  test('the outbox page\'s reply form (urlencoded) posts the SMS and comes back to the page', async () => {
    const form = new URLSearchParams({ from: '+14255550988', to: '+18005550100', text: 'NO' });
    const res = await fetch(`${host.url}/dev/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dev/outbox');
    expect(await (await fetch(`${host.url}/dev/outbox`)).text()).toContain('SMS +14255550988 ↔ +18005550100');
  });

  test.each([
    { name: 'a number without its +', body: { from: '4255550123', to: '+18005550100', text: 'hi' }, path: 'from' },
    { name: 'a "to" that is no number', body: { from: '+14255550123', to: 'ours', text: 'hi' }, path: 'to' },
    { name: 'a text over 1600 characters', body: { from: '+14255550123', to: '+18005550100', text: 'x'.repeat(1601) }, path: 'text' },
    { name: 'no text', body: { from: '+14255550123', to: '+18005550100' }, path: 'text' },
  ])('POST /dev/sms/inbound refuses $name, naming the field', async ({ body, path }) => {
    const res = await inbound(host, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain(path);
  });
});

describe('events from ACS on the devhost, with delivery reports held back', () => {
  let host: AppHost;
  // Each report reaches the webhook well after its send is recorded: a settled clock must still have waited for it.
  useAppHost((started) => (host = started), { env: { DEVHOST_EVENT_DELAY_MS: '700' } }, {});

  test('settling the clock waits for the reports: GetMeeting shows delivered right after', async () => {
    const id = 'EVENTS-LATE-1';
    expect((await host.schedule(meetingBody(id, await host.now(), 10))).status).toBe(202);
    await host.settle();
    const view = await host.meeting(id);
    for (const channel of ['email', 'sms']) expect(comm(view, 'confirmation', channel).status).toBe('delivered');
  });
});

describe('events from ACS on the devhost, with EVENTS_AUDIENCE (Event Grid secure webhook delivery)', () => {
  const AUDIENCE = 'api://meeting-communications-events';
  const ISSUER = 'https://login.microsoftonline.com/00000000-0000-0000-0000-00000000e9e9/v2.0';
  let host: AppHost;
  let jwks: JwksServer;
  let key: TestKey;
  let started: AppHost | undefined;
  beforeAll(async () => {
    key = await testKey('RS256');
    jwks = await startJwksServer([key]);
    started = await AppHost.start({ env: { EVENTS_AUDIENCE: AUDIENCE, EVENTS_ISSUER: ISSUER, EVENTS_JWKS_URI: jwks.jwksUri } });
    host = started;
  });
  afterAll(async () => {
    await started?.stop();
    await jwks?.close();
  });

  const post = (headers: Record<string, string>, eventsKey: string | null = EVENTS_KEY) =>
    fetch(webhook(host, eventsKey), { method: 'POST', headers: { 'content-type': 'application/json', 'aeg-event-type': 'SubscriptionValidation', ...headers }, body: JSON.stringify([egSubscriptionValidation()]) });
  const token = async (claims: Record<string, unknown> = {}): Promise<string> => {
    const now = Math.floor(Date.now() / 1000);
    return `Bearer ${await signToken(key, { iss: ISSUER, aud: AUDIENCE, sub: 'event-grid', iat: now, exp: now + 3600, ...claims })}`;
  };

  test('the key and a valid token: answered; the key alone, a token for another audience, or a token without the key: 401', async () => {
    const ok = await post({ authorization: await token() });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: await token({ aud: 'api://other' }) })).status).toBe(401);
    expect((await post({ authorization: await token() }, null)).status).toBe(401);
  });

  test('the OPTIONS handshake still takes the key alone', async () => {
    const options = await fetch(webhook(host), { method: 'OPTIONS', headers: { 'webhook-request-origin': 'eventgrid.azure.net' } });
    expect(options.status).toBe(200);
  });
});

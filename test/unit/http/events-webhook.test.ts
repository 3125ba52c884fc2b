import { HttpRequest, InvocationContext } from '@azure/functions';
import { parseConfig } from '../../../src/config';
import { eventHandlers } from '../../../src/http/events';
import type { About } from '../../../src/ports/dispatch';
import { fakeDeps, type FakeDeps } from '../../fakes/fake-deps';
import { ceEmailDeliveryReport, ceSmsDeliveryReport, ceSmsReceived, egChatMessageReceived, egEmailDeliveryReport, egSmsDeliveryReport, egSmsReceived, egSubscriptionValidation, withField } from '../inbound/acs-samples';

const KEY = 'events-key-0123456789';
const about: About = { kind: 'meeting', id: 'A-1001' };
const SMS_KEY = 'A-1001|1|confirmation|sms';
const EMAIL_KEY = 'A-1001|1|confirmation|email';
const SMS_ID = 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910';
const EMAIL_ID = '00000000-0000-0000-0000-000000000000';

function setup(): { deps: FakeDeps; logs: string[]; post: (body: unknown, init?: { key?: string | null; type?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: unknown; req: HttpRequest }> } {
  // The samples are from 2020: the clock stands shortly after them, so a report for an unknown message is "recent".
  const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', EVENTS_KEY: KEY }) });
  deps.clock.set('2020-09-18T00:30:00.000Z');
  const logs: string[] = [];
  const { acs } = eventHandlers({ deps: () => deps });
  const post = async (body: unknown, init: { key?: string | null; type?: string; headers?: Record<string, string> } = {}) => {
    const key = init.key === undefined ? KEY : init.key;
    const url = `http://localhost/api/events/acs${key === null ? '' : `?key=${encodeURIComponent(key)}`}`;
    const req = new HttpRequest({ url, method: 'POST', headers: { 'content-type': init.type ?? 'application/json', ...init.headers }, body: { string: typeof body === 'string' ? body : JSON.stringify(body) } });
    const context = new InvocationContext({ functionName: 'AcsEvents', invocationId: 'i-1', logHandler: (_level, ...args) => logs.push(args.map(String).join(' ')) });
    const res = await acs(req, context);
    return { status: res.status ?? 200, body: res.jsonBody, req };
  };
  return { deps, logs, post };
}

async function sent(deps: FakeDeps, sendKey: string, providerMessageId: string, index = true): Promise<void> {
  const channel = sendKey.endsWith('sms') ? 'sms' : 'email';
  await deps.ledger.claim({ sendKey, about, type: 'confirmation', channel, plannedFor: null }, deps.clock.now());
  if (index) await deps.messageIndex.record(providerMessageId, { about, sendKey });
  await deps.ledger.markSent(about, sendKey, providerMessageId, deps.clock.now());
}

const statusOf = async (deps: FakeDeps, sendKey: string) => (await deps.ledger.get(about, sendKey))?.status;
const tagged = (sendKey: string) => withField(egSmsDeliveryReport(), 'data.Tag', sendKey);

describe('POST /api/events/acs: the key and the handshakes', () => {
  test.each([['missing', null], ['wrong', 'events-key-0123456780'], ['empty', '']])('a %s key is 401 problem+json and the body is not read', async (_name, key) => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    const readBody = jest.spyOn(HttpRequest.prototype, 'text');
    const res = await post([tagged(SMS_KEY)], { key });
    expect(res.status).toBe(401);
    expect(readBody).not.toHaveBeenCalled();
    readBody.mockRestore();
    expect(await statusOf(deps, SMS_KEY)).toBe('sent');
  });

  test('without EVENTS_KEY configured every delivery is refused', async () => {
    const deps = fakeDeps();
    const { acs } = eventHandlers({ deps: () => deps });
    const res = await acs(new HttpRequest({ url: 'http://localhost/api/events/acs?key=', method: 'POST', body: { string: '[]' } }), new InvocationContext());
    expect(res.status).toBe(401);
  });

  test('the Event Grid SubscriptionValidationEvent is answered with its code', async () => {
    const { post } = setup();
    expect(await post([egSubscriptionValidation()], { headers: { 'aeg-event-type': 'SubscriptionValidation' } })).toMatchObject({ status: 200, body: { validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' } });
  });

  test('OPTIONS with WebHook-Request-Origin (CloudEvents) is allowed for that origin; without the key it is 401', async () => {
    const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', EVENTS_KEY: KEY }) });
    const { acsHandshake } = eventHandlers({ deps: () => deps });
    const options = (query: string, headers: Record<string, string>) => acsHandshake(new HttpRequest({ url: `http://localhost/api/events/acs${query}`, method: 'OPTIONS', headers }));
    const ok = await options(`?key=${KEY}`, { 'webhook-request-origin': 'eventgrid.azure.net' });
    expect(ok.status).toBe(200);
    expect(ok.headers).toMatchObject({ 'webhook-allowed-origin': 'eventgrid.azure.net' });
    expect((await options('', { 'webhook-request-origin': 'eventgrid.azure.net' })).status).toBe(401);
    expect((await options(`?key=${KEY}`, {})).status).toBe(400);
  });
});

describe('POST /api/events/acs: bodies', () => {
  test('malformed JSON, a malformed event (named by path) and an oversized body are refused; nothing changes', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    expect((await post('[{"id":')).status).toBe(400);
    const bad = await post([withField(tagged(SMS_KEY), 'data.deliveryStatus', 7)]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('[0].data.deliveryStatus');
    expect((await post('[]', { headers: { 'content-length': String(2 * 1024 * 1024) } })).status).toBe(413);
    expect(await statusOf(deps, SMS_KEY)).toBe('sent');
  });

  test('an event type we do not handle is 200 and ignored', async () => {
    const { post, deps } = setup();
    expect(await post([egChatMessageReceived()])).toMatchObject({ status: 200, body: { received: 1 } });
    expect(deps.ledger.claims).toEqual([]);
  });
});

describe('POST /api/events/acs: delivery reports', () => {
  test('an SMS report (Event Grid, camelCase) finds its row by the send key in Tag, even without the index', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID, false);
    expect((await post([tagged(SMS_KEY)])).status).toBe(200);
    expect(await deps.ledger.get(about, SMS_KEY)).toMatchObject({ status: 'delivered', deliveredAt: '2020-09-18T00:22:20.285Z' });
  });

  test('a CloudEvents SMS report (PascalCase, no tag) is matched through the message index', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    expect((await post(ceSmsDeliveryReport(), { type: 'application/cloudevents+json; charset=utf-8' })).status).toBe(200);
    expect(await statusOf(deps, SMS_KEY)).toBe('delivered');
  });

  test('an email report is matched through the message index (Event Grid and a CloudEvents batch)', async () => {
    const { post, deps } = setup();
    await sent(deps, EMAIL_KEY, EMAIL_ID);
    expect((await post([egEmailDeliveryReport()])).status).toBe(200);
    expect(await statusOf(deps, EMAIL_KEY)).toBe('delivered');
    const other = 'A-1002|1|confirmation|email';
    await deps.ledger.claim({ sendKey: other, about, type: 'confirmation', channel: 'email', plannedFor: null }, deps.clock.now());
    await deps.messageIndex.record('950850f5-bcdf-4315-b77a-6447cf56fac9', { about, sendKey: other });
    deps.clock.set('2023-02-09T19:50:00.000Z');
    expect((await post([ceEmailDeliveryReport()], { type: 'application/cloudevents-batch+json' })).status).toBe(200);
    expect(await statusOf(deps, other)).toBe('delivered');
  });

  test('a permanent failure (email Bounced) is recorded failed with the reason, and a later Delivered does not undo it', async () => {
    const { post, deps } = setup();
    await sent(deps, EMAIL_KEY, EMAIL_ID);
    expect((await post([withField(egEmailDeliveryReport(), 'data.status', 'Bounced')])).status).toBe(200);
    expect(await deps.ledger.get(about, EMAIL_KEY)).toMatchObject({ status: 'failed', reason: 'email: Bounced (permanent)' });
    expect((await post([withField(egEmailDeliveryReport(), 'id', 'another-delivery')])).status).toBe(200);
    expect(await statusOf(deps, EMAIL_KEY)).toBe('failed');
  });

  test('out of order: Delivered before the send is recorded (row claimed) stays delivered when markSent follows', async () => {
    const { post, deps } = setup();
    await deps.ledger.claim({ sendKey: SMS_KEY, about, type: 'confirmation', channel: 'sms', plannedFor: null }, deps.clock.now());
    expect((await post([tagged(SMS_KEY)])).status).toBe(200);
    expect(await statusOf(deps, SMS_KEY)).toBe('delivered');
    await deps.ledger.markSent(about, SMS_KEY, SMS_ID, deps.clock.now());
    expect(await deps.ledger.get(about, SMS_KEY)).toMatchObject({ status: 'delivered', providerMessageId: SMS_ID });
  });

  test('out of order: Failed after Delivered stays delivered', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    await post([tagged(SMS_KEY)]);
    expect((await post([withField(withField(tagged(SMS_KEY), 'id', 'late-failure'), 'data.deliveryStatus', 'Failed')])).status).toBe(200);
    expect(await deps.ledger.get(about, SMS_KEY)).toMatchObject({ status: 'delivered', reason: null });
  });

  test('the same event twice is handled once: the second delivery is a duplicate', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    await post([tagged(SMS_KEY)]);
    await post([tagged(SMS_KEY)]);
    expect(deps.log.infos.filter((line) => line.includes(`send ${SMS_KEY} delivered`))).toHaveLength(1);
  });

  test('a report for a message not (yet) recorded is 503, so Event Grid retries; an old one is dropped with 200', async () => {
    const { post, deps } = setup();
    const res = await post([egEmailDeliveryReport()]);
    expect(res.status).toBe(503);
    expect(await deps.processedEvents.seen('acs', EMAIL_ID)).toBe(false);
    await sent(deps, EMAIL_KEY, EMAIL_ID);
    expect((await post([egEmailDeliveryReport()])).status).toBe(200);
    expect(await statusOf(deps, EMAIL_KEY)).toBe('delivered');
    deps.clock.set('2020-09-19T00:00:00.000Z');
    expect((await post([withField(withField(egEmailDeliveryReport(), 'id', 'stale'), 'data.messageId', 'unknown-message')])).status).toBe(200);
    expect(deps.log.warns.join('\n')).toContain('event stale: delivered report for an unknown message, dropped');
  });

  test('storage failing when the event ID is recorded is 503; the redelivery is handled and changes nothing more', async () => {
    const { post, deps } = setup();
    await sent(deps, SMS_KEY, SMS_ID);
    deps.processedEvents.failRecord = Object.assign(new Error('storage down'), { code: 'ECONNREFUSED' });
    expect((await post([tagged(SMS_KEY)])).status).toBe(503);
    deps.processedEvents.failRecord = undefined;
    expect((await post([tagged(SMS_KEY)])).status).toBe(200);
    expect(await statusOf(deps, SMS_KEY)).toBe('delivered');
    expect(await deps.processedEvents.seen('acs', SMS_ID)).toBe(true);
  });
});

describe('POST /api/events/acs: replies', () => {
  test.each([['Event Grid', egSmsReceived(), 'application/json'], ['CloudEvents', ceSmsReceived(), 'application/cloudevents+json']])('an SMSReceived (%s) reaches handleReply once, and no log line holds the number or the text', async (_name, event, type) => {
    const { post, deps, logs } = setup();
    const body = type === 'application/json' ? [event] : event;
    expect((await post(body, { type })).status).toBe(200);
    expect((await post(body, { type })).status).toBe(200);
    const id = 'Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e';
    expect(deps.log.infos.filter((line) => line.startsWith(`reply ${id}`))).toHaveLength(1);
    const all = [...deps.log.infos, ...deps.log.warns, ...logs].join('\n');
    expect(all).not.toMatch(/5555555555|Great to connect/);
  });
});

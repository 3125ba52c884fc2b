import { HttpRequest, InvocationContext } from '@azure/functions';
import { parseConfig } from '../../../src/config';
import type { HandlerEnv } from '../../../src/http/handler-env';
import { optOutHandlers } from '../../../src/http/optouts';
import { fakeDeps, type FakeDeps } from '../../fakes/fake-deps';
import { RecordingWorkflow } from '../../fakes/recording-workflow';

const API_KEY = 'optout-test-key-0123456789';
const KEY = { 'x-api-key': API_KEY };
const JSON_KEY = { ...KEY, 'content-type': 'application/json' };
const PHONE = '+14255550123';

function setup(): { deps: FakeDeps; handlers: ReturnType<typeof optOutHandlers> } {
  const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', PUBLIC_BASE_URL: 'https://comms.example.com', API_KEY }) });
  deps.tokens.accept('Bearer admin', { subject: 'admin-1', contactId: null, roles: ['Communications.Admin'] });
  deps.tokens.accept('Bearer portal', { subject: 'portal-1', contactId: 'C-77', roles: ['Meetings.Cancel'] });
  const env: HandlerEnv = { deps: () => deps, workflow: () => new RecordingWorkflow() };
  return { deps, handlers: optOutHandlers(env) };
}
const req = (method: string, phone: string, headers: Record<string, string>, body?: string): HttpRequest =>
  new HttpRequest({ method, url: 'http://localhost/api/optouts/x', headers, params: { phone }, ...(body === undefined ? {} : { body: { string: body } }) });
const put = (phone: string, body: string, headers: Record<string, string> = JSON_KEY) => req('PUT', phone, headers, body);
const OPT_OUT = JSON.stringify({ sms: { optedOut: true } });

describe('GET /api/optouts/{phone}', () => {
  test('a number nothing was recorded for is opted in', async () => {
    const { handlers } = setup();
    const res = await handlers.get(req('GET', PHONE, KEY));
    expect(res).toMatchObject({ status: 200, jsonBody: { phone: PHONE, sms: { optedOut: false, since: null, source: null } } });
  });

  test('a STOP reply shows with its time and source; the number is normalised', async () => {
    const { deps, handlers } = setup();
    await deps.optOuts.optOut(PHONE, { source: 'reply', at: new Date('2026-11-05T10:00:00Z') });
    const res = await handlers.get(req('GET', '+1 (425) 555-0123', { authorization: 'Bearer admin' }));
    expect(res).toMatchObject({ status: 200, jsonBody: { phone: PHONE, sms: { optedOut: true, since: '2026-11-05T10:00:00.000Z', source: 'reply' } } });
  });

  test.each(['34911234567', '+3491', 'abc', '', '+34911234567 ext. 7'])('a path that is not an E.164 number (%j) → 400 naming phone, never echoing it', async (phone) => {
    const { handlers } = setup();
    const res = await handlers.get(req('GET', phone, KEY));
    expect(res.status).toBe(400);
    expect(res.jsonBody).toMatchObject({ errors: [{ path: 'phone' }] });
    if (phone.length > 3) expect(JSON.stringify(res.jsonBody)).not.toContain(phone);
  });
});

describe('PUT /api/optouts/{phone}', () => {
  test('records an admin opt-out; a repeat keeps the first time; GET shows it', async () => {
    const { deps, handlers } = setup();
    const first = await handlers.put(put(PHONE, OPT_OUT), new InvocationContext());
    const since = deps.clock.now().toISOString();
    expect(first).toMatchObject({ status: 200, jsonBody: { phone: PHONE, sms: { optedOut: true, since, source: 'admin' } } });
    await deps.clock.sleep(60_000);
    expect((await handlers.put(put(PHONE, OPT_OUT), new InvocationContext())).jsonBody).toMatchObject({ sms: { since, source: 'admin' } });
    expect(deps.optOuts.changes).toHaveLength(1);
    expect((await handlers.get(req('GET', PHONE, KEY))).jsonBody).toMatchObject({ sms: { optedOut: true, source: 'admin' } });
    // One contact.optedOut for the opt-out, none for the repeat; neither the event nor its cause holds the number.
    expect(deps.eventLog.ofType('contact.optedOut')).toEqual([expect.objectContaining({ data: { channel: 'sms', source: 'admin', occurredAt: since } })]);
    expect(JSON.stringify([...deps.eventLog.events.values()])).not.toContain('4255550123');
    expect([...deps.log.infos, ...deps.log.warns].join('\n')).not.toContain('4255550123');
  });

  test('the admin opt-out wins over a START stamped later than our clock', async () => {
    const { deps, handlers } = setup();
    await deps.optOuts.optIn(PHONE, new Date(deps.clock.now().getTime() + 3_600_000));
    expect((await handlers.put(put(PHONE, OPT_OUT), new InvocationContext())).jsonBody).toMatchObject({ sms: { optedOut: true } });
  });

  test('optedOut false → 409 naming sms.optedOut, and the number stays opted out', async () => {
    const { deps, handlers } = setup();
    await deps.optOuts.seedOptedOut(PHONE);
    const res = await handlers.put(put(PHONE, JSON.stringify({ sms: { optedOut: false } })), new InvocationContext());
    expect(res.status).toBe(409);
    expect(res.jsonBody).toMatchObject({ errors: [{ path: 'sms.optedOut' }] });
    expect((await deps.optOuts.get(PHONE))?.optedOut).toBe(true);
  });

  test.each([
    ['malformed JSON', '', '{"sms": {"optedOut": tru'],
    ['optedOut a string', 'sms.optedOut', JSON.stringify({ sms: { optedOut: 'true' } })],
    ['optedOut missing', 'sms.optedOut', JSON.stringify({ sms: {} })],
    ['sms missing', 'sms', JSON.stringify({})],
    ['sms not an object', 'sms', JSON.stringify({ sms: true })],
    ['an unknown key at the top', 'email', JSON.stringify({ sms: { optedOut: true }, email: { optedOut: true } })],
    ['an unknown key under sms', 'sms.since', JSON.stringify({ sms: { optedOut: true, since: '2026-01-01T00:00:00Z' } })],
  ])('%s → 400 naming %j, and nothing is recorded', async (_, path, body) => {
    const { deps, handlers } = setup();
    const res = await handlers.put(put(PHONE, body), new InvocationContext());
    expect(res.status).toBe(400);
    expect(res.jsonBody).toMatchObject({ errors: [{ path }] });
    expect(deps.optOuts.changes).toEqual([]);
  });

  test('a bad phone → 400 naming phone, and nothing is recorded', async () => {
    const { deps, handlers } = setup();
    const res = await handlers.put(put('4255550123', OPT_OUT), new InvocationContext());
    expect(res.status).toBe(400);
    expect(res.jsonBody).toMatchObject({ errors: [{ path: 'phone' }] });
    expect(deps.optOuts.changes).toEqual([]);
  });
});

describe('who may call the opt-out routes', () => {
  test.each([
    ['no credentials', 401, {}],
    ['a wrong API key', 401, { 'x-api-key': 'wrong-key-0123456789abcdef' }],
    ['an unknown bearer token', 401, { authorization: 'Bearer nope' }],
    ['a token without the admin role', 403, { authorization: 'Bearer portal' }],
  ] as const)('%s → %d on GET and PUT, and nothing is recorded', async (_, status, headers) => {
    const { deps, handlers } = setup();
    expect((await handlers.get(req('GET', PHONE, headers))).status).toBe(status);
    expect((await handlers.put(put(PHONE, OPT_OUT, { ...headers, 'content-type': 'application/json' }), new InvocationContext())).status).toBe(status);
    expect(deps.optOuts.changes).toEqual([]);
  });

  test('an admin token is accepted', async () => {
    const { handlers } = setup();
    expect((await handlers.put(put(PHONE, OPT_OUT, { authorization: 'Bearer admin', 'content-type': 'application/json' }), new InvocationContext())).status).toBe(200);
  });
});

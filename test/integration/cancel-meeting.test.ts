import { requestFrom } from '../support/from-address';
import { API_KEY, AppHost, useAppHost, kinds, meetingBody } from '../support/app-host';

/** CancelMeeting as a portal calls it: the customer's bearer token from the devhost's local issuer. */
describe('CancelMeeting with a bearer token', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), { env: { PUBLIC_BASE_URL: 'devhost' } }, {});

  const token = async (body: Record<string, unknown>): Promise<string> => {
    const res = await fetch(`${host.url}/dev/token`, { method: 'POST', body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  const cancel = (id: string, body: unknown, bearer?: string, extra: Record<string, string> = {}): Promise<Response> =>
    fetch(`${host.url}/api/meetings/${id}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...extra }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const book = async (id: string, days = 10): Promise<void> => {
    expect((await host.schedule(meetingBody(id, await host.now(), days))).status).toBe(202);
    await host.settle();
  };

  test('the contact cancels; a repeat is harmless: 200 twice, one notice', async () => {
    await book('CM-1');
    const bob = await token({ contactId: 'C-77' });
    const first = await cancel('CM-1', { contactId: 'C-77', reason: 'Cannot make it' }, bob);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ meetingId: 'CM-1', status: 'cancelled' });
    expect((await cancel('CM-1', { contactId: 'C-77' }, bob)).status).toBe(200);
    await host.settle();
    expect(kinds(await host.outbox('CM-1')).filter((k) => k.startsWith('cancellation'))).toEqual(['cancellation/email', 'cancellation/sms']);
    expect((await host.meeting('CM-1')).status).toBe('cancelled');
  });

  test('cancelledBy: a bearer token records portal; the API key records api (both send the notice)', async () => {
    await book('CM-BY-PORTAL');
    await book('CM-BY-API');
    expect((await cancel('CM-BY-PORTAL', { contactId: 'C-77' }, await token({ contactId: 'C-77' }))).status).toBe(200);
    // Older clients send source "api" with the token: the credentials decide, not the body.
    expect((await cancel('CM-BY-API', { contactId: 'C-77', source: 'api' }, undefined, { 'x-api-key': API_KEY })).status).toBe(200);
    await host.settle();
    expect(await host.meeting('CM-BY-PORTAL')).toMatchObject({ status: 'cancelled', cancelledBy: 'portal' });
    expect(await host.meeting('CM-BY-API')).toMatchObject({ status: 'cancelled', cancelledBy: 'api' });
    for (const id of ['CM-BY-PORTAL', 'CM-BY-API']) expect(kinds(await host.outbox(id)).filter((k) => k.startsWith('cancellation'))).toEqual(['cancellation/email', 'cancellation/sms']);
  });

  test('the API key path checks the key: a wrong key is 401, and a wrong contact looks like an unknown meeting', async () => {
    await book('CM-BY-API-BAD');
    expect((await cancel('CM-BY-API-BAD', { contactId: 'C-77' }, undefined, { 'x-api-key': 'not-the-api-key-0000' })).status).toBe(401);
    expect((await cancel('CM-BY-API-BAD', { contactId: 'C-99' }, undefined, { 'x-api-key': API_KEY })).status).toBe(404);
    expect((await host.meeting('CM-BY-API-BAD')).status).toBe('scheduled');
  });

  test('a portal with the Meetings.Cancel role may act for the contact', async () => {
    await book('CM-ROLE');
    const portal = await token({ roles: ['Meetings.Cancel'] });
    expect((await cancel('CM-ROLE', { contactId: 'C-77' }, portal)).status).toBe(200);
  });

  test('missing, garbage or expired tokens get 401 and change nothing', async () => {
    await book('CM-401');
    const expired = await token({ contactId: 'C-77', expiresIn: -600 });
    for (const bearer of [undefined, 'not.a.token', expired]) {
      const res = await cancel('CM-401', { contactId: 'C-77' }, bearer);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
    const basic = await cancel('CM-401', { contactId: 'C-77' }, undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    expect((await host.meeting('CM-401')).status).toBe('scheduled');
  });

  test('a token for another contact is refused; another contact\'s meeting looks exactly like an unknown one', async () => {
    await book('CM-FOREIGN');
    const alice = await token({ contactId: 'C-99' });
    expect((await cancel('CM-FOREIGN', { contactId: 'C-77' }, alice)).status).toBe(403);
    const foreign = await cancel('CM-FOREIGN', { contactId: 'C-99' }, alice);
    const unknown = await cancel('CM-NO-SUCH', { contactId: 'C-99' }, alice);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await foreign.text()).toBe(await unknown.text());
    expect((await host.meeting('CM-FOREIGN')).status).toBe('scheduled');
  });

  test('a meeting that already started → 422', async () => {
    await book('CM-STARTED', 1);
    await host.advance('P1DT1H');
    const bob = await token({ contactId: 'C-77' });
    expect((await cancel('CM-STARTED', { contactId: 'C-77' }, bob)).status).toBe(422);
  });

  test.each([
    ['malformed JSON', 1, '{"contactId":', 400, undefined],
    ['a wrong type', 2, { contactId: 5 }, 400, 'contactId'],
    ['a missing contactId', 3, {}, 400, 'contactId'],
    ['an unknown field', 4, { contactId: 'C-77', extra: true }, 400, 'extra'],
    ['an oversized body', 5, { contactId: 'C-77', reason: 'x'.repeat(5000) }, 413, undefined],
  ])('%s → nothing changed', async (_name, n, body, status, field) => {
    const id = `CM-BAD-${n}`;
    await book(id);
    const bob = await token({ contactId: 'C-77' });
    const res = await cancel(id, body, bob);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    if (field) expect(JSON.stringify(await res.json())).toContain(field);
    expect((await host.meeting(id)).status).toBe('scheduled');
  });

  test('a flood of forged tokens under rotating spoofed addresses: the flooder gets 429, a portal and a customer still cancel', async () => {
    await book('CM-FLOOD-1');
    await book('CM-FLOOD-2');
    const url = `${host.url}/api/meetings/CM-FLOOD-1/cancel`;
    const junk = Array.from({ length: 120 }, (_, i) => requestFrom('127.0.0.6', url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer forged.${i}.token`, 'x-forwarded-for': `203.0.113.${i % 250}` }, body: JSON.stringify({ contactId: 'C-77' }),
    }));
    const statuses = (await Promise.all(junk)).map((r) => r.status);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect((await host.meeting('CM-FLOOD-1')).status).toBe('scheduled');
    // A portal on the very address that flooded, with a valid token, is not refused for the junk.
    const portal = await token({ roles: ['Meetings.Cancel'] });
    const byPortal = await requestFrom('127.0.0.6', url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${portal}` }, body: JSON.stringify({ contactId: 'C-77' }) });
    expect(byPortal.status).toBe(200);
    const bob = await token({ contactId: 'C-77' });
    expect((await cancel('CM-FLOOD-2', { contactId: 'C-77' }, bob)).status).toBe(200);
  });
});

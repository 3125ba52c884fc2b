import { AppHost, useAppHost } from '../support/app-host';

/** Admin routes take an Entra ID token with the admin role, or the API key. */
describe('admin authorisation (settings)', () => {
  let host: AppHost;
  useAppHost((started) => (host = started));

  const token = async (body: Record<string, unknown>): Promise<string> =>
    ((await (await fetch(`${host.url}/dev/token`, { method: 'POST', body: JSON.stringify(body) })).json()) as { access_token: string }).access_token;
  const settings = (init: RequestInit = {}): Promise<Response> => fetch(`${host.url}/api/settings`, init);

  test('a token with Communications.Admin reads and changes settings, and is recorded as updatedBy', async () => {
    const admin = await token({ roles: ['Communications.Admin'], subject: 'admin-ana' });
    const read = await settings({ headers: { authorization: `Bearer ${admin}` } });
    expect(read.status).toBe(200);
    const patched = await settings({ method: 'PATCH', headers: { authorization: `Bearer ${admin}`, 'if-match': read.headers.get('etag') ?? '', 'content-type': 'application/json' }, body: JSON.stringify({ reminder: { daysBefore: 3 } }) });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ reminder: { daysBefore: 3 }, updatedBy: 'admin-ana' });
  });

  test('a customer token (no admin role) is forbidden; no credentials at all is 401', async () => {
    const customer = await token({ contactId: 'C-77' });
    expect((await settings({ headers: { authorization: `Bearer ${customer}` } })).status).toBe(403);
    const none = await settings();
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect((await settings({ headers: { authorization: 'Bearer garbage' } })).status).toBe(401);
  });

  test('flows may schedule with a role token too (the connector\'s Entra ID connection); a customer token may not', async () => {
    const { meetingBody } = await import('../support/app-host');
    const body = JSON.stringify(meetingBody('AUTH-FLOW', Date.now(), 10));
    const admin = await token({ roles: ['Communications.Admin'], subject: 'flow-app' });
    const customer = await token({ contactId: 'C-77' });
    const post = (bearer: string): Promise<Response> => fetch(`${host.url}/api/meetings`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body });
    expect((await post(customer)).status).toBe(403);
    expect((await post(admin)).status).toBe(202);
  });

  test('the API key still works (the connector\'s key option), recorded as api-key', async () => {
    const read = await host.api('settings');
    const patched = await host.api('settings', { method: 'PATCH', headers: { 'if-match': read.headers.get('etag') ?? '' }, body: JSON.stringify({ defaultLocale: 'es-ES' }) });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ defaultLocale: 'es-ES', updatedBy: 'api-key' });
  });
});

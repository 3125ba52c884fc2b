import { requestFrom } from '../support/from-address';
import { AppHost, useAppHost, kinds, meetingBody } from '../support/app-host';

/** Deep links in messages: GET shows, only POST cancels; every invalid case looks the same. */
describe('deep-link pages', () => {
  let host: AppHost;
  // Every request of these tests comes from 127.0.0.1 unless it says otherwise: the limits are set
  // high enough for the other tests, and the rate-limit tests use their own loopback addresses.
  useAppHost((started) => (host = started), { env: { PUBLIC_BASE_URL: 'devhost', LINK_RATE_LIMIT: '100/40' } }, {});

  const linkFor = async (meetingId: string, version = 1): Promise<string> => {
    const email = (await host.outbox(meetingId)).find((m) => m.sendKey === `${meetingId}|${version}|confirmation|email`);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/api\/links\/[A-Za-z0-9_-]+)/.exec(email?.text ?? '')?.[1];
    if (!link) throw new Error(`no link in the confirmation of ${meetingId} v${version}`);
    return link;
  };
  const book = async (id: string, overrides: Record<string, unknown> = {}, days = 10): Promise<void> => {
    expect((await host.schedule(meetingBody(id, await host.now(), days, overrides))).status).toBe(202);
    await host.settle();
  };
  const get = (url: string, headers: Record<string, string> = {}): Promise<Response> => fetch(url, { headers: { 'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 250)}`, ...headers } });

  test('20 GETs and a HEAD change nothing; the page carries the security headers', async () => {
    await book('LINK-GET');
    const link = await linkFor('LINK-GET');
    const before = await host.outbox('LINK-GET');
    for (let i = 0; i < 20; i++) expect((await get(link)).status).toBe(200);
    const head = await fetch(link, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const res = await get(link);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*form-action 'self'/);
    const body = await res.text();
    expect(body).toContain('Mortgage review');
    expect(body).not.toContain('<script');
    await host.settle();
    expect((await host.meeting('LINK-GET')).status).toBe('scheduled');
    expect(await host.outbox('LINK-GET')).toEqual(before);
  });

  test('POST cancels once: one notice; the spent link then shows the invalid page', async () => {
    await book('LINK-POST');
    const link = await linkFor('LINK-POST');
    const first = await fetch(`${link}/cancel`, { method: 'POST' });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Your appointment is cancelled');
    const second = await fetch(`${link}/cancel`, { method: 'POST' });
    expect(second.status).toBe(404);
    await host.settle();
    expect(kinds(await host.outbox('LINK-POST')).filter((k) => k.startsWith('cancellation'))).toEqual(['cancellation/email', 'cancellation/sms']);
  });

  test('unknown, malformed, superseded and expired links all get the same 404 page', async () => {
    await book('LINK-OLD');
    const v1 = await linkFor('LINK-OLD');
    const body = meetingBody('LINK-OLD', await host.now(), 12);
    await host.api('meetings/LINK-OLD', { method: 'PUT', body: JSON.stringify(body) });
    await host.settle();
    await book('LINK-EXPIRED', {}, 1);
    const expiring = await linkFor('LINK-EXPIRED');
    await host.advance('P2D');
    const pages = await Promise.all([
      get(`${host.url}/api/links/AAAAAAAAAAAAAAAAAAAAAA`),
      get(`${host.url}/api/links/not..a..token`),
      get(v1),
      get(expiring),
    ]);
    const texts = await Promise.all(pages.map((p) => p.text()));
    expect(pages.map((p) => p.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(texts.map((t) => t.replace(/nonce-[^']+'|nonce="[^"]+"/g, ''))).size).toBe(1);
    expect(texts[0]).toContain('This link is no longer valid');
    expect((await fetch(`${v1}/cancel`, { method: 'POST' })).status).toBe(404);
    expect((await host.meeting('LINK-OLD')).status).toBe('scheduled');
    expect(await linkFor('LINK-OLD', 2)).not.toBe(v1);
  });

  test('pages speak the contact\'s language; the invalid page follows Accept-Language', async () => {
    await book('LINK-ES', { contact: { locale: 'es-ES', timeZone: 'Europe/Madrid', firstName: 'Carmen' } });
    const page = await (await get(await linkFor('LINK-ES'))).text();
    expect(page).toContain('lang="es"');
    expect(page).toContain('Anular esta cita');
    const invalid = await (await get(`${host.url}/api/links/AAAAAAAAAAAAAAAAAAAAAA`, { 'accept-language': 'es-ES,es;q=0.9' })).text();
    expect(invalid).toContain('Este enlace ya no es válido');
  });

  test('token lookups are rate-limited per client address with Retry-After; a spoofed X-Forwarded-For is not a new client', async () => {
    const url = `${host.url}/api/links/BBBBBBBBBBBBBBBBBBBBBB`;
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 120; i++) {
      // Each request claims to come from somewhere else: the platform's entry (the socket) decides.
      const res = await requestFrom('127.0.0.2', `${url}${i % 2 === 0 ? '' : 'C'}`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = String(res.headers['retry-after']);
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another client, another (unknown) token: its own allowances, untouched by the flood.
    expect((await requestFrom('127.0.0.3', `${host.url}/api/links/EEEEEEEEEEEEEEEEEEEEEE`)).status).toBe(404);
  });

  test('a flood of junk lookups from rotating spoofed addresses does not lock out a customer with a valid link', async () => {
    await book('LINK-FLOOD');
    const link = await linkFor('LINK-FLOOD');
    const flood = Array.from({ length: 300 }, (_, i) => requestFrom('127.0.0.4', `${host.url}/api/links/${'D'.repeat(21)}${String.fromCharCode(65 + (i % 26))}`, { headers: { 'x-forwarded-for': `10.${i % 250}.0.1` } }));
    const answers = await Promise.all(flood);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(150);
    const customer = await requestFrom('127.0.0.5', link);
    expect(customer.status).toBe(200);
    expect(customer.body).toContain('Mortgage review');
  });

  test('with a portal URL template, messages link to the portal with the meeting ID', async () => {
    await host.patchSettings({ portal: { cancelUrlTemplate: 'https://portal.contoso.com/appointments/{meetingId}/cancel' } });
    await book('LINK-PORTAL');
    const email = (await host.outbox('LINK-PORTAL')).find((m) => m.type === 'confirmation' && m.channel === 'email');
    expect(email?.text).toContain('https://portal.contoso.com/appointments/LINK-PORTAL/cancel');
    expect(email?.text).not.toContain('/api/links/');
    await host.patchSettings({ portal: { cancelUrlTemplate: null } });
  });
});

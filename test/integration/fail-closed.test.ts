import { json, ROOT, startDevhost, type DevhostProcess } from '../support/devhost-process';
import { AppHost, meetingBody } from '../support/app-host';

interface Problem { status: number; errors?: Array<{ path: string; message: string }> }

// Issue [2/9]: production config failed open. With WEBSITE_SITE_NAME (set by Azure App Service) the
// app must refuse to run on local defaults: no links to 127.0.0.1, no silent outbox.
describe('on Azure the configuration fails closed', () => {
  let host: DevhostProcess | undefined;
  afterEach(async () => {
    await host?.stop();
    host = undefined;
  });

  test('without PUBLIC_BASE_URL: health and every route answer 503 naming it', async () => {
    host = await startDevhost({ appDir: ROOT, env: { WEBSITE_SITE_NAME: 'mc-prod', API_KEY: 'test-api-key-0123456789' } });
    const health = await fetch(`${host.url}/api/health`);
    expect(health.status).toBe(503);
    expect((await json<Problem>(health)).errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'PUBLIC_BASE_URL' })]));
    const schedule = await fetch(`${host.url}/api/meetings`, { method: 'POST', headers: { 'x-api-key': 'test-api-key-0123456789', 'content-type': 'application/json' }, body: JSON.stringify(meetingBody('FC-1', Date.now(), 10)) });
    expect(schedule.status).toBe(503);
    expect(schedule.headers.get('content-type')).toContain('application/problem+json');
  });

  test('an http or loopback PUBLIC_BASE_URL is refused on Azure', async () => {
    host = await startDevhost({ appDir: ROOT, env: { WEBSITE_SITE_NAME: 'mc-prod', PUBLIC_BASE_URL: 'http://127.0.0.1:7071' } });
    const health = await fetch(`${host.url}/api/health`);
    expect(health.status).toBe(503);
    expect((await json<Problem>(health)).errors).toEqual([expect.objectContaining({ path: 'PUBLIC_BASE_URL', message: expect.stringContaining('https') })]);
  });

  test('a channel switched on without its provider: health 503 naming the settings, and nothing is recorded sent', async () => {
    const app = await AppHost.start({ env: { WEBSITE_SITE_NAME: 'mc-prod', PUBLIC_BASE_URL: 'https://comms.contoso.com', LINK_TOKEN_SECRET: 'test-link-token-secret-0123456789abcdef' } });
    try {
      const before = await fetch(`${app.url}/api/health`);
      expect(before.status).toBe(200);
      expect(await json(before)).toMatchObject({ providers: { email: 'none', sms: 'none' } });
      await app.patchSettings({ enabled: true, confirmation: { sms: true } });
      const after = await fetch(`${app.url}/api/health`);
      expect(after.status).toBe(503);
      const paths = ((await json<Problem>(after)).errors ?? []).map((e) => e.path);
      expect(paths).toEqual(['ACS_CONNECTION_STRING', 'ACS_SMS_FROM']);
      expect((await app.schedule(meetingBody('FC-2', await app.now(), 10))).status).toBe(202);
      await app.settle();
      const sms = (await app.meeting('FC-2')).communications.find((c) => c.type === 'confirmation' && c.channel === 'sms');
      expect(sms).toMatchObject({ status: 'planned', reason: expect.stringContaining('no provider configured: set ACS_CONNECTION_STRING and ACS_SMS_FROM') });
      expect(await app.outbox('FC-2')).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});

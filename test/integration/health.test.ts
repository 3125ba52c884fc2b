import { json, ROOT, startDevhost, type DevhostProcess } from '../support/devhost-process';

describe('the app on the devhost: GET /api/health', () => {
  let host: DevhostProcess;
  afterEach(async () => {
    await host.stop();
  });

  test('reports ok, the version and the outbox providers when ACS is not configured', async () => {
    host = await startDevhost({ appDir: ROOT });
    const res = await fetch(`${host.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), providers: { email: 'outbox', sms: 'outbox', whatsapp: 'outbox', voice: 'outbox' }, onlineMeetings: 'local', graph: { configured: false } });
  });

  test('names a misconfigured setting without echoing its value or any secret', async () => {
    host = await startDevhost({ appDir: ROOT, env: { ACS_CONNECTION_STRING: 'endpoint=https://x.communication.azure.com/;accesskey=c2VjcmV0', ACS_SMS_FROM: 'not-a-number' } });
    const res = await fetch(`${host.url}/api/health`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const text = await res.text();
    expect(text).toContain('ACS_SMS_FROM');
    expect(text).not.toContain('not-a-number');
    expect(text).not.toContain('c2VjcmV0');
  });
});

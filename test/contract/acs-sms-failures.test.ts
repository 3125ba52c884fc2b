import { randomBytes } from 'node:crypto';
import { AcsSmsSender, type AcsSmsSenderOptions } from '../../src/adapters/acs/acs-sms-sender';
import { TransientProviderError } from '../../src/ports/send-result';
import { startAcsServer, type AcsServer } from '../support/acs-server';

const FROM = '+18005550100';
const TO = '+14255550123';
const TEXT = 'Your meeting on Friday was cancelled.';
const silent = { info: () => undefined, warn: () => undefined };
const fastRetry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2_000, maxTotalDelayMs: 5_000, random: () => 1 };

let server: AcsServer;
let keyCounter = 0;
const newSendKey = (): string => `meeting-${Date.now()}-${(keyCounter += 1)}:v2:cancellation:sms`;
const sender = (overrides: Partial<AcsSmsSenderOptions> = {}): AcsSmsSender =>
  new AcsSmsSender({ connectionString: server.connectionString, from: FROM, requestTimeoutMs: 500, retry: fastRetry, logger: silent, ...overrides });
const send = (to = TO, overrides: Partial<AcsSmsSenderOptions> = {}): ReturnType<AcsSmsSender['send']> =>
  sender(overrides).send({ to, text: TEXT }, newSendKey(), new Date());
const gaps = (): number[] => server.sendRequests('sms').slice(1).map((r, i) => r.at - server.sendRequests('sms')[i]!.at);

beforeAll(async () => {
  server = await startAcsServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('ACS SMS adapter, permanent failures are returned after one request', () => {
  it.each([
    ['scripted for the recipient', '+14255550999', true],
    ['not in E.164', '4255550123', false],
  ])('invalid recipient (%s) → failed invalidRecipient', async (_label, to, script) => {
    if (script) server.forRecipient(to, { kind: 'invalidRecipient' });
    const result = await send(to);

    expect(result).toEqual({ status: 'failed', kind: 'invalidRecipient', reason: 'acs-sms: recipient rejected (HTTP 400)' });
    expect(server.sendRequests('sms')).toHaveLength(1);
    expect(server.deliveries).toHaveLength(0);
  });

  it('a wrong access key → 401 → failed permanent, not retried', async () => {
    const wrongKey = server.connectionString.replace(/accesskey=.*$/, `accesskey=${randomBytes(32).toString('base64')}`);
    const result = await send(TO, { connectionString: wrongKey });

    expect(result).toMatchObject({ status: 'failed', kind: 'permanent', reason: expect.stringContaining('HTTP 401') });
    expect(server.sendRequests('sms').map((r) => [r.authenticated, r.answer])).toEqual([[false, 401]]);
  });

  it('a retry after the repeatability tracking window → 412 → failed permanent, never a fresh send', async () => {
    const strict = await startAcsServer({ smsTrackingWindowMs: 5 * 60_000 });
    try {
      const stale = new Date(Date.now() - 6 * 60_000);
      const result = await sender({ connectionString: strict.connectionString }).send({ to: TO, text: TEXT }, newSendKey(), stale);

      expect(result).toEqual({ status: 'failed', kind: 'permanent', reason: 'acs-sms: repeatability rejected (HTTP 412)' });
      expect(strict.deliveries).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('a per-recipient 4xx other than 400 → failed permanent', async () => {
    server.forRecipient(TO, { kind: 'recipientStatus', status: 403 });
    expect(await send()).toEqual({ status: 'failed', kind: 'permanent', reason: 'acs-sms: recipient rejected (HTTP 403)' });
    expect(server.sendRequests('sms')).toHaveLength(1);
  });
});

describe('ACS SMS adapter, throttling', () => {
  it('429 with retry-after-ms → waits at least that long, then sends', async () => {
    server.nextSends(1, { kind: 'throttle', retryAfterMs: 150 });
    const result = await send(TO, { retry: { ...fastRetry, baseDelayMs: 1 } });

    expect(result).toMatchObject({ status: 'sent' });
    expect(server.sendRequests('sms').map((r) => r.answer)).toEqual([429, 202]);
    // Server-side arrival times; a few ms of slack for timer granularity. Backoff alone would be ~1 ms.
    expect(gaps()[0]).toBeGreaterThanOrEqual(145);
  });

  it('429 with Retry-After in seconds → waits at least that long', async () => {
    server.nextSends(1, { kind: 'throttle', retryAfterSeconds: 1 });
    await send(TO, { retry: { ...fastRetry, baseDelayMs: 1 } });

    expect(server.sendRequests('sms').map((r) => r.answer)).toEqual([429, 202]);
    expect(gaps()[0]).toBeGreaterThanOrEqual(995);
  });

  it('a Retry-After beyond the longest wait → TransientProviderError at once, carrying it', async () => {
    server.nextSends(1, { kind: 'throttle', retryAfterSeconds: 120 });
    const error = await send().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ kind: 'throttled', retryAfterMs: 120_000, code: 'PROVIDER_TRANSIENT' });
    expect(server.sendRequests('sms')).toHaveLength(1);
  });

  it('a per-recipient 429 inside a 202 → retried', async () => {
    server.nextSends(1, { kind: 'recipientStatus', status: 429 });
    expect(await send()).toMatchObject({ status: 'sent' });
    expect(server.sendRequests('sms')).toHaveLength(2);
    expect(server.deliveries).toHaveLength(1);
  });
});

describe('ACS SMS adapter, unavailable provider', () => {
  it('5xx twice, then 202 → sent once', async () => {
    server.nextSends(2, { kind: 'serverError', status: 503 });
    expect(await send()).toMatchObject({ status: 'sent' });
    expect(server.sendRequests('sms').map((r) => r.answer)).toEqual([503, 503, 202]);
    expect(server.deliveries).toHaveLength(1);
  });

  it('5xx every time → backoff growing between bounded attempts → TransientProviderError', async () => {
    server.nextSends(10, { kind: 'serverError' });
    const error = await send().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ kind: 'unavailable', detail: 'HTTP 500' });
    expect(server.sendRequests('sms')).toHaveLength(fastRetry.maxAttempts);
    // Lower bounds only (slowness cannot break them): 20, 40, 80 ms less timer slack; a flat delay fails.
    const [first, second, third] = gaps();
    expect(first).toBeGreaterThanOrEqual(18);
    expect(second).toBeGreaterThanOrEqual(38);
    expect(third).toBeGreaterThanOrEqual(78);
  });

  it('a per-recipient 500 inside a 202 → retried', async () => {
    server.nextSends(1, { kind: 'recipientStatus', status: 500 });
    expect(await send()).toMatchObject({ status: 'sent' });
    expect(server.sendRequests('sms')).toHaveLength(2);
  });

  it('a hanging server → timeout → retried → TransientProviderError', async () => {
    server.nextSends(10, { kind: 'hang' });
    const error = await send(TO, { requestTimeoutMs: 100, retry: { ...fastRetry, maxAttempts: 2 } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ kind: 'unavailable', detail: 'timeout' });
    expect(server.sendRequests('sms').map((r) => r.answer)).toEqual(['hang', 'hang']);
    expect(server.deliveries).toHaveLength(0);
  });

  it('refuses a plain-http endpoint that is not loopback', () => {
    expect(() => sender({ connectionString: 'endpoint=http://acs.example.com/;accesskey=a2V5' })).toThrow(/https/);
  });
});

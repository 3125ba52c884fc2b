import { randomBytes } from 'node:crypto';
import { AcsEmailSender, type AcsEmailSenderOptions } from '../../src/adapters/acs/acs-email-sender';
import type { EmailMessage } from '../../src/channels/email/email-sender';
import { TransientProviderError } from '../../src/ports/send-result';
import { startAcsServer, type AcsServer } from '../support/acs-server';

const MESSAGE: EmailMessage = {
  to: 'sam.customer@mail.example',
  subject: 'Reminder: meeting tomorrow',
  text: 'Your meeting is tomorrow at 10:00.',
  html: '<p>Your meeting is tomorrow at 10:00.</p>',
};
const silent = { info: () => undefined, warn: () => undefined };
const fastRetry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2_000, maxTotalDelayMs: 5_000, random: () => 1 };

let server: AcsServer;
let keyCounter = 0;
const sender = (overrides: Partial<AcsEmailSenderOptions> = {}): AcsEmailSender =>
  new AcsEmailSender({
    connectionString: server.connectionString,
    senderAddress: 'DoNotReply@bank.example',
    pollIntervalMs: 10,
    requestTimeoutMs: 500,
    retry: fastRetry,
    logger: silent,
    ...overrides,
  });
const send = (overrides: Partial<AcsEmailSenderOptions> = {}, message = MESSAGE): ReturnType<AcsEmailSender['send']> =>
  sender(overrides).send(message, `meeting-${Date.now()}-${(keyCounter += 1)}:v1:reminder:email`);
const posts = (): AcsServer['requests'] => server.sendRequests('email');
const gaps = (): number[] => posts().slice(1).map((r, i) => r.at - posts()[i]!.at);

beforeAll(async () => {
  server = await startAcsServer({ runningPolls: 0 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('ACS Email adapter, permanent failures are returned after one send request', () => {
  it.each([
    ['scripted', MESSAGE.to, true],
    ['malformed address', 'not-an-address', false],
  ])('invalid recipient (%s) → 400 → failed invalidRecipient', async (_label, to, script) => {
    if (script) server.nextSends(1, { kind: 'invalidRecipient' });
    const result = await send({}, { ...MESSAGE, to });

    expect(result).toEqual({ status: 'failed', kind: 'invalidRecipient', reason: 'acs-email: request rejected (HTTP 400 BadRequest)' });
    expect(posts()).toHaveLength(1);
    expect(server.deliveries).toHaveLength(0);
  });

  it.each([
    ['EmailDroppedAllRecipientsSuppressed', 'invalidRecipient'],
    ['DomainNotLinked', 'permanent'],
  ])('operation Failed with %s → failed %s', async (code, kind) => {
    server.nextSends(1, { kind: 'operationFailed', code });
    const result = await send();

    expect(result).toEqual({ status: 'failed', kind, reason: `acs-email: operation failed (${code})` });
    expect(posts()).toHaveLength(1);
  });

  it('a wrong access key → 401 → failed permanent, not retried', async () => {
    const wrongKey = server.connectionString.replace(/accesskey=.*$/, `accesskey=${randomBytes(32).toString('base64')}`);
    const result = await send({ connectionString: wrongKey });

    expect(result).toMatchObject({ status: 'failed', kind: 'permanent', reason: expect.stringContaining('HTTP 401') });
    expect(server.requests.map((r) => [r.authenticated, r.answer])).toEqual([[false, 401]]);
  });

  it('a server that rejects the signature → 401 → failed permanent', async () => {
    server.nextSends(1, { kind: 'badSignature' });
    expect(await send()).toMatchObject({ status: 'failed', kind: 'permanent' });
    expect(posts()).toHaveLength(1);
  });
});

describe('ACS Email adapter, transient failures are retried, then thrown', () => {
  it('429 with retry-after-ms → waits at least that long, then sends once', async () => {
    server.nextSends(1, { kind: 'throttle', retryAfterMs: 150 });
    const result = await send({ retry: { ...fastRetry, baseDelayMs: 1 } });

    expect(result).toMatchObject({ status: 'sent' });
    expect(posts().map((r) => r.answer)).toEqual([429, 202]);
    expect(gaps()[0]).toBeGreaterThanOrEqual(145); // backoff alone would be ~1 ms
    expect(server.deliveries).toHaveLength(1);
  });

  it('429 every time → TransientProviderError (throttled) after the bounded attempts', async () => {
    server.nextSends(10, { kind: 'throttle', retryAfterMs: 10 });
    const error = await send().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ kind: 'throttled', retryAfterMs: 10 });
    expect(posts()).toHaveLength(fastRetry.maxAttempts);
  });

  it('5xx every time → backoff growing between bounded attempts → TransientProviderError', async () => {
    server.nextSends(10, { kind: 'serverError', status: 502 });
    const error = await send().catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'TransientProviderError', kind: 'unavailable', detail: 'HTTP 502' });
    expect(posts()).toHaveLength(fastRetry.maxAttempts);
    const [first, second, third] = gaps();
    expect(first).toBeGreaterThanOrEqual(18);
    expect(second).toBeGreaterThanOrEqual(38);
    expect(third).toBeGreaterThanOrEqual(78);
    expect(server.deliveries).toHaveLength(0);
  });

  it('5xx once, then accepted → sent, one delivery', async () => {
    server.nextSends(1, { kind: 'serverError' });
    expect(await send()).toMatchObject({ status: 'sent' });
    expect(posts().map((r) => r.answer)).toEqual([500, 202]);
    expect(server.deliveries).toHaveLength(1);
  });

  it('a hanging server → timeout → retried → TransientProviderError', async () => {
    server.nextSends(10, { kind: 'hang' });
    const error = await send({ requestTimeoutMs: 100, retry: { ...fastRetry, maxAttempts: 2 } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ kind: 'unavailable', detail: 'timeout' });
    expect(posts().map((r) => r.answer)).toEqual(['hang', 'hang']);
    expect(server.deliveries).toHaveLength(0);
  });
});

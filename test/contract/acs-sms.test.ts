import { v5 as uuidv5, version as uuidVersion } from 'uuid';
import { SEND_KEY_UUID_NAMESPACE } from '../../src/adapters/acs/acs-common';
import { AcsSmsSender, type AcsSmsSenderOptions } from '../../src/adapters/acs/acs-sms-sender';
import { startAcsServer, type AcsServer } from '../support/acs-server';
import { captureOutput } from '../support/capture-output';

const FROM = '+18005550100';
const TO = '+14255550123';
const TEXT = 'Reminder: your meeting with Alex is tomorrow at 10:00.';
const silent = { info: () => undefined, warn: () => undefined };
const fastRetry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2_000, maxTotalDelayMs: 5_000, random: () => 1 };

let server: AcsServer;
let keyCounter = 0;
const newSendKey = (): string => `meeting-${Date.now()}-${(keyCounter += 1)}:v1:reminder:sms`;
const sender = (overrides: Partial<AcsSmsSenderOptions> = {}): AcsSmsSender =>
  new AcsSmsSender({ connectionString: server.connectionString, from: FROM, requestTimeoutMs: 500, retry: fastRetry, logger: silent, ...overrides });
const smsBody = (index: number): { smsRecipients: Record<string, unknown>[]; smsSendOptions: Record<string, unknown> } =>
  server.sendRequests('sms')[index]!.body as never;

beforeAll(async () => {
  server = await startAcsServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('ACS SMS adapter, accepted sends', () => {
  it('sends one signed request and returns the message ID ACS assigned', async () => {
    const result = await sender().send({ to: TO, text: TEXT }, newSendKey(), new Date());

    expect(server.sendRequests('sms')).toHaveLength(1);
    expect(server.sendRequests('sms')[0]!.authenticated).toBe(true);
    expect(server.deliveries).toHaveLength(1);
    expect(server.deliveries[0]).toMatchObject({ channel: 'sms', to: TO });
    expect(result).toEqual({ status: 'sent', providerMessageId: server.deliveries[0]!.id });
  });

  it('puts UUID v5 of the send key, the stored first-sent time, the tag and delivery reports on the wire', async () => {
    const sendKey = newSendKey();
    const firstSentAt = new Date('2025-03-01T08:00:00Z');
    // Stale first-sent is fine for the loopback server; it checks the format, not ACS's tracking window.
    await sender().send({ to: TO, text: TEXT, from: '+18005550199' }, sendKey, firstSentAt);

    const body = smsBody(0);
    const recipient = body.smsRecipients[0]!;
    expect(recipient['repeatabilityRequestId']).toBe(uuidv5(sendKey, SEND_KEY_UUID_NAMESPACE));
    expect(uuidVersion(recipient['repeatabilityRequestId'] as string)).toBe(5);
    expect(recipient['repeatabilityFirstSent']).toBe('Sat, 01 Mar 2025 08:00:00 GMT');
    expect(body.smsSendOptions).toEqual({ enableDeliveryReport: true, tag: sendKey });
    expect(body).toMatchObject({ from: '+18005550199', message: TEXT });
    expect(Object.keys(server.sendRequests('sms')[0]!.headers).filter((h) => h.startsWith('x-mc-'))).toEqual([]);
  });

  it('delivers once when the same send key is sent twice', async () => {
    const sendKey = newSendKey();
    const firstSentAt = new Date();
    const first = await sender().send({ to: TO, text: TEXT }, sendKey, firstSentAt);
    const second = await sender().send({ to: TO, text: TEXT }, sendKey, firstSentAt);

    expect(server.sendRequests('sms')).toHaveLength(2);
    expect(server.deliveries).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('retries a request whose answer was lost and ACS deduplicates it', async () => {
    server.nextSends(1, { kind: 'acceptThenHang' });
    const result = await sender({ requestTimeoutMs: 150 }).send({ to: TO, text: TEXT }, newSendKey(), new Date());

    expect(server.sendRequests('sms').map((r) => r.answer)).toEqual(['hang', 202]);
    expect(server.deliveries).toHaveLength(1);
    expect(result).toEqual({ status: 'sent', providerMessageId: server.deliveries[0]!.id });
  });

  it('uses a different repeatability ID for a different send key', async () => {
    await sender().send({ to: TO, text: TEXT }, newSendKey(), new Date());
    await sender().send({ to: TO, text: TEXT }, newSendKey(), new Date());

    expect(smsBody(0).smsRecipients[0]!['repeatabilityRequestId']).not.toBe(smsBody(1).smsRecipients[0]!['repeatabilityRequestId']);
    expect(server.deliveries).toHaveLength(2);
  });
});

describe('ACS SMS adapter, logs', () => {
  it('logs IDs but never the phone number or the text, on success, retry, failure and giving up', async () => {
    const output = captureOutput();
    try {
      const sendKey = newSendKey();
      await sender({ logger: undefined }).send({ to: TO, text: TEXT }, sendKey, new Date());
      server.nextSends(1, { kind: 'serverError' });
      await sender({ logger: undefined }).send({ to: TO, text: TEXT }, newSendKey(), new Date());
      server.forRecipient('+14255550999', { kind: 'invalidRecipient' });
      await sender({ logger: undefined }).send({ to: '+14255550999', text: TEXT }, newSendKey(), new Date());
      server.nextSends(4, { kind: 'serverError' });
      await expect(sender({ logger: undefined }).send({ to: TO, text: TEXT }, newSendKey(), new Date())).rejects.toThrow();

      expect(output.lines.some((line) => line.includes(sendKey))).toBe(true);
      expect(output.lines.length).toBeGreaterThanOrEqual(5);
      for (const line of output.lines) {
        expect(line).not.toContain('5550123');
        expect(line).not.toContain('5550999');
        expect(line).not.toContain('Reminder');
      }
    } finally {
      output.restore();
    }
  });
});

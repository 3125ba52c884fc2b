import { v5 as uuidv5 } from 'uuid';
import { SEND_KEY_UUID_NAMESPACE } from '../../src/adapters/acs/acs-common';
import { AcsEmailSender, type AcsEmailSenderOptions } from '../../src/adapters/acs/acs-email-sender';
import type { EmailMessage } from '../../src/channels/email/email-sender';
import { startAcsServer, type AcsServer } from '../support/acs-server';
import { captureOutput } from '../support/capture-output';

const SENDER = 'DoNotReply@bank.example';
const MESSAGE: EmailMessage = {
  to: 'dana.customer@mail.example',
  subject: 'Your meeting on 3 March',
  text: 'Dear Dana, your meeting with Alex is confirmed.',
  html: '<p>Dear Dana, your meeting with Alex is confirmed.</p>',
};
const silent = { info: () => undefined, warn: () => undefined };
const fastRetry = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2_000, maxTotalDelayMs: 5_000, random: () => 1 };

let server: AcsServer;
let keyCounter = 0;
const newSendKey = (): string => `meeting-${Date.now()}-${(keyCounter += 1)}:v1:confirmation:email`;
const sender = (overrides: Partial<AcsEmailSenderOptions> = {}, target = server): AcsEmailSender =>
  new AcsEmailSender({
    connectionString: target.connectionString,
    senderAddress: SENDER,
    pollIntervalMs: 10,
    requestTimeoutMs: 500,
    retry: fastRetry,
    logger: silent,
    ...overrides,
  });
const polls = (target = server): number => target.requests.filter((r) => r.method === 'GET').length;

beforeAll(async () => {
  server = await startAcsServer({ runningPolls: 1 });
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('ACS Email adapter, accepted sends', () => {
  it('posts one signed send with the operation ID derived from the send key, polls to Succeeded', async () => {
    const sendKey = newSendKey();
    const operationId = uuidv5(sendKey, SEND_KEY_UUID_NAMESPACE);
    const result = await sender().send(MESSAGE, sendKey);

    expect(result).toEqual({ status: 'sent', providerMessageId: operationId });
    const [post] = server.sendRequests('email');
    expect(server.sendRequests('email')).toHaveLength(1);
    expect(post!.headers['operation-id']).toBe(operationId);
    expect(post!.body).toEqual({
      senderAddress: SENDER,
      content: { subject: MESSAGE.subject, plainText: MESSAGE.text, html: MESSAGE.html },
      recipients: { to: [{ address: MESSAGE.to }] },
    });
    expect(server.requests.every((r) => r.authenticated)).toBe(true);
    expect(polls()).toBe(2); // one Running, one Succeeded
    expect(server.deliveries).toEqual([expect.objectContaining({ channel: 'email', id: operationId, to: MESSAGE.to })]);
  });

  it('delivers once when the same send key is sent twice (ACS answers with the existing operation)', async () => {
    const sendKey = newSendKey();
    const first = await sender().send(MESSAGE, sendKey);
    const second = await sender().send(MESSAGE, sendKey);

    expect(server.sendRequests('email')).toHaveLength(2);
    expect(server.deliveries).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('delivers once when the same send key is sent twice (ACS answers 409 for a used operation ID)', async () => {
    const conflicting = await startAcsServer({ duplicateOperationId: 'conflict' });
    try {
      const sendKey = newSendKey();
      const first = await sender({}, conflicting).send(MESSAGE, sendKey);
      const second = await sender({}, conflicting).send(MESSAGE, sendKey);

      expect(conflicting.sendRequests('email').map((r) => r.answer)).toEqual([202, 409]);
      expect(conflicting.deliveries).toHaveLength(1);
      expect(second).toEqual(first);
    } finally {
      await conflicting.close();
    }
  });

  it('retries a send whose answer was lost with the same operation ID; one delivery', async () => {
    server.nextSends(1, { kind: 'acceptThenHang' });
    const result = await sender({ requestTimeoutMs: 150 }).send(MESSAGE, newSendKey());

    const posts = server.sendRequests('email');
    expect(posts.map((r) => r.answer)).toEqual(['hang', 202]);
    expect(posts[1]!.headers['operation-id']).toBe(posts[0]!.headers['operation-id']);
    expect(server.deliveries).toHaveLength(1);
    expect(result).toMatchObject({ status: 'sent' });
  });

  it('once accepted, never posts again: failing polls still count as sent', async () => {
    server.nextPolls(10, { kind: 'serverError' });
    const sendKey = newSendKey();
    const result = await sender().send(MESSAGE, sendKey);

    expect(result).toEqual({ status: 'sent', providerMessageId: uuidv5(sendKey, SEND_KEY_UUID_NAMESPACE) });
    expect(server.sendRequests('email')).toHaveLength(1);
    expect(polls()).toBe(1);
  });

  it('still Running when the poll budget ends → sent (the delivery report settles it)', async () => {
    const slow = await startAcsServer({ runningPolls: 1_000 });
    try {
      const result = await sender({ pollBudgetMs: 150 }, slow).send(MESSAGE, newSendKey());

      expect(result).toMatchObject({ status: 'sent' });
      expect(slow.sendRequests('email')).toHaveLength(1);
      expect(polls(slow)).toBeGreaterThan(2);
    } finally {
      await slow.close();
    }
  });
});

describe('ACS Email adapter, logs', () => {
  it('logs IDs but never the address, subject or body', async () => {
    const output = captureOutput();
    try {
      const sendKey = newSendKey();
      await sender({ logger: undefined }).send(MESSAGE, sendKey);
      server.nextSends(1, { kind: 'throttle', retryAfterMs: 5 });
      await sender({ logger: undefined }).send(MESSAGE, newSendKey());
      server.nextSends(1, { kind: 'invalidRecipient' });
      await sender({ logger: undefined }).send(MESSAGE, newSendKey());
      server.nextSends(1, { kind: 'operationFailed', code: 'EmailDroppedAllRecipientsSuppressed' });
      await sender({ logger: undefined }).send(MESSAGE, newSendKey());
      server.nextSends(4, { kind: 'serverError' });
      await expect(sender({ logger: undefined }).send(MESSAGE, newSendKey())).rejects.toThrow();

      expect(output.lines.some((line) => line.includes(sendKey))).toBe(true);
      expect(output.lines.length).toBeGreaterThanOrEqual(6);
      for (const line of output.lines) {
        for (const secret of ['dana.customer', 'mail.example', 'Your meeting', 'Dear Dana']) expect(line).not.toContain(secret);
      }
    } finally {
      output.restore();
    }
  });
});

import { v5 as uuidv5 } from 'uuid';
import { SEND_KEY_UUID_NAMESPACE } from '../../src/adapters/acs/acs-common';
import { AcsWhatsAppSender } from '../../src/adapters/acs/acs-whatsapp-sender';
import type { WhatsAppMessage } from '../../src/channels/whatsapp/whatsapp-sender';
import { startAcsServer, type AcsServer } from '../support/acs-server';

const CHANNEL_ID = '11111111-2222-4333-8444-555555555555';
const TO = '+34612345678';
const silent = { info: () => undefined, warn: () => undefined };
const fastRetry = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 2_000, maxTotalDelayMs: 5_000, random: () => 1 };
const TEMPLATE: WhatsAppMessage = {
  kind: 'template', to: TO, name: 'meeting_reminder', language: 'es_ES', parameters: ['Ana', 'Revisión hipoteca', 'jue, 3 dic'],
  buttons: [{ text: 'Confirmar', payload: 'confirm' }, { text: 'Anular', payload: 'cancel' }],
};

let server: AcsServer;
let counter = 0;
const newKey = (): string => `A-${Date.now()}-${(counter += 1)}|1|reminder|whatsapp`;
const sender = (): AcsWhatsAppSender => new AcsWhatsAppSender({ connectionString: server.connectionString, channelId: CHANNEL_ID, requestTimeoutMs: 1_000, retry: fastRetry, logger: silent });
const sent = (i: number) => server.sendRequests('whatsapp')[i]!;

beforeAll(async () => {
  server = await startAcsServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

describe('ACS WhatsApp adapter (the real Messages REST client against the loopback server)', () => {
  it('sends a template with its parameters bound to the body and its quick-reply payloads, signed', async () => {
    const result = await sender().send(TEMPLATE, newKey(), new Date());

    expect(server.sendRequests('whatsapp')).toHaveLength(1);
    expect(sent(0).authenticated).toBe(true);
    expect(new URL(sent(0).url, 'http://x').searchParams.get('api-version')).toBe('2024-08-30');
    expect(sent(0).body).toEqual({
      channelRegistrationId: CHANNEL_ID, to: [TO], kind: 'template',
      template: {
        name: 'meeting_reminder', language: 'es_ES',
        values: [
          { kind: 'text', name: 'p1', text: 'Ana' }, { kind: 'text', name: 'p2', text: 'Revisión hipoteca' }, { kind: 'text', name: 'p3', text: 'jue, 3 dic' },
          { kind: 'quickAction', name: 'b1', text: 'Confirmar', payload: 'confirm' }, { kind: 'quickAction', name: 'b2', text: 'Anular', payload: 'cancel' },
        ],
        bindings: { kind: 'whatsApp', body: [{ refValue: 'p1' }, { refValue: 'p2' }, { refValue: 'p3' }], buttons: [{ subType: 'quickReply', refValue: 'b1' }, { subType: 'quickReply', refValue: 'b2' }] },
      },
    });
    expect(result).toEqual({ status: 'sent', providerMessageId: server.deliveries[0]!.id });
  });

  it('sends a free text as kind text', async () => {
    const result = await sender().send({ kind: 'text', to: TO, text: 'Gracias Ana, su cita queda confirmada.' }, newKey(), new Date());
    expect(sent(0).body).toEqual({ channelRegistrationId: CHANNEL_ID, to: [TO], kind: 'text', content: 'Gracias Ana, su cita queda confirmada.' });
    expect(result.status).toBe('sent');
  });

  it('puts a deterministic Repeatability-Request-ID (UUID v5 of the send key) and the first-sent time on the wire: the same key twice delivers once', async () => {
    const key = newKey();
    const firstSentAt = new Date('2026-12-01T10:00:00Z');
    const first = await sender().send(TEMPLATE, key, firstSentAt);
    const second = await sender().send(TEMPLATE, key, firstSentAt);

    expect(sent(0).headers['repeatability-request-id']).toBe(uuidv5(key, SEND_KEY_UUID_NAMESPACE));
    expect(sent(0).headers['repeatability-first-sent']).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
    expect(server.sendRequests('whatsapp')).toHaveLength(2);
    expect(server.deliveries).toHaveLength(1);
    expect(second).toEqual(first);
  });

  it('retries a 429 after its Retry-After, then sends once', async () => {
    server.nextSends(1, { kind: 'throttle', retryAfterMs: 50 });
    const result = await sender().send(TEMPLATE, newKey(), new Date());
    expect(server.sendRequests('whatsapp').map((r) => r.answer)).toEqual([429, 202]);
    expect(result.status).toBe('sent');
    expect(server.deliveries).toHaveLength(1);
  });

  it('throws a TransientProviderError with the Retry-After when throttled beyond its budget (the send core defers)', async () => {
    server.nextSends(1, { kind: 'throttle', retryAfterSeconds: 120 });
    await expect(sender().send(TEMPLATE, newKey(), new Date())).rejects.toMatchObject({ code: 'PROVIDER_TRANSIENT', kind: 'throttled', retryAfterMs: 120_000 });
    expect(server.deliveries).toHaveLength(0);
  });

  it('throws a TransientProviderError after bounded retries of a 503', async () => {
    server.nextSends(3, { kind: 'serverError', status: 503 });
    await expect(sender().send(TEMPLATE, newKey(), new Date())).rejects.toMatchObject({ code: 'PROVIDER_TRANSIENT', kind: 'unavailable' });
    expect(server.sendRequests('whatsapp')).toHaveLength(3);
  });

  it('returns a permanent failure naming ACS codes (never the number) for a request WhatsApp refuses', async () => {
    server.forRecipient(TO, { kind: 'invalidRecipient' });
    const result = await sender().send(TEMPLATE, newKey(), new Date());
    expect(result).toEqual({ status: 'failed', kind: 'permanent', reason: 'acs-whatsapp: request rejected (HTTP 400 BadRequest WaErrorCode.InvalidParameter)' });
    expect(JSON.stringify(result)).not.toContain(TO.slice(1));
  });

  it('is refused by the server when its signature is wrong (the loopback checks HMAC)', async () => {
    server.nextSends(1, { kind: 'badSignature' });
    const result = await sender().send(TEMPLATE, newKey(), new Date());
    expect(result).toMatchObject({ status: 'failed', kind: 'permanent' });
    expect(result.status === 'failed' && result.reason).toContain('HTTP 401');
  });
});

import { parseAcsEvents } from '../../../src/adapters/acs/event-grid-events';
import type { About } from '../../../src/ports/dispatch';
import { KEY, setup } from '../http/events-fixture';

const CHANNEL = '11111111-2222-4333-8444-555555555555';
const OURS = 'aa19e1f3-ad3b-4a8c-9c8f-3b4c6d8e9f01';

/** AdvancedMessageReceived in the Event Grid schema with the wire names of azure-docs' sample (the number without its +). */
const received = (data: Record<string, unknown>, id = 'in-1') => ({
  id, topic: '/subscriptions/x/resourceGroups/y/providers/microsoft.communication/communicationservices/z',
  subject: `advancedMessage/sender/14255550123/recipient/${CHANNEL}`, eventType: 'Microsoft.Communication.AdvancedMessageReceived',
  dataVersion: '1.0', metadataVersion: '1', eventTime: '2020-09-18T00:25:00Z',
  data: { channelType: 'whatsapp', from: '14255550123', to: CHANNEL, receivedTimestamp: '2020-09-18T00:25:00.123+00:00', messageId: `msg-${id}`, messageType: 'text', ...data },
});
const status = (messageId: string, value: string, id: string, extra: Record<string, unknown> = {}) => ({
  id, subject: `advancedMessage/sender/${CHANNEL}/recipient/14255550123`, eventType: 'Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated',
  dataVersion: '1.0', metadataVersion: '1', eventTime: '2020-09-18T00:26:00Z',
  data: { channelType: 'whatsapp', from: CHANNEL, to: '14255550123', messageId, status: value, receivedTimestamp: '2020-09-18T00:26:00Z', ...extra },
});

describe('ACS Advanced Messaging events (wire names, not the SDK typings)', () => {
  test('a text: the customer number as E.164, our channel ID as `to`, the content as text', () => {
    expect(parseAcsEvents({ body: [received({ content: 'Hola' })] })).toEqual({ ok: true, value: [{
      kind: 'reply', eventId: 'in-1', provider: 'acs', channel: 'whatsapp', from: '+14255550123', to: CHANNEL, text: 'Hola', at: '2020-09-18T00:25:00.123Z', providerMessageId: 'msg-in-1',
    }] });
  });

  test('a quick-reply press: button.payload is the intent and context.id names our message (keys read case-insensitively)', () => {
    const parsed = parseAcsEvents({ body: [received({ messageType: 'button', Button: { Text: 'Confirm', Payload: 'confirm' }, context: { from: CHANNEL, id: OURS } })] });
    expect(parsed).toMatchObject({ ok: true, value: [{ kind: 'reply', text: 'Confirm', buttonPayload: 'confirm', contextMessageId: OURS }] });
  });

  test('CloudEvents 1.0 carries the same', () => {
    const cloud = { specversion: '1.0', id: 'ce-1', source: '/x', type: 'Microsoft.Communication.AdvancedMessageReceived', time: '2020-09-18T00:25:00Z', data: received({ content: 'hi' }).data };
    expect(parseAcsEvents({ body: cloud, contentType: 'application/cloudevents+json' })).toMatchObject({ ok: true, value: [{ kind: 'reply', channel: 'whatsapp', eventId: 'ce-1', text: 'hi' }] });
  });

  test.each([
    ['no from', { from: undefined }, '[0].data.from'],
    ['a from that is no number', { from: 'abc' }, '[0].data.from'],
    ['a button that is no object', { button: 'confirm' }, '[0].data.button'],
    ['a context id of the wrong type', { context: { id: 5 } }, '[0].data.context.id'],
  ])('malformed (%s) → an error naming the path', (_label, data, path) => {
    const result = parseAcsEvents({ body: [received(data)] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(path);
  });

  test('statuses: Delivered and Read deliver; Failed names Meta\'s code (131026 is permanent: not on WhatsApp); Sent is no verdict', () => {
    const parsed = parseAcsEvents({ body: [status('m', 'Delivered', 'a'), status('m', 'Read', 'b'), status('m', 'Failed', 'c', { error: { channelCode: '131026', channelMessage: 'Message Undeliverable.' } }), status('m', 'Failed', 'd', { error: { channelCode: 131047 } }), status('m', 'Sent', 'e')] });
    expect(parsed).toMatchObject({ ok: true, value: [
      { kind: 'delivered', channel: 'whatsapp', providerMessageId: 'm' },
      { kind: 'delivered' },
      { kind: 'undelivered', reason: 'whatsapp: Failed (131026)', permanent: true },
      { kind: 'undelivered', reason: 'whatsapp: Failed (131047)', permanent: false },
      { kind: 'ignored', reason: 'whatsapp: Sent is not a final status' },
    ] });
    expect(JSON.stringify(parsed)).not.toContain('Undeliverable');
  });
});

describe('POST /api/events/acs with WhatsApp statuses, in any order', () => {
  const about: About = { kind: 'meeting', id: 'A-1001' };
  const KEY_WA = 'A-1001|1|reminder|whatsapp';
  const sentWhatsApp = async (deps: ReturnType<typeof setup>['deps'], sendKey: string, messageId: string) => {
    await deps.ledger.claim({ sendKey, about, type: 'reminder', channel: 'whatsapp', plannedFor: null }, deps.clock.now());
    await deps.messageIndex.record(messageId, { about, sendKey });
    await deps.ledger.markSent(about, sendKey, messageId, deps.clock.now());
  };

  test('Read before Delivered, a late Failed, a repeat and a Sent: the ledger ends delivered, once', async () => {
    const { post, deps } = setup();
    await sentWhatsApp(deps, KEY_WA, OURS);
    for (const event of [status(OURS, 'Read', 's1'), status(OURS, 'Delivered', 's2'), status(OURS, 'Failed', 's3', { error: { channelCode: '131026' } }), status(OURS, 'Read', 's1'), status(OURS, 'Sent', 's4')]) {
      expect((await post([event])).status).toBe(200);
    }
    expect(await deps.ledger.get(about, KEY_WA)).toMatchObject({ status: 'delivered', deliveredAt: '2020-09-18T00:26:00.000Z' });
  });

  test('a status that overtakes the send record still applies once the send is recorded (503 until then)', async () => {
    const { post, deps } = setup();
    expect((await post([status(OURS, 'Failed', 'early', { error: { channelCode: '131026' } })])).status).toBe(503);
    await sentWhatsApp(deps, KEY_WA, OURS);
    expect((await post([status(OURS, 'Failed', 'early', { error: { channelCode: '131026' } })])).status).toBe(200);
    expect(await deps.ledger.get(about, KEY_WA)).toMatchObject({ status: 'failed', reason: 'whatsapp: Failed (131026) (permanent)' });
  });

  test('STOP on WhatsApp comes first: the number is opted out (no SMS nor WhatsApp), and the window is recorded', async () => {
    const { post, deps } = setup();
    expect((await post([received({ content: 'STOP' })])).status).toBe(200);
    expect(await deps.optOuts.get('+14255550123')).toMatchObject({ optedOut: true, source: 'reply' });
    expect(await deps.conversations.lastInboundAt('+14255550123')).toBe('2020-09-18T00:25:00.123Z');
  });

  test('a wrong key is refused before anything is read', async () => {
    const { post, deps } = setup();
    expect((await post([received({ content: 'STOP' })], { key: `${KEY}x` })).status).toBe(401);
    expect(await deps.optOuts.get('+14255550123')).toBeUndefined();
  });
});

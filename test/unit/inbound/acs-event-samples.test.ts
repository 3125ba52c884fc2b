import { acsEventParser, parseAcsEvents } from '../../../src/adapters/acs/event-grid-events';
import type { InboundEvent } from '../../../src/ports/inbound';
import {
  ceEmailDeliveryReport, ceSmsDeliveryReport, ceSmsReceived, egChatMessageReceived, egEmailDeliveryReport,
  egSmsDeliveryReport, egSmsReceived, egSubscriptionValidation,
} from './acs-samples';

const EG = 'application/json; charset=utf-8';
const CE = 'application/cloudevents+json; charset=utf-8';
const CE_BATCH = 'application/cloudevents-batch+json; charset=utf-8';

const smsDelivered: InboundEvent = {
  kind: 'delivered',
  eventId: 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910',
  provider: 'acs',
  channel: 'sms',
  providerMessageId: 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910',
  at: '2020-09-18T00:22:20.285Z',
  sendKey: 'Optional customer-tag set in the original message',
};
const { sendKey: _untagged, ...smsDeliveredUntagged } = smsDelivered;

const reply = (text: string): InboundEvent => ({
  kind: 'reply',
  eventId: 'Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e',
  provider: 'acs',
  channel: 'sms',
  from: '+15555555555',
  to: '+15555555555',
  text,
  at: '2020-09-18T00:27:45.320Z',
  providerMessageId: 'Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e',
});

describe('parseAcsEvents: Microsoft sample payloads', () => {
  test.each<[string, string | undefined, unknown, InboundEvent[]]>([
    ['EG SMS delivery report (mixed-case Tag, from without +)', EG, [egSmsDeliveryReport()], [smsDelivered]],
    ['EG SMS received (numbers without +)', EG, [egSmsReceived()], [reply('Great to connect with Azure Communication Services events')]],
    ['EG SMS received without a content type', undefined, [egSmsReceived()], [reply('Great to connect with Azure Communication Services events')]],
    [
      'EG email delivery report (deliveryAttemptTimeStamp)',
      EG,
      [egEmailDeliveryReport()],
      [{ kind: 'delivered', eventId: '00000000-0000-0000-0000-000000000000', provider: 'acs', channel: 'email', providerMessageId: '00000000-0000-0000-0000-000000000000', at: '2020-09-18T00:22:20.285Z' }],
    ],
    [
      'EG subscription validation',
      EG,
      [egSubscriptionValidation()],
      [{ kind: 'validation', eventId: '2d1781af-3a4c-4d7c-bd0c-e34b19da4e66', validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' }],
    ],
    [
      'EG unknown type',
      EG,
      [egChatMessageReceived()],
      [{ kind: 'ignored', eventId: 'c13afb5f-d975-4296-a8ef-348c8fc496ee', type: 'Microsoft.Communication.ChatMessageReceived' }],
    ],
    ['CE SMS received (PascalCase data, specVersion)', CE, ceSmsReceived(), [reply('Great to connect with ACS events')]],
    ['CE SMS delivery report (PascalCase, no tag)', CE, ceSmsDeliveryReport(), [smsDeliveredUntagged as InboundEvent]],
    [
      'CE email delivery report (status "delivered")',
      CE,
      ceEmailDeliveryReport(),
      [{ kind: 'delivered', eventId: '5f04f77c-2a6a-43bd-9b74-576a64c01f9e', provider: 'acs', channel: 'email', providerMessageId: '950850f5-bcdf-4315-b77a-6447cf56fac9', at: '2023-02-09T19:46:12.248Z' }],
    ],
    ['CE batch, body order kept', CE_BATCH, [ceSmsDeliveryReport(), ceSmsReceived()], [smsDeliveredUntagged as InboundEvent, reply('Great to connect with ACS events')]],
    ['CloudEvents in an application/json array, read by shape', EG, [ceSmsReceived()], [reply('Great to connect with ACS events')]],
    ['an Event Grid event that also carries specversion is still Event Grid', EG, [{ ...egSmsReceived(), specversion: '1.0' }], [reply('Great to connect with Azure Communication Services events')]],
    ['an empty array', EG, [], []],
  ])('%s', (_name, contentType, body, expected) => {
    expect(parseAcsEvents({ body, contentType })).toEqual({ ok: true, value: expected });
  });

  test('an Event Grid batch of every kind, in body order', () => {
    const parsed = parseAcsEvents({ body: [egSubscriptionValidation(), egSmsReceived(), egSmsDeliveryReport(), egEmailDeliveryReport(), egChatMessageReceived()], contentType: EG });
    expect(parsed.ok && parsed.value.map((event) => event.kind)).toEqual(['validation', 'reply', 'delivered', 'delivered', 'ignored']);
  });

  test('the port object is the same parser, for provider acs', () => {
    expect(acsEventParser.provider).toBe('acs');
    expect(acsEventParser.parse({ body: [egSmsReceived()], contentType: EG })).toEqual(parseAcsEvents({ body: [egSmsReceived()], contentType: EG }));
  });
});

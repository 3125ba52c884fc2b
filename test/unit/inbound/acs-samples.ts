/**
 * Microsoft's own sample payloads, in the shapes they are published (see
 * /work/shared/reference/acs-channels.md §1.1): azure-docs `communication-services-telephony-sms-events.md`
 * and `communication-services-email-events.md` (Event Grid schema), azure-rest-api-specs
 * `examples/cloud-events-schema/*.json` (CloudEvents, PascalCase data keys, `specVersion`), and
 * `end-point-validation-event-grid-events-schema.md` (the handshake). Each builder returns a fresh copy
 * so a test may mutate it.
 */
const TOPIC =
  '/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/microsoft.communication/communicationservices/{communication-services-resource-name}';

export const egSmsDeliveryReport = (): Record<string, unknown> => ({
  id: 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910',
  topic: TOPIC,
  subject: '/phonenumber/15555555555',
  data: {
    messageId: 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910',
    from: '15555555555',
    to: '+15555555555',
    deliveryStatus: 'Delivered',
    deliveryStatusDetails: 'No error.',
    receivedTimestamp: '2020-09-18T00:22:20.2855749Z',
    deliveryAttempts: [{ timestamp: '2020-09-18T00:22:14.9315918Z', segmentsSucceeded: 1, segmentsFailed: 0 }],
    Tag: 'Optional customer-tag set in the original message',
  },
  eventType: 'Microsoft.Communication.SMSDeliveryReportReceived',
  dataVersion: '1.0',
  metadataVersion: '1',
  eventTime: '2020-09-18T00:22:20Z',
});

export const egSmsReceived = (): Record<string, unknown> => ({
  id: 'Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e',
  topic: TOPIC,
  subject: '/phonenumber/15555555555',
  data: {
    messageId: 'Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e',
    from: '15555555555',
    to: '15555555555',
    message: 'Great to connect with Azure Communication Services events',
    receivedTimestamp: '2020-09-18T00:27:45.32Z',
    segmentCount: 1,
  },
  eventType: 'Microsoft.Communication.SMSReceived',
  dataVersion: '1.0',
  metadataVersion: '1',
  eventTime: '2020-09-18T00:27:47Z',
});

export const egEmailDeliveryReport = (): Record<string, unknown> => ({
  id: '00000000-0000-0000-0000-000000000000',
  topic: TOPIC,
  subject: 'sender/senderid@azure.com/message/00000000-0000-0000-0000-000000000000',
  data: {
    sender: 'senderid@azure.com',
    recipient: 'receiver@azure.com',
    messageId: '00000000-0000-0000-0000-000000000000',
    status: 'Delivered',
    deliveryStatusDetails: { statusMessage: 'Status Message' },
    deliveryAttemptTimeStamp: '2020-09-18T00:22:20.2855749+00:00',
  },
  eventType: 'Microsoft.Communication.EmailDeliveryReportReceived',
  dataVersion: '1.0',
  metadataVersion: '1',
  eventTime: '2020-09-18T00:22:20.822Z',
});

export const egSubscriptionValidation = (): Record<string, unknown> => ({
  id: '2d1781af-3a4c-4d7c-bd0c-e34b19da4e66',
  topic: '/subscriptions/xx/resourceGroups/xx/providers/Microsoft.Storage/storageAccounts/xx',
  subject: '',
  data: {
    validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6',
    validationUrl: 'https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/myeventsub/validate?id=0000&t=2022-10-28T04:23:35.1981776Z',
  },
  eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
  eventTime: '2022-10-28T04:23:35.1981776Z',
  metadataVersion: '1',
  dataVersion: '1',
});

export const ceSmsReceived = (): Record<string, unknown> => ({
  source: '/subscriptions/50ad1522-5c2c-4d9a-a6c8-67c11ecb75b8/resourcegroups/acse2e/providers/microsoft.communication/communicationservices/{communication-services-resource-name}',
  subject: '/phonenumber/15555555555',
  type: 'Microsoft.Communication.SMSReceived',
  time: '2020-09-18T00:27:47.0000000Z',
  id: 'Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e',
  data: {
    MessageId: 'Incoming_20200918002745d29ebbea-3341-4466-9690-0a03af35228e',
    From: '15555555555',
    To: '15555555555',
    Message: 'Great to connect with ACS events',
    ReceivedTimestamp: '2020-09-18T00:27:45.32Z',
  },
  specVersion: '1.0',
});

export const ceSmsDeliveryReport = (): Record<string, unknown> => ({
  source: TOPIC,
  subject: '/phonenumber/15555555555',
  type: 'Microsoft.Communication.SMSDeliveryReportReceived',
  time: '2020-09-18T00:22:20.0000000Z',
  id: 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910',
  data: {
    MessageId: 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910',
    From: '15555555555',
    To: '+15555555555',
    DeliveryStatus: 'Delivered',
    DeliveryStatusDetails: 'No error.',
    ReceivedTimestamp: '2020-09-18T00:22:20.2855749Z',
    DeliveryAttempts: [{ Timestamp: '2020-09-18T00:22:14.9315918Z', SegmentsSucceeded: 1, SegmentsFailed: 0 }],
  },
  specversion: '1.0',
});

export const ceEmailDeliveryReport = (): Record<string, unknown> => ({
  id: '5f04f77c-2a6a-43bd-9b74-576a64c01f9e',
  source: TOPIC,
  subject: 'sender/test2@contoso.org/message/950850f5-bcdf-4315-b77a-6447cf56fac9',
  data: {
    sender: 'test2@contoso.org',
    recipient: 'test1@contoso.com',
    messageId: '950850f5-bcdf-4315-b77a-6447cf56fac9',
    status: 'delivered',
    deliveryAttemptTimestamp: '2023-02-09T19:46:12.2480265+00:00',
  },
  type: 'Microsoft.Communication.EmailDeliveryReportReceived',
  time: '2023-02-09T19:46:12.2478002Z',
  specversion: '1.0',
});

/** A type we do not handle, from the same examples folder (chat). */
export const egChatMessageReceived = (): Record<string, unknown> => ({
  id: 'c13afb5f-d975-4296-a8ef-348c8fc496ee',
  topic: TOPIC,
  subject: 'thread/{thread-id}/sender/{id-of-message-sender}/recipient/{id-of-message-recipient}',
  data: { messageBody: 'Welcome to Azure Communication Services', messageId: '1613694358927', type: 'Text' },
  eventType: 'Microsoft.Communication.ChatMessageReceived',
  dataVersion: '1.0',
  metadataVersion: '1',
  eventTime: '2021-02-19T00:25:59.9436666Z',
});

/** Sets `value` at a dotted path in a sample (`data.From`); `undefined` deletes the key. */
export function withField(sample: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target = sample;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return sample;
}

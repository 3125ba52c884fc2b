import { parseAcsEvents } from '../../../src/adapters/acs/event-grid-events';
import type { InboundEvent } from '../../../src/ports/inbound';
import { egEmailDeliveryReport, egSmsDeliveryReport, egSmsReceived, withField } from './acs-samples';

function only(body: unknown[]): InboundEvent {
  const parsed = parseAcsEvents({ body, contentType: 'application/json' });
  if (!parsed.ok) throw new Error(`unexpected parse failure: ${JSON.stringify(parsed.errors)}`);
  expect(parsed.value).toHaveLength(1);
  return parsed.value[0] as InboundEvent;
}

/** The fields a status decides, whatever the kind. */
const verdict = (event: InboundEvent): Record<string, unknown> => ({
  kind: event.kind,
  reason: 'reason' in event ? event.reason : undefined,
  permanent: 'permanent' in event ? event.permanent : undefined,
});

describe('SMS delivery report statuses', () => {
  test.each<[string, string | undefined, Record<string, unknown>]>([
    ['Delivered', 'No error.', { kind: 'delivered', reason: undefined, permanent: undefined }],
    ['delivered', undefined, { kind: 'delivered', reason: undefined, permanent: undefined }],
    ['Failed', 'Unable to deliver.', { kind: 'undelivered', reason: 'sms: Failed', permanent: false }],
    ['Failed', 'Sender blocked for given recipient.', { kind: 'undelivered', reason: 'sms: Failed (sender blocked for this recipient)', permanent: true }],
    ['Expired', undefined, { kind: 'undelivered', reason: 'sms: Expired', permanent: false }],
    ['Something new', undefined, { kind: 'undelivered', reason: 'sms: unrecognised status', permanent: false }],
  ])('%s (%s)', (status, details, expected) => {
    const sample = withField(withField(egSmsDeliveryReport(), 'data.deliveryStatus', status), 'data.deliveryStatusDetails', details);
    expect(verdict(only([sample]))).toEqual(expected);
  });

  test('an undelivered report keeps the ids, the time and the send key', () => {
    const event = only([withField(withField(egSmsDeliveryReport(), 'data.deliveryStatus', 'Failed'), 'data.Tag', 'm-1:1:reminder:sms')]);
    expect(event).toMatchObject({ eventId: 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910', providerMessageId: 'Outgoing_202009180022138813a09b-0cbf-4304-9b03-1546683bb910', at: '2020-09-18T00:22:20.285Z', sendKey: 'm-1:1:reminder:sms', channel: 'sms' });
  });

  test.each([
    ['no tag', undefined],
    ['an empty tag', ''],
  ])('%s → no sendKey', (_name, tag) => {
    expect(only([withField(egSmsDeliveryReport(), 'data.Tag', tag)])).not.toHaveProperty('sendKey');
  });

  test('no receivedTimestamp → the envelope time', () => {
    expect(only([withField(egSmsDeliveryReport(), 'data.receivedTimestamp', undefined)])).toMatchObject({ at: '2020-09-18T00:22:20.000Z' });
  });
});

describe('email delivery report statuses', () => {
  test.each<[string, Record<string, unknown>]>([
    ['Delivered', { kind: 'delivered', reason: undefined, permanent: undefined }],
    ['Bounced', { kind: 'undelivered', reason: 'email: Bounced', permanent: true }],
    ['Suppressed', { kind: 'undelivered', reason: 'email: Suppressed', permanent: true }],
    ['Quarantined', { kind: 'undelivered', reason: 'email: Quarantined', permanent: false }],
    ['FilteredSpam', { kind: 'undelivered', reason: 'email: FilteredSpam', permanent: false }],
    ['Failed', { kind: 'undelivered', reason: 'email: Failed', permanent: false }],
    ['bounced', { kind: 'undelivered', reason: 'email: bounced', permanent: true }],
    ['Expanded', { kind: 'ignored', reason: 'email: Expanded is not a final status', permanent: undefined }],
    ['NewStatus', { kind: 'undelivered', reason: 'email: NewStatus', permanent: false }],
    ['550 user@example.com unknown', { kind: 'undelivered', reason: 'email: unrecognised status', permanent: false }],
  ])('%s', (status, expected) => {
    expect(verdict(only([withField(egEmailDeliveryReport(), 'data.status', status)]))).toEqual(expected);
  });

  test('Expanded is ignored under its event type', () => {
    expect(only([withField(egEmailDeliveryReport(), 'data.status', 'Expanded')])).toMatchObject({ type: 'Microsoft.Communication.EmailDeliveryReportReceived' });
  });
});

describe('numbers in replies are normalised to E.164', () => {
  test.each([
    ['15555555555', '+15555555555'],
    ['+14255550123', '+14255550123'],
    [' 14255550123 ', '+14255550123'],
    ['+1 (425) 555-0123', '+14255550123'],
    ['4402079460000', '+442079460000'],
    ['34911234567', '+34911234567'],
    // A country code libphonenumber does not know still comes out as E.164: the carrier sent it.
    ['99912345678', '+99912345678'],
  ])('%j → %s', (from, e164) => {
    expect(only([withField(egSmsReceived(), 'data.from', from)])).toMatchObject({ from: e164 });
  });

  test('an empty SMS is still a reply', () => {
    expect(only([withField(egSmsReceived(), 'data.message', '')])).toMatchObject({ kind: 'reply', text: '' });
  });
});

import { parseAcsEvents } from '../../../../src/adapters/acs/event-grid-events';
import type { OutboxMessage } from '../../../../src/ports/outbox';
import { deliveredReport, smsReceived } from '../../../../devhost/dev-services/acs-events';

const now = new Date('2026-12-01T09:00:00.000Z');
const message = (channel: 'sms' | 'email'): OutboxMessage => ({
  id: 'row-1', channel, from: channel === 'sms' ? '+18005550100' : 'DoNotReply@outbox.localhost', to: channel === 'sms' ? '+14255550123' : 'bob@example.com',
  type: 'confirmation', meetingId: 'A-1001', subject: null, text: 'hello', html: null, sendKey: `A-1001|1|confirmation|${channel}`, messageId: 'msg-1', createdAt: now.toISOString(),
});

/** What the devhost posts must be what the product's parser reads from real ACS events. */
describe("the devhost's ACS events, read by the product's parser", () => {
  test('an SMS Delivered report carries the message ID and our send key (Tag)', () => {
    const parsed = parseAcsEvents({ body: [deliveredReport(message('sms'), now)], contentType: 'application/json; charset=utf-8' });
    expect(parsed).toEqual({ ok: true, value: [{ kind: 'delivered', eventId: 'msg-1', provider: 'acs', channel: 'sms', providerMessageId: 'msg-1', at: now.toISOString(), sendKey: 'A-1001|1|confirmation|sms' }] });
  });

  test('an email Delivered report carries the message ID and no send key', () => {
    const parsed = parseAcsEvents({ body: [deliveredReport(message('email'), now)], contentType: 'application/json' });
    expect(parsed).toEqual({ ok: true, value: [{ kind: 'delivered', eventId: 'msg-1', provider: 'acs', channel: 'email', providerMessageId: 'msg-1', at: now.toISOString() }] });
  });

  test('an SMSReceived is a reply with both numbers back in E.164', () => {
    const parsed = parseAcsEvents({ body: [smsReceived({ from: '+14255550123', to: '+18005550100', text: 'YES' }, now)], contentType: 'application/json' });
    expect(parsed).toMatchObject({ ok: true, value: [{ kind: 'reply', channel: 'sms', from: '+14255550123', to: '+18005550100', text: 'YES', at: now.toISOString() }] });
  });
});

import { AppHost, meetingBody, useAppHost } from '../../support/app-host';
import { subscribe, WebhookReceiver } from '../../support/webhook-receiver';

const OUR_NUMBER = '+18005550100';
const inbound = (host: AppHost, from: string, text: string): Promise<Response> =>
  fetch(`${host.url}/dev/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, to: OUR_NUMBER, text }) });

interface Delivered { type: string; subject: string; data: Record<string, unknown> }

/**
 * [4/9] "Done when": what customers do reaches a flow's subscription as a signed CloudEvent, from the
 * product's own actions on the devhost (replies through the same webhook path Azure uses), with IDs only.
 */
describe('what customers do reaches a flow trigger, on the devhost', () => {
  let host: AppHost;
  let receiver: WebhookReceiver;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'skip', sendAtLocalTime: null });
  beforeAll(async () => {
    await host.patchSettings({ replies: { enabled: true } });
    receiver = await WebhookReceiver.start();
    await subscribe(host, receiver, ['meeting.confirmed', 'meeting.cancelled', 'communication.failed', 'reply.unsolicited', 'contact.optedOut']);
  });
  afterAll(async () => receiver.close());

  const events = (): Delivered[] => receiver.received.filter((r) => r.status === 200).map((r) => JSON.parse(r.body) as Delivered);
  const of = (type: string, meetingId?: string): Delivered[] => events().filter((e) => e.type === type && (meetingId === undefined || e.data.meetingId === meetingId));

  test('YES → meeting.confirmed; NO → meeting.cancelled by sms; STOP → contact.optedOut; a text nobody asked for → reply.unsolicited; each once, signed, with no number or text', async () => {
    const yesPhone = '+14255550151';
    const noPhone = '+14255550152';
    for (const [id, phone] of [['FLOW-YES', yesPhone], ['FLOW-NO', noPhone]] as const) {
      expect((await host.schedule(meetingBody(id, await host.now(), 10, { contact: { phone } }))).status).toBe(202);
    }
    await host.settle();
    expect((await inbound(host, yesPhone, 'yes')).status).toBe(202);
    expect((await inbound(host, noPhone, 'No')).status).toBe(202);
    await host.settle();
    expect((await inbound(host, noPhone, 'STOP')).status).toBe(202);
    expect((await inbound(host, '+14255550159', 'who is this?')).status).toBe(202);
    await host.settle();

    expect(of('meeting.confirmed', 'FLOW-YES')).toEqual([expect.objectContaining({ subject: 'meetings/FLOW-YES', data: expect.objectContaining({ attendance: 'confirmed', status: 'scheduled', promptId: expect.any(String) }) })]);
    expect(of('meeting.cancelled', 'FLOW-NO')).toEqual([expect.objectContaining({ data: expect.objectContaining({ cancelledBy: 'sms', status: 'cancelled', attendance: 'declined' }) })]);
    expect(of('contact.optedOut')).toEqual([expect.objectContaining({ data: expect.objectContaining({ source: 'reply', channel: 'sms' }) })]);
    expect(of('reply.unsolicited')).toHaveLength(1);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    const bodies = receiver.received.map((r) => r.body).join('\n');
    expect(bodies).not.toMatch(/425555015\d|who is this|bob@example\.com/i);
  });

  test('an SMS to a landline → communication.failed ("not a mobile number", the send key named)', async () => {
    expect((await host.schedule(meetingBody('FLOW-LANDLINE', await host.now(), 10, { contact: { phone: '+442071838750' } }))).status).toBe(202);
    await host.settle();
    expect(of('communication.failed', 'FLOW-LANDLINE')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ channel: 'sms', type: 'confirmation', sendKey: 'FLOW-LANDLINE|1|confirmation|sms', reason: 'not a mobile number' }) }),
    ]);
  });
});

import { AppHost, kinds, meetingBody, useAppHost } from '../../support/app-host';

const OUR_NUMBER = '+18005550100';
const inbound = (host: AppHost, from: string, text: string): Promise<Response> =>
  fetch(`${host.url}/dev/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, to: OUR_NUMBER, text }) });

interface TwoWayView { status: string; attendance: string; cancelledBy?: string; replies: Array<{ intent: string; outcome: string }>; prompts: Array<{ channel: string; sendKey: string; outcome: string }> }

describe('customers answer prompts by SMS, on the devhost', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'skip', sendAtLocalTime: null });
  beforeAll(async () => host.patchSettings({ replies: { enabled: true } }));

  const view = async (id: string): Promise<TwoWayView> => (await host.meeting(id)) as unknown as TwoWayView;

  test('YES confirms: the confirmation SMS carries the hint, GetMeeting shows attendance confirmed, a replyConfirmed SMS goes out', async () => {
    const id = 'REPLY-YES-1';
    const phone = '+14255550141';
    expect((await host.schedule(meetingBody(id, await host.now(), 10, { contact: { phone } }))).status).toBe(202);
    await host.settle();
    const confirmation = (await host.outbox(id)).find((m) => m.type === 'confirmation' && m.channel === 'sms');
    expect(confirmation?.text).toContain('Reply YES');
    expect(confirmation?.from).toBe(OUR_NUMBER);
    expect((await view(id)).prompts).toEqual([expect.objectContaining({ channel: 'sms', sendKey: `${id}|1|confirmation|sms`, outcome: 'open' })]);
    expect((await view(id)).attendance).toBe('unknown');

    expect((await inbound(host, phone, 'Yes!')).status).toBe(202);
    await host.settle();
    const after = await view(id);
    expect(after).toMatchObject({ status: 'scheduled', attendance: 'confirmed', replies: [{ intent: 'confirm', outcome: 'confirmed' }] });
    expect(after.prompts.map((p) => p.outcome)).toEqual(['confirmed']);
    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms', 'replyConfirmed/sms']);
    expect(host.host.output()).not.toMatch(/4255550141/);
  });

  test('NO on another meeting cancels it (cancelledBy sms); the cancellation notice answers it', async () => {
    const id = 'REPLY-NO-1';
    const phone = '+14255550142';
    expect((await host.schedule(meetingBody(id, await host.now(), 10, { contact: { phone } }))).status).toBe(202);
    await host.settle();
    expect((await inbound(host, phone, 'no')).status).toBe(202);
    await host.settle();
    expect(await view(id)).toMatchObject({ status: 'cancelled', cancelledBy: 'sms', attendance: 'declined' });
    expect(kinds(await host.outbox(id))).toEqual(['cancellation/email', 'cancellation/sms', 'confirmation/email', 'confirmation/sms']);
  });

  test('after the prompt timed out, a YES changes nothing and is kept for staff', async () => {
    const id = 'REPLY-LATE-1';
    const phone = '+14255550143';
    expect((await host.schedule(meetingBody(id, await host.now(), 10, { contact: { phone } }))).status).toBe(202);
    await host.settle();
    await host.advance('PT25H');
    expect((await view(id)).prompts.map((p) => p.outcome)).toEqual(['timeout']);
    const { eventId } = (await (await inbound(host, phone, 'YES')).json()) as { eventId: string };
    await host.settle();
    expect((await view(id)).attendance).toBe('unknown');
    const listed = (await (await host.api('replies?unmatched=true')).json()) as { replies: Array<{ replyId: string }> };
    expect(listed.replies.map((r) => r.replyId)).toContain(eventId);
  });
});

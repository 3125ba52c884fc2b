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

  const replyId = async (res: Promise<Response>): Promise<string> => ((await (await res).json()) as { eventId: string }).eventId;
  const unmatched = async (): Promise<string[]> => ((await (await host.api('replies?unmatched=true')).json()) as { replies: Array<{ replyId: string }> }).replies.map((r) => r.replyId);
  const sentTo = async (phone: string): Promise<string[]> => (await host.outbox()).filter((m) => m.to === phone).map((m) => m.type);

  test('"No, stop texting me" with a prompt open is no opt-out and cancels nothing: the prompt answers it with replyHelp', async () => {
    const id = 'REPLY-STOP-SENTENCE-1';
    const phone = '+14255550144';
    expect((await host.schedule(meetingBody(id, await host.now(), 10, { contact: { phone } }))).status).toBe(202);
    await host.settle();
    expect((await inbound(host, phone, 'No, stop texting me')).status).toBe(202);
    await host.settle();
    expect(await (await host.api(`optouts/${encodeURIComponent(phone)}`)).json()).toMatchObject({ sms: { optedOut: false } });
    expect(await view(id)).toMatchObject({ status: 'scheduled', replies: [{ intent: 'unknown', outcome: 'help' }] });
    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms', 'replyHelp/sms']);
    // The single word still opts out.
    expect((await inbound(host, phone, 'Stop.')).status).toBe(202);
    await host.settle();
    expect(await (await host.api(`optouts/${encodeURIComponent(phone)}`)).json()).toMatchObject({ sms: { optedOut: true } });
  });

  test('HELP from a number with no prompt gets one meeting-less replyHelp; a second within the hour gets nothing', async () => {
    const phone = '+14255550145';
    expect((await inbound(host, phone, 'HELP')).status).toBe(202);
    await host.settle();
    const [answer] = (await host.outbox()).filter((m) => m.to === phone);
    expect(answer).toMatchObject({ type: 'replyHelp', channel: 'sms', meetingId: null, text: 'Contoso Bank appointment messages. Reply STOP to opt out.' });
    expect((await inbound(host, phone, 'help')).status).toBe(202);
    await host.settle();
    expect(await sentTo(phone)).toEqual(['replyHelp']);
    await host.advance('PT61M');
    expect((await inbound(host, phone, 'HELP')).status).toBe(202);
    await host.settle();
    expect(await sentTo(phone)).toEqual(['replyHelp', 'replyHelp']);
    expect(host.host.output()).not.toMatch(/4255550145/);
  });

  test('after 20 replies a prompt stops listening: the 21st is kept for staff, not lost', async () => {
    const phone = '+14255550146';
    for (const id of ['REPLY-MANY-1', 'REPLY-MANY-2']) expect((await host.schedule(meetingBody(id, await host.now(), 10, { contact: { phone } }))).status).toBe(202);
    await host.settle();
    // Two open prompts on the pair: every YES without a number is asked "which?", and both stay open.
    for (let n = 0; n < 20; n += 1) {
      expect((await inbound(host, phone, 'YES')).status).toBe(202);
      await host.settle();
    }
    const last = await replyId(inbound(host, phone, 'YES'));
    await host.settle();
    expect(await unmatched()).toContain(last);
    for (const id of ['REPLY-MANY-1', 'REPLY-MANY-2']) expect(await view(id)).toMatchObject({ status: 'scheduled', attendance: 'unknown' });
  }, 60_000);

  // Last: it turns replies off for the rest of this host.
  test('turning replies off ends every open prompt superseded; a YES then is kept for staff, not taken as an answer', async () => {
    const id = 'REPLY-OFF-1';
    const phone = '+14255550147';
    expect((await host.schedule(meetingBody(id, await host.now(), 10, { contact: { phone } }))).status).toBe(202);
    await host.settle();
    expect((await view(id)).prompts.map((p) => p.outcome)).toEqual(['open']);
    await host.patchSettings({ replies: { enabled: false } });
    await host.settle();
    expect((await view(id)).prompts.map((p) => p.outcome)).toEqual(['superseded']);
    const yes = await replyId(inbound(host, phone, 'YES'));
    await host.settle();
    expect(await view(id)).toMatchObject({ status: 'scheduled', attendance: 'unknown' });
    expect(await unmatched()).toContain(yes);
  });
});

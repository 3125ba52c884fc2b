import { AppHost, useAppHost, kinds, meetingBody } from '../../support/app-host';
import { json } from '../../support/devhost-process';
import { advanceTo, comm, expectProblem, HOUR, reminderAt } from './scenario-support';

const OPTED_OUT = '+14255550199';

describe('opt-outs through the admin API, on the devhost', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'skip', sendAtLocalTime: null });

  test('a number opted out with PUT gets no SMS: GetMeeting shows them skipped "opted out", the outbox has none', async () => {
    const put = await host.api(`optouts/${encodeURIComponent(OPTED_OUT)}`, { method: 'PUT', body: JSON.stringify({ sms: { optedOut: true } }) });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ phone: OPTED_OUT, sms: { optedOut: true, source: 'admin' } });
    expect(await json(await host.api(`optouts/${encodeURIComponent(OPTED_OUT)}`))).toMatchObject({ sms: { optedOut: true, source: 'admin' } });

    const now = await host.now();
    const optedOut = meetingBody('OPTOUT-1', now, 10, { contact: { phone: OPTED_OUT } });
    // The same meeting for a number that did not opt out: its SMS do go (the outbox records SMS here).
    const control = meetingBody('OPTOUT-CONTROL-1', now, 10);
    expect((await host.schedule(optedOut)).status).toBe(202);
    expect((await host.schedule(control)).status).toBe(202);
    await host.settle();

    expect(kinds(await host.outbox('OPTOUT-1'))).toEqual(['confirmation/email']);
    expect(kinds(await host.outbox('OPTOUT-CONTROL-1'))).toEqual(['confirmation/email', 'confirmation/sms']);
    const view = await host.meeting('OPTOUT-1');
    expect(comm(view, 'confirmation', 'sms')).toMatchObject({ status: 'skipped', reason: 'opted out' });
    expect(comm(view, 'reminder', 'sms')).toMatchObject({ status: 'skipped', reason: 'opted out' });

    await advanceTo(host, reminderAt(optedOut.start as string, 2) + HOUR);
    expect(kinds(await host.outbox('OPTOUT-1'))).toEqual(['confirmation/email', 'reminder/email']);
    expect(kinds(await host.outbox('OPTOUT-CONTROL-1'))).toEqual(['confirmation/email', 'confirmation/sms', 'reminder/email', 'reminder/sms']);
    expect(comm(await host.meeting('OPTOUT-1'), 'reminder', 'sms')).toMatchObject({ status: 'skipped', reason: 'opted out' });
    expect((await host.outbox()).filter((m) => m.channel === 'sms' && m.to === OPTED_OUT)).toEqual([]);
  });

  test('an admin cannot opt a number back in (409), and a bad number is a 400 naming phone', async () => {
    await expectProblem(await host.api(`optouts/${encodeURIComponent(OPTED_OUT)}`, { method: 'PUT', body: JSON.stringify({ sms: { optedOut: false } }) }), 409);
    await expectProblem(await host.api('optouts/4255550199'), 400, 'phone');
    expect((await host.api(`optouts/${encodeURIComponent(OPTED_OUT)}`, { headers: { 'x-api-key': 'wrong-key-0123456789abc' } })).status).toBe(401);
  });
});

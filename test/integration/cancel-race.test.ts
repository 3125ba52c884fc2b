import { AppHost, useAppHost, meetingBody } from '../support/app-host';

/**
 * A cancel racing a reminder due the same moment: whichever wins, once the cancel is acknowledged
 * no reminder may appear afterwards (the send claims its ledger row and re-reads the meeting; the
 * cancel saves first and then waits for claimed sends).
 */
describe('cancel racing a reminder', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), { env: { PUBLIC_BASE_URL: 'devhost' } }, { daysBefore: 1 });

  test.each([0, 1, 2, 3, 4, 5])('round %i: no reminder after the cancel was acknowledged', async (round) => {
    const id = `RACE-REMIND-${round}`;
    const now = await host.now();
    await host.schedule(meetingBody(id, now, 3));
    await host.settle();
    const view = await host.meeting(id);
    const due = Date.parse(view.communications.find((c) => c.type === 'reminder' && c.channel === 'email')?.plannedFor ?? '');
    // Step to a few ms before the reminder, then fire it while the cancel is in flight.
    await host.advance(`PT${Math.max(0, (due - (await host.now())) / 1000 - 0.05 * round).toFixed(3)}S`);
    const clock = host.advance('PT1M');
    const cancel = host.api(`meetings/${id}/cancel`, { method: 'POST', body: JSON.stringify({ source: 'external' }) });
    const acknowledged = await cancel;
    expect(acknowledged.status).toBe(200);
    const remindersAtAck = (await host.outbox(id)).filter((m) => m.type === 'reminder').length;
    await clock;
    await host.settle();
    const remindersAfter = (await host.outbox(id)).filter((m) => m.type === 'reminder').length;
    expect(remindersAfter).toBe(remindersAtAck);
    expect((await host.meeting(id)).status).toBe('cancelled');
  });
});

import { DateTime } from 'luxon';
import { startAcsServer, type AcsServer } from '../../support/acs-server';
import { AppHost, meetingBody } from '../../support/app-host';
import { advanceTo, comm, CONTACT_ZONE, HOUR, MINUTE, ofType, reminderAt } from './scenario-support';

/**
 * Quiet hours and the pacer through the devhost's HTTP API and virtual clock. Quiet hours are switched
 * on after the booking, so the result does not depend on the hour the test runs at.
 */
describe('quiet hours on the devhost (outbox)', () => {
  let host: AppHost;
  beforeAll(async () => {
    host = await AppHost.start();
    await host.enableAll({ daysBefore: 2, lateBooking: 'skip', sendAtLocalTime: '22:00' });
  });
  afterAll(async () => {
    await host?.stop();
  });

  test('a 22:00 reminder is planned for 08:00 the next morning in the contact\'s zone, GetMeeting shows it, and it goes then', async () => {
    const id = 'QUIET-1';
    const body = meetingBody(id, await host.now(), 10);
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    await host.patchSettings({ quietHours: { enabled: true } });
    await host.settle();

    const asked = reminderAt(body.start as string, 2, '22:00');
    const morning = DateTime.fromMillis(asked, { zone: CONTACT_ZONE }).plus({ days: 1 }).set({ hour: 8, minute: 0, second: 0, millisecond: 0 }).toMillis();
    const planned = comm(await host.meeting(id), 'reminder', 'sms');
    expect(planned).toMatchObject({ status: 'planned', plannedFor: new Date(morning).toISOString(), reason: `held by quiet hours (21:00–08:00 ${CONTACT_ZONE}) until 08:00` });

    await advanceTo(host, asked + HOUR);
    expect(ofType(await host.outbox(id), 'reminder')).toEqual([]);
    await advanceTo(host, morning + MINUTE);
    const sent = ofType(await host.outbox(id), 'reminder');
    expect(sent.map((m) => m.channel).sort()).toEqual(['email', 'sms']);
    for (const message of sent) expect(Date.parse(message.createdAt)).toBeGreaterThanOrEqual(morning);
  });
});

describe('the pacer on the devhost (real ACS SmsClient, loopback ACS server, SEND_RATES=sms=60/min)', () => {
  let acs: AcsServer;
  let host: AppHost;
  beforeAll(async () => {
    acs = await startAcsServer();
    host = await AppHost.start({ env: { ACS_CONNECTION_STRING: acs.connectionString, ACS_SMS_FROM: '+18005550100', SEND_RATES: 'sms=60/min' } });
    await host.patchSettings({ enabled: true, confirmation: { sms: true } });
  });
  afterAll(async () => {
    await host?.stop();
    await acs?.close();
  });

  test('six confirmations booked at once are spread over their slots (virtual time), none failed, none twice', async () => {
    const now = await host.now();
    const ids = Array.from({ length: 6 }, (_, i) => `PACED-${i}`);
    for (const id of ids) expect((await host.schedule(meetingBody(id, now, 5))).status).toBe(202);
    await host.advance('PT1M');

    const sentAt = [];
    for (const id of ids) {
      const confirmation = comm(await host.meeting(id), 'confirmation', 'sms');
      expect([id, confirmation.status]).toEqual([id, 'sent']);
      sentAt.push(Date.parse(confirmation.sentAt ?? ''));
    }
    sentAt.sort((a, b) => a - b);
    // At 60/min the six slots span five seconds of virtual time. `sentAt` is taken after the provider
    // answered, so each carries that call's latency: only a call slower by 2 s could break this bound.
    expect((sentAt.at(-1) as number) - (sentAt[0] as number)).toBeGreaterThanOrEqual(3_000);
    expect(acs.deliveries).toHaveLength(6);
    expect(acs.sendRequests('sms').every((r) => r.answer === 202)).toBe(true);
  });
});

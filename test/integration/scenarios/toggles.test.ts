import { AppHost, useAppHost, kinds, meetingBody } from '../../support/app-host';
import { json } from '../../support/devhost-process';
import { advanceTo, comm, comms, DAY, expectNear, HOUR, moved, ofType, reminderAt } from './scenario-support';

/**
 * Admin controls changed after a meeting was booked apply to its pending messages (DESIGN.md, What it
 * must do, 4). Each describe has its own devhost because settings are global.
 */
describe('scenario 5: the threshold raised from 2 to 5 days after booking', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'skip', sendAtLocalTime: null });

  test('the pending reminder moves to 5 days before the start', async () => {
    const id = 'THRESHOLD-UP-1';
    const bookedAt = await host.now();
    const body = meetingBody(id, bookedAt, 10);
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    const start = Date.parse(body.start as string);
    expectNear(comm(await host.meeting(id), 'reminder', 'email').plannedFor!, reminderAt(body.start as string, 2));

    await host.patchSettings({ reminder: { daysBefore: 5 } });
    await host.settle();
    const fiveBefore = reminderAt(body.start as string, 5);
    const replanned = await host.meeting(id);
    for (const channel of ['email', 'sms']) expectNear(comm(replanned, 'reminder', channel).plannedFor!, fiveBefore);

    await advanceTo(host, fiveBefore + HOUR);
    const reminders = ofType(await host.outbox(id), 'reminder');
    expect(reminders.map((m) => m.sendKey).sort()).toEqual([`${id}|1|reminder|email`, `${id}|1|reminder|sms`]);
    for (const m of reminders) expectNear(m.createdAt, fiveBefore);
    const view = await host.meeting(id);
    expect(view.reminderEmailSent).toBe(true);
    expect(view.reminderSmsSent).toBe(true);

    // Past the old 2-day time and the start: no second reminder.
    await advanceTo(host, start + HOUR);
    expect(ofType(await host.outbox(id), 'reminder')).toHaveLength(2);
    expect((await host.meeting(id)).status).toBe('completed');
  });
});

describe('scenario 6: reminder SMS turned off after booking', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'skip', sendAtLocalTime: null });

  test('the reminder goes by email only and GetMeeting shows reminder/sms skipped', async () => {
    const id = 'SMS-OFF-1';
    const bookedAt = await host.now();
    const body = meetingBody(id, bookedAt, 10);
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms']);

    await host.patchSettings({ reminder: { sms: false } });
    await host.settle();
    const due = reminderAt(body.start as string, 2);
    await advanceTo(host, due + HOUR);

    const messages = await host.outbox(id);
    expect(kinds(messages)).toEqual(['confirmation/email', 'confirmation/sms', 'reminder/email']);
    expectNear(ofType(messages, 'reminder', 'email')[0]!.createdAt, due);
    const view = await host.meeting(id);
    expect(view.reminderEmailSent).toBe(true);
    expect(view.reminderSmsSent).toBe(false);
    const sms = comms(view, 'reminder', 'sms');
    expect(sms.map((c) => c.status)).toEqual(['skipped']);
    expect(sms[0]!.reason).toMatch(/turned off/i);
    expect(['sent', 'delivered']).toContain(comm(view, 'reminder', 'email').status);
  });
});

describe('scenario 8: master toggle off, every channel on', () => {
  let host: AppHost;
  beforeAll(async () => {
    host = await AppHost.start();
    await host.enableAll({ daysBefore: 2, lateBooking: 'sendNow', sendAtLocalTime: null });
    await host.patchSettings({ enabled: false });
  });
  afterAll(async () => {
    await host?.stop();
  });

  const expectAllSkipped = async (id: string): Promise<void> => {
    const view = await host.meeting(id);
    expect(view.communications.length).toBeGreaterThan(0);
    for (const c of view.communications) {
      expect({ type: c.type, channel: c.channel, status: c.status }).toEqual({ type: c.type, channel: c.channel, status: 'skipped' });
      expect(c.reason).toMatch(/communications are turned off/i);
    }
    for (const type of ['confirmation', 'reminder', 'cancellation']) {
      for (const channel of ['email', 'sms']) expect(comms(view, type, channel)).toHaveLength(1);
    }
    expect(view.reminderEmailSent).toBe(false);
    expect(view.reminderSmsSent).toBe(false);
  };

  test('nothing is sent through booking, reschedule, reminder time and start', async () => {
    const settings = await json<{ enabled: boolean; reminder: { email: boolean; sms: boolean } }>(await host.api('settings'));
    expect(settings.enabled).toBe(false);
    expect(settings.reminder).toMatchObject({ email: true, sms: true });

    const id = 'MASTER-OFF-1';
    const bookedAt = await host.now();
    const body = meetingBody(id, bookedAt, 5);
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    expect(await host.outbox(id)).toEqual([]);
    await expectAllSkipped(id);

    const updated = moved(body, DAY);
    expect((await host.api(`meetings/${id}`, { method: 'PUT', body: JSON.stringify(updated) })).status).toBe(202);
    await host.settle();
    expect(await host.outbox(id)).toEqual([]);

    await advanceTo(host, reminderAt(updated.start as string, 2) + HOUR);
    expect(await host.outbox(id)).toEqual([]);
    await expectAllSkipped(id);

    await advanceTo(host, Date.parse(updated.start as string) + HOUR);
    expect(await host.outbox(id)).toEqual([]);
    expect((await host.meeting(id)).status).toBe('completed');
    await expectAllSkipped(id);
  });
});

import { AppHost, useAppHost, kinds, meetingBody } from '../../support/app-host';
import { advanceTo, comm, comms, DAY, expectNear, HOUR, moved, ofType, reminderAt } from './scenario-support';

/**
 * Reminder timing over the life of a meeting: reschedules, external cancellations, long waits and
 * contacts without a phone. Everything on, daysBefore 2, reminder at the start's local time. The
 * tests share one devhost (and its forward-only virtual clock); each uses its own meeting ID and
 * dates relative to the clock when it starts.
 */
describe('reminders (everything on, daysBefore 2)', () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'skip', sendAtLocalTime: null });

  test('scenario 2: a reschedule before the reminder moves it; nothing is sent at the old time', async () => {
    const id = 'RESCHED-BEFORE-1';
    const bookedAt = await host.now();
    const original = meetingBody(id, bookedAt, 10);
    expect((await host.schedule(original)).status).toBe(202);
    await host.settle();
    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms']);
    const oldReminder = reminderAt(original.start as string, 2);

    await host.advance('P3D');
    const updated = moved(original, 5 * DAY);
    const res = await host.api(`meetings/${id}`, { method: 'PUT', body: JSON.stringify(updated) });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ meetingId: id, status: 'scheduled', version: 2 });
    await host.settle();
    const newReminder = reminderAt(updated.start as string, 2);

    const afterUpdate = await host.outbox(id);
    expect(kinds(afterUpdate)).toEqual(['confirmation/email', 'confirmation/email', 'confirmation/sms', 'confirmation/sms']);
    expect(ofType(afterUpdate, 'confirmation').map((m) => m.sendKey).sort()).toEqual([
      `${id}|1|confirmation|email`, `${id}|1|confirmation|sms`, `${id}|2|confirmation|email`, `${id}|2|confirmation|sms`,
    ]);
    const view = await host.meeting(id);
    expect(view.version).toBe(2);
    expect(Date.parse(view.start)).toBe(Date.parse(updated.start as string));
    for (const channel of ['email', 'sms']) {
      const planned = comms(view, 'reminder', channel);
      expect(planned.map((c) => [c.status, c.version])).toEqual([['planned', 2]]);
      expectNear(planned[0]!.plannedFor!, newReminder);
    }

    // Past the old reminder time (and an hour more): no reminder.
    await advanceTo(host, oldReminder + HOUR);
    expect(ofType(await host.outbox(id), 'reminder')).toEqual([]);
    expect((await host.meeting(id)).reminderEmailSent).toBe(false);

    // Past the new reminder time: exactly one reminder per channel, version 2, at the new time.
    await advanceTo(host, newReminder + HOUR);
    const reminders = ofType(await host.outbox(id), 'reminder');
    expect(reminders.map((m) => m.sendKey).sort()).toEqual([`${id}|2|reminder|email`, `${id}|2|reminder|sms`]);
    for (const m of reminders) expectNear(m.createdAt, newReminder);
    const after = await host.meeting(id);
    expect(after.reminderEmailSent).toBe(true);
    expect(after.reminderSmsSent).toBe(true);
    for (const channel of ['email', 'sms']) {
      const sent = comms(after, 'reminder', channel);
      expect(sent.map((c) => [c.status === 'delivered' ? 'sent' : c.status, c.version])).toEqual([['sent', 2]]);
    }

    // Past the new start: still one reminder per channel, and the meeting is completed.
    await advanceTo(host, Date.parse(updated.start as string) + HOUR);
    expect(ofType(await host.outbox(id), 'reminder')).toHaveLength(2);
    expect((await host.meeting(id)).status).toBe('completed');
  });

  test('scenario 3: a reschedule after the reminder was sent sends an updated confirmation and a new reminder', async () => {
    const id = 'RESCHED-AFTER-1';
    const bookedAt = await host.now();
    const original = meetingBody(id, bookedAt, 5);
    expect((await host.schedule(original)).status).toBe(202);
    await host.settle();
    const firstReminder = reminderAt(original.start as string, 2);

    await advanceTo(host, firstReminder + HOUR);
    const v1 = ofType(await host.outbox(id), 'reminder');
    expect(v1.map((m) => m.sendKey).sort()).toEqual([`${id}|1|reminder|email`, `${id}|1|reminder|sms`]);
    for (const m of v1) expectNear(m.createdAt, firstReminder);
    const sentView = await host.meeting(id);
    expect(sentView.reminderEmailSent).toBe(true);
    expect(sentView.reminderSmsSent).toBe(true);

    const updated = moved(original, 7 * DAY);
    const res = await host.api(`meetings/${id}`, { method: 'PUT', body: JSON.stringify(updated) });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ meetingId: id, status: 'scheduled', version: 2 });
    await host.settle();
    const secondReminder = reminderAt(updated.start as string, 2);

    const afterUpdate = await host.outbox(id);
    expect(ofType(afterUpdate, 'confirmation').map((m) => m.sendKey).sort()).toEqual([
      `${id}|1|confirmation|email`, `${id}|1|confirmation|sms`, `${id}|2|confirmation|email`, `${id}|2|confirmation|sms`,
    ]);
    // The v1 reminder is not repeated by the update.
    expect(ofType(afterUpdate, 'reminder').map((m) => m.sendKey).sort()).toEqual([`${id}|1|reminder|email`, `${id}|1|reminder|sms`]);
    const view = await host.meeting(id);
    expect(view.version).toBe(2);
    for (const channel of ['email', 'sms']) {
      const planned = comms(view, 'reminder', channel).filter((c) => c.version === 2);
      expect(planned.map((c) => c.status)).toEqual(['planned']);
      expectNear(planned[0]!.plannedFor!, secondReminder);
    }

    await advanceTo(host, secondReminder + HOUR);
    const reminders = ofType(await host.outbox(id), 'reminder');
    expect(reminders.map((m) => m.sendKey).sort()).toEqual([
      `${id}|1|reminder|email`, `${id}|1|reminder|sms`, `${id}|2|reminder|email`, `${id}|2|reminder|sms`,
    ]);
    for (const m of reminders.filter((r) => r.sendKey.includes('|2|'))) expectNear(m.createdAt, secondReminder);
    const after = await host.meeting(id);
    expect(after.reminderEmailSent).toBe(true);
    expect(after.reminderSmsSent).toBe(true);
    for (const channel of ['email', 'sms']) {
      const v2 = comms(after, 'reminder', channel).filter((c) => c.version === 2);
      expect(v2.map((c) => c.status === 'delivered' ? 'sent' : c.status)).toEqual(['sent']);
    }
  });

  test('scenario 4: an external cancellation stops the pending reminder and sends no notice; a repeat is 200', async () => {
    const id = 'CANCEL-EXT-1';
    const bookedAt = await host.now();
    const body = meetingBody(id, bookedAt, 10);
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    await host.advance('P1D');
    const pending = await host.meeting(id);
    expect(comm(pending, 'reminder', 'email').status).toBe('planned');

    const cancel = (): Promise<Response> => host.api(`meetings/${id}/cancel`, { method: 'POST', body: JSON.stringify({ source: 'external' }) });
    const res = await cancel();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ meetingId: id, status: 'cancelled' });
    await host.settle();
    const again = await cancel();
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ meetingId: id, status: 'cancelled' });

    await advanceTo(host, Date.parse(body.start as string) + HOUR); // past the reminder time and the start
    const messages = await host.outbox(id);
    expect(kinds(messages)).toEqual(['confirmation/email', 'confirmation/sms']);
    // A repeat after the start is still harmless.
    const late = await cancel();
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ meetingId: id, status: 'cancelled' });
    await host.settle();
    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms']);
    const view = await host.meeting(id);
    expect(view.status).toBe('cancelled');
    expect(view.reminderEmailSent).toBe(false);
    expect(view.reminderSmsSent).toBe(false);
    for (const channel of ['email', 'sms']) {
      expect(comms(view, 'reminder', channel).map((c) => c.status)).toEqual(['skipped']);
      const notice = comm(view, 'cancellation', channel);
      expect(notice.status).toBe('skipped');
      expect(notice.reason).toMatch(/outside|external/i);
    }
  });

  test('scenario 7: a meeting 40 days ahead gets its reminder 2 days before, once, then completes', async () => {
    const id = 'LONG-WAIT-1';
    const bookedAt = await host.now();
    const body = meetingBody(id, bookedAt, 40);
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    const due = reminderAt(body.start as string, 2);
    expect(due - bookedAt).toBeGreaterThan(37 * DAY);
    expectNear(comm(await host.meeting(id), 'reminder', 'sms').plannedFor!, due);

    await advanceTo(host, due - HOUR);
    expect(ofType(await host.outbox(id), 'reminder')).toEqual([]);

    await advanceTo(host, due + HOUR);
    const reminders = ofType(await host.outbox(id), 'reminder');
    expect(reminders.map((m) => m.sendKey).sort()).toEqual([`${id}|1|reminder|email`, `${id}|1|reminder|sms`]);
    for (const m of reminders) expectNear(m.createdAt, due);
    const view = await host.meeting(id);
    expect(view.reminderEmailSent).toBe(true);
    expect(view.reminderSmsSent).toBe(true);
    expect(view.status).toBe('scheduled');

    await advanceTo(host, Date.parse(body.start as string) + HOUR);
    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms', 'reminder/email', 'reminder/sms']);
    const done = await host.meeting(id);
    expect(done.status).toBe('completed');
    expect(done.reminderEmailSent).toBe(true);
    expect(done.reminderSmsSent).toBe(true);
  });

  test('scenario 9: a contact with an email address only gets email; SMS is skipped for want of a phone number', async () => {
    const id = 'EMAIL-ONLY-1';
    const bookedAt = await host.now();
    const body = meetingBody(id, bookedAt, 5, { contact: { phone: undefined } });
    expect((body.contact as Record<string, unknown>).phone).toBeUndefined();
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email']);
    const booked = await host.meeting(id);
    for (const type of ['confirmation', 'reminder']) {
      const sms = comm(booked, type, 'sms');
      expect(sms.status).toBe('skipped');
      expect(sms.reason).toBe('no phone number');
    }

    const due = reminderAt(body.start as string, 2);
    await advanceTo(host, due + HOUR);
    const messages = await host.outbox(id);
    expect(kinds(messages)).toEqual(['confirmation/email', 'reminder/email']);
    expect(messages.every((m) => m.channel === 'email')).toBe(true);
    expectNear(ofType(messages, 'reminder')[0]!.createdAt, due);
    const view = await host.meeting(id);
    expect(view.reminderEmailSent).toBe(true);
    expect(view.reminderSmsSent).toBe(false);
    expect(comm(view, 'reminder', 'sms').reason).toBe('no phone number');
  });
});

import { AppHost, useAppHost, kinds, meetingBody } from '../../support/app-host';
import { comm, comms, expectNear, ofType } from './scenario-support';

/**
 * Scenario 1: a booking made inside the reminder threshold (meeting 1 day ahead, daysBefore 2)
 * follows `reminder.lateBooking` explicitly, never a silent drop.
 */
describe("late booking with lateBooking 'skip'", () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'skip' });

  test('sends the confirmation, never a reminder, and says the reminder was skipped because of the threshold', async () => {
    const id = 'LATE-SKIP-1';
    const now = await host.now();
    const res = await host.schedule(meetingBody(id, now, 1));
    expect(res.status).toBe(202);
    await host.settle();

    expect(kinds(await host.outbox(id))).toEqual(['confirmation/email', 'confirmation/sms']);
    const booked = await host.meeting(id);
    expect(booked.status).toBe('scheduled');
    for (const channel of ['email', 'sms']) {
      const reminder = comm(booked, 'reminder', channel);
      expect(reminder.status).toBe('skipped');
      expect(reminder.reason).toMatch(/threshold/i);
      // The outbox reports each message Delivered through the events webhook, and settling waits for it.
      expect(comm(booked, 'confirmation', channel).status).toBe('delivered');
    }

    await host.advance('P2D'); // past the start
    const messages = await host.outbox(id);
    expect(kinds(messages)).toEqual(['confirmation/email', 'confirmation/sms']);
    expect(ofType(messages, 'reminder')).toEqual([]);
    const after = await host.meeting(id);
    expect(after.status).toBe('completed');
    expect(after.reminderEmailSent).toBe(false);
    expect(after.reminderSmsSent).toBe(false);
    for (const channel of ['email', 'sms']) {
      expect(comms(after, 'reminder', channel).map((c) => c.status)).toEqual(['skipped']);
    }
  });
});

describe("late booking with lateBooking 'sendNow'", () => {
  let host: AppHost;
  useAppHost((started) => (host = started), {}, { daysBefore: 2, lateBooking: 'sendNow' });

  test('sends the reminder right away with the confirmation, exactly once per channel', async () => {
    const id = 'LATE-NOW-1';
    const bookedAt = await host.now();
    const res = await host.schedule(meetingBody(id, bookedAt, 1));
    expect(res.status).toBe(202);
    await host.settle();

    const first = await host.outbox(id);
    expect(kinds(first)).toEqual(['confirmation/email', 'confirmation/sms', 'reminder/email', 'reminder/sms']);
    for (const reminder of ofType(first, 'reminder')) {
      expectNear(reminder.createdAt, bookedAt);
      expect(reminder.sendKey).toBe(`${id}|1|reminder|${reminder.channel}`);
    }
    const view = await host.meeting(id);
    expect(view.reminderEmailSent).toBe(true);
    expect(view.reminderSmsSent).toBe(true);
    for (const channel of ['email', 'sms']) {
      const reminder = comm(view, 'reminder', channel);
      expect(['sent', 'delivered']).toContain(reminder.status);
      expect(reminder.version).toBe(1);
      expectNear(reminder.sentAt!, bookedAt);
    }

    await host.advance('P2D'); // past the start: nothing more
    const all = await host.outbox(id);
    expect(kinds(all)).toEqual(['confirmation/email', 'confirmation/sms', 'reminder/email', 'reminder/sms']);
    expect((await host.meeting(id)).status).toBe('completed');
  });
});

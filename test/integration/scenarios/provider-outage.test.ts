import { startAcsServer, type AcsServer, type Delivery, type RecordedRequest } from '../../support/acs-server';
import { AppHost, kinds, meetingBody, type MeetingView } from '../../support/app-host';
import { json } from '../../support/devhost-process';
import { advanceTo, comm, expectNear, HOUR, MINUTE, ofType, reminderAt } from './scenario-support';

/**
 * Orchestrations that never die of a send: the app on the devhost sends SMS through the real ACS
 * SmsClient to the loopback ACS server, which answers 503 to every SMS send for six hours of
 * virtual time and then recovers. Email stays on the outbox: the outage is the SMS provider's, and
 * the email going out at once shows that one channel's outage holds back no other (putting email on
 * ACS too would add its own real-time retries without covering anything more of the deferral path).
 *
 * The deferral policy, written out here rather than imported: a send the provider cannot take waits
 * 1 min, doubling to at most 1 h, and the 10th failed attempt is recorded `failed`; a 429's
 * Retry-After is honoured instead of the backoff.
 */
const BACKOFF_MINUTES = [1, 2, 4, 8, 16, 32, 60, 60, 60];
/** Attempt n (1-based) of a send first tried at `t` runs at t + the first n-1 backoffs. */
const attemptAt = (t: number, n: number): number => t + BACKOFF_MINUTES.slice(0, n - 1).reduce((a, b) => a + b, 0) * MINUTE;
/** The adapter's own retries sleep real time, and the virtual clock runs on with real time. */
const DRIFT = 2 * MINUTE;
const OUTAGE = 6 * HOUR;
const FROM = '+18005550100';

/** What one SMS send request to the loopback server carried. */
interface SmsBody { smsRecipients?: { to?: string; repeatabilityRequestId?: string }[]; smsSendOptions?: { tag?: string } }
const smsBody = (body: unknown): SmsBody => (body ?? {}) as SmsBody;

describe('a six-hour SMS provider outage (real ACS SmsClient, loopback ACS server)', () => {
  let acs: AcsServer;
  let host: AppHost;

  beforeAll(async () => {
    acs = await startAcsServer();
    host = await AppHost.start({ env: { ACS_CONNECTION_STRING: acs.connectionString, ACS_SMS_FROM: FROM } });
    await host.enableAll({ daysBefore: 1, lateBooking: 'skip', sendAtLocalTime: null });
  });
  afterAll(async () => {
    await host?.stop();
    await acs?.close();
  });

  /** SMS send requests for one send key (the adapter puts the key in the SMS tag). */
  const requestsFor = (sendKey: string): RecordedRequest[] => acs.sendRequests('sms').filter((r) => smsBody(r.body).smsSendOptions?.tag === sendKey);
  const deliveriesFor = (sendKey: string): Delivery[] => acs.deliveries.filter((d) => d.channel === 'sms' && smsBody(d.request).smsSendOptions?.tag === sendKey);
  const repeatabilityIds = (requests: RecordedRequest[]): string[] => [...new Set(requests.map((r) => smsBody(r.body).smsRecipients?.[0]?.repeatabilityRequestId ?? 'missing'))];

  async function runtimeStatus(meetingId: string): Promise<string> {
    const res = await fetch(`${host.url}/runtime/webhooks/durabletask/instances/${encodeURIComponent(`meeting:${meetingId}`)}`);
    return (await json<{ runtimeStatus: string }>(res)).runtimeStatus;
  }
  async function failedInstances(): Promise<string[]> {
    const res = await fetch(`${host.url}/runtime/webhooks/durabletask/instances?runtimeStatus=Failed,Terminated`);
    return (await json<{ instanceId: string }[]>(res)).map((s) => s.instanceId);
  }

  /** Communications seen `failed` so far, by meeting | type | channel | version, with their reason. */
  const failedSeen = new Map<string, string | null>();

  /**
   * What must hold after every clock step: no orchestration has failed; a communication once
   * `failed` stays failed with the same reason (it is never `planned` or sent again); a deferred one
   * waits for a retry time still to come; and the given-up confirmation is `failed` from the time the
   * policy gives it up.
   */
  async function checkInvariants(meetings: { id: string; givenUpBy?: number }[]): Promise<Map<string, MeetingView>> {
    const now = await host.now();
    expect({ now: new Date(now).toISOString(), failed: await failedInstances() }).toEqual({ now: new Date(now).toISOString(), failed: [] });
    const views = new Map<string, MeetingView>();
    for (const { id, givenUpBy } of meetings) {
      expect([id, await runtimeStatus(id)]).toEqual([id, expect.stringMatching(/^(Running|Pending|Completed|ContinuedAsNew)$/)]);
      const view = await host.meeting(id);
      views.set(id, view);
      for (const c of view.communications) {
        const key = `${id}|${c.type}|${c.channel}|${c.version}`;
        const at = new Date(now).toISOString();
        if (failedSeen.has(key)) expect({ at, key, status: c.status, reason: c.reason }).toEqual({ at, key, status: 'failed', reason: failedSeen.get(key) });
        if (c.status === 'failed') failedSeen.set(key, c.reason);
        if (c.status === 'planned' && c.reason?.startsWith('deferred:')) {
          expect({ at, key, retryStillToCome: Date.parse(c.plannedFor ?? '') >= now - MINUTE }).toEqual({ at, key, retryStillToCome: true });
        }
      }
      if (givenUpBy !== undefined && now >= givenUpBy) {
        const sms = comm(view, 'confirmation', 'sms');
        expect({ at: new Date(now).toISOString(), id, status: sms.status }).toEqual({ at: new Date(now).toISOString(), id, status: 'failed' });
      }
    }
    return views;
  }

  test('no orchestration fails; a send given up is failed with its reason, a late one is sent once, and the reminder after the recovery goes out once', async () => {
    const A = 'OUTAGE-GIVEN-UP';
    const B = 'OUTAGE-SENT-LATE';
    const keyA = `${A}|1|confirmation|sms`;
    const keyB = `${B}|1|confirmation|sms`;
    const reminderKeyA = `${A}|1|reminder|sms`;
    const reminderKeyB = `${B}|1|reminder|sms`;

    // The outage starts: every SMS send is answered 503.
    acs.everySend('sms', { kind: 'serverError', status: 503 });
    const t0 = await host.now();
    const bodyA = meetingBody(A, t0, 1.5, { contact: { phone: '+14255550101', email: 'a@example.com' } });
    expect((await host.schedule(bodyA)).status).toBe(202);
    await host.settle();
    const reminderDueA = reminderAt(bodyA.start as string, 1);
    expect(reminderDueA - t0).toBeGreaterThan(OUTAGE + HOUR);
    // A's confirmation is tried 10 times from t0 on; the 10th attempt (≈ t0 + 4 h 03 min) gives it up.
    const givenUpA = attemptAt(t0, 10);
    expect(givenUpA).toBeLessThan(t0 + OUTAGE);

    // The SMS outage holds back no email.
    expect(kinds(await host.outbox(A))).toEqual(['confirmation/email']);
    const first = comm(await host.meeting(A), 'confirmation', 'sms');
    expect(first.status).toBe('planned');
    expect(first.reason).toMatch(/^deferred: .*HTTP 503/);
    expectNear(first.plannedFor!, attemptAt(t0, 2), DRIFT);

    // B is booked five hours in: its attempts run at +5 h, +5 h 01, … +5 h 31, +6 h 03 — the 7th comes after the
    // recovery. (Booked at +3 h it would also ride the hour-long backoffs, at ~5 s more real time: A covers those.)
    const bookB = 5 * HOUR;
    const lateAttempt = 7;
    let bodyB: Record<string, unknown> | undefined;
    let tB = 0;
    const watched = (): { id: string; givenUpBy?: number }[] => [{ id: A, givenUpBy: givenUpA + DRIFT }, ...(bodyB ? [{ id: B }] : [])];
    while ((await host.now()) < t0 + OUTAGE - MINUTE) {
      await host.advance('PT10M');
      if (!bodyB && (await host.now()) >= t0 + bookB) {
        tB = await host.now();
        bodyB = meetingBody(B, tB, 1.5, { contact: { phone: '+14255550102', email: 'b@example.com' } });
        expect((await host.schedule(bodyB)).status).toBe(202);
        await host.settle();
      }
      await checkInvariants(watched());
    }
    await advanceTo(host, t0 + OUTAGE);
    if (!bodyB) throw new Error('B was never booked');
    expect(attemptAt(tB, lateAttempt - 1)).toBeLessThan(t0 + OUTAGE - DRIFT);
    expect(attemptAt(tB, lateAttempt)).toBeGreaterThan(t0 + OUTAGE + DRIFT);

    // Six hours in: A's confirmation was given up after 10 attempts, with the provider's problem as its reason.
    const atRecovery = await checkInvariants(watched());
    const givenUp = comm(atRecovery.get(A)!, 'confirmation', 'sms');
    expect(givenUp.status).toBe('failed');
    expect(givenUp.reason).toMatch(/acs-sms: unavailable \(HTTP 503\)/);
    expect(givenUp.reason).toContain('gave up after 10 attempts');
    const deferredB = comm(atRecovery.get(B)!, 'confirmation', 'sms');
    expect(deferredB.status).toBe('planned');
    expect(deferredB.reason).toMatch(/^deferred: .*HTTP 503/);
    expectNear(deferredB.plannedFor!, attemptAt(tB, lateAttempt), DRIFT);
    const requestsA = requestsFor(keyA).length;
    expect(repeatabilityIds(requestsFor(keyA))).toHaveLength(1);
    expect(requestsA).toBeGreaterThanOrEqual(10); // at least one request per attempt (the adapter retries inside each)
    expect(requestsFor(keyA).every((r) => r.answer === 503)).toBe(true);
    expect(deliveriesFor(keyA)).toHaveLength(0);
    expect(deliveriesFor(keyB)).toHaveLength(0);

    // The provider recovers; time runs on past both reminders, in steps.
    acs.everySend('sms', undefined);
    const recoveredAt = await host.now();
    const reminderDueB = reminderAt(bodyB.start as string, 1);
    while ((await host.now()) < reminderDueB + HOUR) {
      await host.advance('PT30M');
      await checkInvariants(watched());
    }

    // B's confirmation went out late, once, under one repeatability ID across all its attempts.
    const views = await checkInvariants(watched());
    const lateB = comm(views.get(B)!, 'confirmation', 'sms');
    expect(['sent', 'delivered']).toContain(lateB.status);
    expect(Date.parse(lateB.sentAt!)).toBeGreaterThanOrEqual(recoveredAt);
    expectNear(lateB.sentAt!, attemptAt(tB, lateAttempt), DRIFT);
    expect(deliveriesFor(keyB)).toHaveLength(1);
    expect(repeatabilityIds(requestsFor(keyB))).toHaveLength(1);
    expect(requestsFor(keyB).filter((r) => r.answer === 202)).toHaveLength(1);
    expect(requestsFor(keyB).filter((r) => r.answer === 503).length).toBeGreaterThanOrEqual(lateAttempt - 1);

    // Nothing more was sent for A's given-up confirmation, and it is still failed.
    expect(requestsFor(keyA)).toHaveLength(requestsA);
    expect(deliveriesFor(keyA)).toHaveLength(0);
    expect(comm(views.get(A)!, 'confirmation', 'sms').status).toBe('failed');

    // Each reminder due after the recovery reached the provider exactly once, at its time, and shows sent.
    for (const [id, key, due] of [[A, reminderKeyA, reminderDueA], [B, reminderKeyB, reminderDueB]] as const) {
      expect([key, requestsFor(key).length, deliveriesFor(key).length]).toEqual([key, 1, 1]);
      const reminder = comm(views.get(id)!, 'reminder', 'sms');
      expect(['sent', 'delivered']).toContain(reminder.status);
      expectNear(reminder.sentAt!, due, DRIFT);
    }
    const phones = acs.deliveries.filter((d) => d.channel === 'sms').map((d) => d.to).sort();
    expect(phones).toEqual(['+14255550101', '+14255550102', '+14255550102']);
    // The email of both meetings went out on time, once each.
    expect(kinds(await host.outbox(A))).toEqual(['confirmation/email', 'reminder/email']);
    expect(kinds(await host.outbox(B))).toEqual(['confirmation/email', 'reminder/email']);

    // Past the starts both orchestrations end normally.
    await advanceTo(host, Date.parse(bodyB.start as string) + HOUR);
    expect([await runtimeStatus(A), await runtimeStatus(B)]).toEqual(['Completed', 'Completed']);
    expect(await failedInstances()).toEqual([]);
    expect(ofType(await host.outbox(A), 'reminder')).toHaveLength(1);
  }, 300_000);

  test("a 429 with Retry-After defers the send to at least that time, then it is sent once", async () => {
    const C = 'THROTTLED-1';
    const key = `${C}|1|confirmation|sms`;
    const retryAfterSeconds = 1800; // longer than the backoff's first minute, and than the adapter would sleep through
    acs.nextSends(1, { kind: 'throttle', retryAfterSeconds });
    const bookedAt = await host.now();
    const body = meetingBody(C, bookedAt, 1.5, { contact: { phone: '+14255550103', email: 'c@example.com' } });
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();

    const deferred = comm(await host.meeting(C), 'confirmation', 'sms');
    expect(deferred.status).toBe('planned');
    expect(deferred.reason).toMatch(/^deferred: .*throttled \(HTTP 429\)/);
    const retryAt = Date.parse(deferred.plannedFor!);
    expect(retryAt).toBeGreaterThanOrEqual(bookedAt + retryAfterSeconds * 1000);
    expect(requestsFor(key).map((r) => r.answer)).toEqual([429]);

    // Not before the provider's time.
    await advanceTo(host, bookedAt + retryAfterSeconds * 1000 - 2 * MINUTE);
    expect(requestsFor(key)).toHaveLength(1);
    expect(comm(await host.meeting(C), 'confirmation', 'sms').status).toBe('planned');

    await advanceTo(host, retryAt + 10 * MINUTE);
    expect(requestsFor(key).map((r) => r.answer)).toEqual([429, 202]);
    expect(deliveriesFor(key)).toHaveLength(1);
    const sent = comm(await host.meeting(C), 'confirmation', 'sms');
    expect(['sent', 'delivered']).toContain(sent.status);
    expect(Date.parse(sent.sentAt!)).toBeGreaterThanOrEqual(retryAt);
    expect(await runtimeStatus(C)).toBe('Running');
    expect(await failedInstances()).toEqual([]);

    await advanceTo(host, Date.parse(body.start as string) + HOUR);
    expect(requestsFor(key)).toHaveLength(2);
    expect(await runtimeStatus(C)).toBe('Completed');
  }, 120_000);
});

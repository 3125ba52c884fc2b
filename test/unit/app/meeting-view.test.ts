import { sendDispatch } from '../../../src/activities/send-dispatch';
import { meetingView } from '../../../src/app/meeting-view';
import { sendKey } from '../../../src/domain';
import type { About } from '../../../src/ports/dispatch';
import { fakeDeps } from '../../fakes/fake-deps';
import { FakeSettingsStore } from '../../fakes/fake-settings-store';
import { allOn, meeting, record } from '../domain/fixtures';

const about: About = { kind: 'meeting', id: 'A-1001' };
const confirmation = sendKey({ meetingId: 'A-1001', version: 1, type: 'confirmation', channel: 'email' });

async function setup() {
  const deps = fakeDeps({ settings: new FakeSettingsStore(allOn()) });
  await deps.meetings.create(record());
  return deps;
}

describe('meetingView', () => {
  test('an unknown meeting is undefined', async () => {
    expect(await meetingView(fakeDeps(), 'A-none')).toBeUndefined();
  });

  test('the stored meeting with reminder flags and its communications to come (no versionAt)', async () => {
    const deps = await setup();
    const view = await meetingView(deps, 'A-1001');
    expect(view).toMatchObject({ meetingId: 'A-1001', status: 'scheduled', version: 1, reminderEmailSent: false, reminderSmsSent: false });
    expect(view).not.toHaveProperty('versionAt');
    expect(view?.['communications']).toEqual(expect.arrayContaining([
      { type: 'confirmation', channel: 'email', version: 1, status: 'planned', plannedFor: deps.clock.now().toISOString(), sentAt: null, reason: null },
      { type: 'reminder', channel: 'sms', version: 1, status: 'planned', plannedFor: '2026-12-01T15:00:00.000Z', sentAt: null, reason: null },
    ]));
  });

  test("a channel's reminder flag shows once its reminder was sent", async () => {
    const deps = await setup();
    const reminder = sendKey({ meetingId: 'A-1001', version: 1, type: 'reminder', channel: 'sms' });
    await deps.ledger.claim({ sendKey: reminder, about, type: 'reminder', channel: 'sms', plannedFor: null }, deps.clock.now());
    await deps.ledger.markSent(about, reminder, 'pm-1', deps.clock.now());
    expect(await meetingView(deps, 'A-1001')).toMatchObject({ reminderEmailSent: false, reminderSmsSent: true });
  });

  test('a deferred send reads as planned for its retry time, with the deferral as the reason', async () => {
    const deps = await setup();
    await deps.ledger.claim({ sendKey: confirmation, about, type: 'confirmation', channel: 'email', plannedFor: deps.clock.now().toISOString() }, deps.clock.now());
    await deps.ledger.markDeferred(about, confirmation, { retryAt: '2026-11-20T09:01:00.000Z', reason: 'fake: unavailable (HTTP 503)' }, deps.clock.now());
    const communications = (await meetingView(deps, 'A-1001'))?.['communications'];
    expect(communications).toContainEqual({ type: 'confirmation', channel: 'email', version: 1, status: 'planned', plannedFor: '2026-11-20T09:01:00.000Z', sentAt: null, reason: 'deferred: fake: unavailable (HTTP 503)' });
    expect((communications as Array<{ type: string; channel: string }>).filter((c) => c.type === 'confirmation' && c.channel === 'email')).toHaveLength(1);
  });
  test('a landline: the confirmation SMS reads failed "not a mobile number" once tried; the reminder SMS stays planned until its time', async () => {
    const deps = fakeDeps({ settings: new FakeSettingsStore(allOn()) });
    await deps.meetings.create(record({ contact: { ...meeting().contact, phone: '+34911234567' } }));
    const smsConfirmation = sendKey({ meetingId: 'A-1001', version: 1, type: 'confirmation', channel: 'sms' });
    await sendDispatch(deps, { about, sendKey: smsConfirmation });
    const communications = (await meetingView(deps, 'A-1001'))?.['communications'];
    expect(communications).toContainEqual(expect.objectContaining({ type: 'confirmation', channel: 'sms', status: 'failed', reason: 'not a mobile number' }));
    // Planned, not skipped: a skipped plan never reaches the ledger, and API.md records it `failed`.
    expect(communications).toContainEqual(expect.objectContaining({ type: 'reminder', channel: 'sms', status: 'planned', plannedFor: '2026-12-01T15:00:00.000Z' }));
    // At its time it is tried, and recorded failed like the confirmation.
    deps.clock.set('2026-12-01T15:00:00.000Z');
    await sendDispatch(deps, { about, sendKey: sendKey({ meetingId: 'A-1001', version: 1, type: 'reminder', channel: 'sms' }) });
    const later = (await meetingView(deps, 'A-1001'))?.['communications'];
    expect(later).toContainEqual(expect.objectContaining({ type: 'reminder', channel: 'sms', status: 'failed', reason: 'not a mobile number' }));
    expect(deps.senders.sms.dispatches).toEqual([]);
  });
});

describe('meetingView: two-way messages', () => {
  const key = sendKey({ meetingId: 'A-1001', version: 1, type: 'confirmation', channel: 'sms' });
  const prompt = { promptId: `prompt|${key}`, meetingId: 'A-1001', sendKey: key, channel: 'sms', customer: '+14255550123', sender: '+18005550100', locale: 'en-US', openedAt: '2026-11-20T09:00:00.000Z', closesAt: '2026-11-21T09:00:00.000Z', outcome: 'open', closedAt: null, closedBy: null, noMatches: [] } as const;

  test('before any answer: attendance unknown, no cancelledBy, the open prompt without numbers, no replies', async () => {
    const deps = await setup();
    await deps.prompts.open(prompt);
    const view = await meetingView(deps, 'A-1001');
    expect(view).toMatchObject({ attendance: 'unknown', replies: [], prompts: [{ channel: 'sms', sendKey: key, openedAt: prompt.openedAt, closesAt: prompt.closesAt, outcome: 'open' }] });
    expect(view).not.toHaveProperty('cancelledBy');
    expect(JSON.stringify(view?.['prompts'])).not.toContain('+1800');
  });

  test('answered YES: attendance confirmed, the reply listed; the acknowledgement is not a planned communication', async () => {
    const deps = await setup();
    await deps.prompts.open(prompt);
    await deps.prompts.close(prompt.promptId, 'confirmed', '2026-11-20T10:00:00.000Z', 'e1');
    await deps.prompts.recordReply({ eventId: 'e1', meetingId: 'A-1001', receivedAt: '2026-11-20T10:00:00.000Z', channel: 'sms', intent: 'confirm', outcome: 'confirmed' });
    await deps.ledger.claim({ sendKey: 'reply|e1|replyConfirmed', about, type: 'replyConfirmed', channel: 'sms', plannedFor: null }, deps.clock.now());
    const view = await meetingView(deps, 'A-1001');
    expect(view).toMatchObject({ attendance: 'confirmed', replies: [{ receivedAt: '2026-11-20T10:00:00.000Z', channel: 'sms', intent: 'confirm', outcome: 'confirmed' }] });
    expect((view?.['communications'] as Array<{ type: string }>).map((c) => c.type)).not.toContain('replyConfirmed');
  });

  // `api` is also what rows written before `portal` existed hold for portal cancels: they still read.
  test.each(['sms', 'portal', 'api', 'link', 'external'] as const)('cancelled: cancelledBy names the source (%s)', async (source) => {
    const deps = fakeDeps({ settings: new FakeSettingsStore(allOn()) });
    await deps.meetings.create(record({ status: 'cancelled', cancellation: { cancelledAt: '2026-11-20T10:00:00.000Z', source, reason: null } }));
    expect(await meetingView(deps, 'A-1001')).toMatchObject({ cancelledBy: source });
  });
});

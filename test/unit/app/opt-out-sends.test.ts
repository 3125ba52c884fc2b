import { planMeetingStep } from '../../../src/activities/plan-meeting-step';
import { sendDispatch } from '../../../src/activities/send-dispatch';
import { meetingSend } from '../../../src/app/dispatch/meeting-sends';
import { isNothingToSend } from '../../../src/app/dispatch/pending-send';
import { sendOnce } from '../../../src/app/dispatch/send-once';
import { meetingView } from '../../../src/app/meeting-view';
import { sendTestMessage } from '../../../src/app/send-test-message';
import { sendKey, type Channel, type CommunicationType } from '../../../src/domain';
import type { About } from '../../../src/ports/dispatch';
import { fakeDeps, type FakeDeps } from '../../fakes/fake-deps';
import { FakeSettingsStore } from '../../fakes/fake-settings-store';
import { allOn, record } from '../domain/fixtures';

// The fixture meeting's contact: bob@example.com, +14255550123; it starts 2026-12-03, the clock is on 2026-11-20.
const PHONE = '+14255550123';
const about: About = { kind: 'meeting', id: 'A-1001' };
const key = (type: CommunicationType, channel: Channel): string => sendKey({ meetingId: 'A-1001', version: 1, type, channel });

async function setup(): Promise<FakeDeps> {
  const deps = fakeDeps({ settings: new FakeSettingsStore(allOn()) });
  await deps.meetings.create(record());
  return deps;
}

type View = { type: string; channel: string; status: string; reason: string | null };
const communications = async (deps: FakeDeps): Promise<View[]> => ((await meetingView(deps, 'A-1001'))?.['communications'] ?? []) as View[];

describe('no SMS to an opted-out number', () => {
  test('GetMeeting shows its SMS skipped "opted out"; email is still planned', async () => {
    const deps = await setup();
    await deps.optOuts.seedOptedOut(PHONE);
    const view = await communications(deps);
    expect(view.filter((c) => c.channel === 'sms' && c.type !== 'cancellation').map((c) => [c.type, c.status, c.reason])).toEqual([
      ['confirmation', 'skipped', 'opted out'], ['reminder', 'skipped', 'opted out'],
    ]);
    expect(view.find((c) => c.type === 'confirmation' && c.channel === 'email')?.status).toBe('planned');
  });

  test('another number opting out changes nothing for this contact', async () => {
    const deps = await setup();
    await deps.optOuts.seedOptedOut('+14255550199');
    expect((await communications(deps)).find((c) => c.type === 'confirmation' && c.channel === 'sms')?.status).toBe('planned');
  });

  test('the orchestration step sends only the email confirmation', async () => {
    const deps = await setup();
    await deps.optOuts.seedOptedOut(PHONE);
    expect(await planMeetingStep(deps, { meetingId: 'A-1001' })).toEqual({ kind: 'send', sendKeys: [key('confirmation', 'email')] });
  });

  test('asked to send the SMS anyway (planned before the STOP): skipped, no claim, no provider call', async () => {
    const deps = await setup();
    await deps.optOuts.seedOptedOut(PHONE);
    expect(await sendDispatch(deps, { about, sendKey: key('confirmation', 'sms') })).toEqual({ status: 'skipped', reason: 'opted out' });
    expect(deps.senders.sms.dispatches).toEqual([]);
    expect(await deps.ledger.list(about)).toEqual([]);
  });

  test('the STOP lands after the producer planned the send: the provider is never called', async () => {
    const deps = await setup();
    const pending = await meetingSend(deps, 'A-1001', key('confirmation', 'sms'));
    if (isNothingToSend(pending)) throw new Error(`expected a send, got ${pending.skip}`);
    expect(pending.notDue).toBeUndefined();
    await deps.optOuts.optOut(PHONE, { source: 'reply', at: deps.clock.now() });
    expect(await sendOnce(deps, pending)).toEqual({ status: 'failed', reason: 'opted out' });
    expect(deps.senders.sms.dispatches).toEqual([]);
    expect(await deps.ledger.get(about, key('confirmation', 'sms'))).toMatchObject({ status: 'failed', reason: 'opted out' });
    expect((await communications(deps)).find((c) => c.type === 'confirmation' && c.channel === 'sms')).toMatchObject({ status: 'skipped', reason: 'opted out' });
  });

  test('a deferred SMS whose number opts out while it waits is not retried to the provider', async () => {
    const deps = await setup();
    const sms = key('confirmation', 'sms');
    await deps.ledger.claim({ sendKey: sms, about, type: 'confirmation', channel: 'sms', plannedFor: null }, deps.clock.now());
    await deps.ledger.markDeferred(about, sms, { retryAt: '2026-11-20T09:01:00.000Z', reason: 'fake: unavailable (HTTP 503)' }, deps.clock.now());
    await deps.optOuts.optOut(PHONE, { source: 'admin', at: deps.clock.now() });
    expect(await sendDispatch(deps, { about, sendKey: sms })).toMatchObject({ status: 'failed', reason: 'opted out' });
    expect(deps.senders.sms.dispatches).toEqual([]);
  });

  test('after START the SMS goes out again', async () => {
    const deps = await setup();
    await deps.optOuts.seedOptedOut(PHONE, new Date('2026-11-01T00:00:00Z'));
    await deps.optOuts.optIn(PHONE, new Date('2026-11-02T00:00:00Z'));
    expect(await sendDispatch(deps, { about, sendKey: key('confirmation', 'sms') })).toMatchObject({ status: 'sent' });
    expect(deps.senders.sms.dispatches).toHaveLength(1);
  });

  test('a template test SMS to an opted-out number fails "opted out" without reaching the provider', async () => {
    const deps = fakeDeps();
    await deps.optOuts.seedOptedOut(PHONE);
    const content = { channel: 'sms' as const, text: 'Test' };
    expect(await sendTestMessage(deps, 'sms', content, PHONE, 'admin')).toMatchObject({ status: 'failed', reason: 'opted out' });
    expect(deps.senders.sms.dispatches).toEqual([]);
    expect(await sendTestMessage(deps, 'sms', content, '+14255550124', 'admin')).toMatchObject({ status: 'sent' });
    expect(deps.senders.sms.dispatches).toHaveLength(1);
  });
});

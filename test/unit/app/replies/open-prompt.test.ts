import { openPromptAfterSend } from '../../../../src/app/replies/open-prompt';
import type { SendOutcome } from '../../../../src/app/dispatch/send-outcome';
import { FakeClock } from '../../../fakes/fake-clock';
import { fakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';
import { allOn, record } from '../../domain/fixtures';

const sent: SendOutcome = { status: 'sent', providerMessageId: 'pm-1' };

async function setup(enabled = true, now = '2026-11-20T09:00:00.000Z') {
  const settings = allOn();
  const deps = fakeDeps({ clock: new FakeClock(now), settings: new FakeSettingsStore({ ...settings, replies: { ...settings.replies, enabled, timeoutHours: 24 } }) });
  await deps.meetings.create(record());
  return { deps, workflow: new RecordingWorkflow(), meeting: record() };
}

describe('openPromptAfterSend', () => {
  test('a sent confirmation SMS opens one prompt for the contact and our number, closing after timeoutHours, and starts its orchestration', async () => {
    const { deps, workflow, meeting } = await setup();
    const key = `${meeting.meetingId}|1|confirmation|sms`;
    await openPromptAfterSend(deps, workflow, meeting.meetingId, key, sent);
    await openPromptAfterSend(deps, workflow, meeting.meetingId, key, sent);
    const open = await deps.prompts.openFor(meeting.contact.phone!);
    expect(open).toEqual([expect.objectContaining({ sendKey: key, openedAt: '2026-11-20T09:00:00.000Z', closesAt: '2026-11-21T09:00:00.000Z', outcome: 'open' })]);
    expect(workflow.prompts.map((p) => p.closesAt)).toEqual(['2026-11-21T09:00:00.000Z', '2026-11-21T09:00:00.000Z']);
  });

  test('a reminder sent less than timeoutHours before the start closes at the start', async () => {
    const { deps, workflow, meeting } = await setup(true, '2026-12-03T05:00:00.000Z');
    await openPromptAfterSend(deps, workflow, meeting.meetingId, `${meeting.meetingId}|1|reminder|sms`, sent);
    expect((await deps.prompts.openFor(meeting.contact.phone!))[0]?.closesAt).toBe('2026-12-03T15:00:00.000Z');
  });

  test.each([
    ['replies are off', false, '|1|confirmation|sms', sent],
    ['an email', true, '|1|confirmation|email', sent],
    ['a cancellation notice', true, '|1|cancellation|sms', sent],
    ['a send that failed', true, '|1|confirmation|sms', { status: 'failed', reason: 'x' } as SendOutcome],
  ])('%s opens no prompt', async (_, enabled, suffix, outcome) => {
    const { deps, workflow, meeting } = await setup(enabled);
    await openPromptAfterSend(deps, workflow, meeting.meetingId, `${meeting.meetingId}${suffix}`, outcome);
    expect(deps.prompts.prompts.size).toBe(0);
    expect(workflow.prompts).toEqual([]);
  });

  test('the reminder supersedes the confirmation\'s prompt of the same meeting', async () => {
    const { deps, workflow, meeting } = await setup();
    await openPromptAfterSend(deps, workflow, meeting.meetingId, `${meeting.meetingId}|1|confirmation|sms`, sent);
    deps.clock.set('2026-11-20T10:00:00.000Z');
    await openPromptAfterSend(deps, workflow, meeting.meetingId, `${meeting.meetingId}|1|reminder|sms`, sent);
    expect((await deps.prompts.forMeeting(meeting.meetingId)).map((p) => p.outcome)).toEqual(['superseded', 'open']);
  });
});

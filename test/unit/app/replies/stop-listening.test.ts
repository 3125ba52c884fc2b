import { answerPromptReply } from '../../../../src/app/replies/stop-listening';
import { handleReply } from '../../../../src/app/replies/handle-reply';
import { promptIdFor } from '../../../../src/domain';
import type { ReplyEvent } from '../../../../src/ports/inbound';
import type { PromptReply } from '../../../../src/ports/meeting-workflow';
import { fakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';
import { allOn, record } from '../../domain/fixtures';

const CUSTOMER = '+14255550123';
const SENDER = '+18005550100';
const SEND_KEY = 'A-1|1|confirmation|sms';
const PROMPT = promptIdFor(SEND_KEY);

async function setup() {
  const settings = allOn();
  const deps = fakeDeps({ settings: new FakeSettingsStore({ ...settings, replies: { ...settings.replies, enabled: true } }) });
  const base = record();
  await deps.meetings.create({ ...base, meetingId: 'A-1', contact: { ...base.contact, phone: CUSTOMER } });
  await deps.prompts.open({ promptId: PROMPT, meetingId: 'A-1', sendKey: SEND_KEY, channel: 'sms', customer: CUSTOMER, sender: SENDER, locale: 'en-US', openedAt: '2026-01-01T00:00:00.000Z', closesAt: '2099-01-01T00:00:00.000Z', outcome: 'open', closedAt: null, closedBy: null, noMatches: [] });
  return { deps, workflow: new RecordingWorkflow() };
}

const answer = (eventId: string, intent: string): PromptReply => ({ kind: 'reply', eventId, at: '2026-01-02T00:00:00.000Z', intent, choice: null });
const sms = (text: string, eventId: string): ReplyEvent => ({ kind: 'reply', eventId, provider: 'acs', channel: 'sms', from: CUSTOMER, to: SENDER, text, at: '2026-01-02T01:00:00.000Z', providerMessageId: `m-${eventId}` });

describe('a prompt that took its last reply (MAX_REPLIES) stops listening; later replies are kept for staff', () => {
  test('the final reply leaving the prompt open marks it not listening; it stays open (its timeout still ends it)', async () => {
    const { deps, workflow } = await setup();
    expect(await answerPromptReply(deps, workflow, PROMPT, answer('e1', 'unknown'), true)).toEqual({ closed: false, outcome: 'open' });
    expect(await deps.prompts.get(PROMPT)).toMatchObject({ outcome: 'open', listening: false });
    expect(deps.log.infos.join('\n')).not.toContain(CUSTOMER);
  });

  test('a reply that is not the final one, or a final one that ends the prompt, leaves it listening', async () => {
    const { deps, workflow } = await setup();
    await answerPromptReply(deps, workflow, PROMPT, answer('e1', 'unknown'), false);
    expect((await deps.prompts.get(PROMPT))?.listening).toBeUndefined();
    expect(await answerPromptReply(deps, workflow, PROMPT, answer('e2', 'confirm'), true)).toEqual({ closed: true, outcome: 'confirmed' });
    expect((await deps.prompts.get(PROMPT))?.listening).toBeUndefined();
  });

  test('the next reply of the pair is not handed to it (its orchestration no longer waits) but kept for staff', async () => {
    const { deps, workflow } = await setup();
    await answerPromptReply(deps, workflow, PROMPT, answer('e1', 'unknown'), true);
    const later = sms('YES', 'e2');
    expect(await handleReply(deps, workflow, later)).toEqual({ outcome: 'unmatched' });
    expect(workflow.prompts.filter((p) => p.reply?.eventId === 'e2')).toEqual([]);
    expect(await deps.replies.listUnmatched(10)).toEqual([expect.objectContaining({ replyId: 'e2', text: 'YES' })]);
    // STOP still ends it, listening or not.
    expect(await handleReply(deps, workflow, sms('STOP', 'e3'))).toMatchObject({ outcome: 'optedOut' });
    expect((await deps.prompts.get(PROMPT))?.outcome).toBe('optedOut');
  });

  test('with another prompt open on the pair, the reply is not handed to that one either (it would answer without asking which)', async () => {
    const { deps, workflow } = await setup();
    const base = record();
    await deps.meetings.create({ ...base, meetingId: 'A-0', contact: { ...base.contact, phone: CUSTOMER } });
    const olderKey = 'A-0|1|confirmation|sms';
    await deps.prompts.open({ promptId: promptIdFor(olderKey), meetingId: 'A-0', sendKey: olderKey, channel: 'sms', customer: CUSTOMER, sender: SENDER, locale: 'en-US', openedAt: '2025-12-31T00:00:00.000Z', closesAt: '2099-01-01T00:00:00.000Z', outcome: 'open', closedAt: null, closedBy: null, noMatches: [] });
    await answerPromptReply(deps, workflow, PROMPT, answer('e1', 'confirm'), true);
    expect(await deps.prompts.get(PROMPT)).toMatchObject({ outcome: 'open', listening: false });
    expect(await handleReply(deps, workflow, sms('YES', 'e2'))).toEqual({ outcome: 'unmatched' });
    expect(workflow.prompts.filter((p) => p.reply?.eventId === 'e2')).toEqual([]);
  });
});

import { answerPrompt } from '../../../../src/app/replies/answer-prompt';
import { handleReply } from '../../../../src/app/replies/handle-reply';
import { promptIdFor } from '../../../../src/domain';
import type { ReplyEvent } from '../../../../src/ports/inbound';
import type { PromptReply } from '../../../../src/ports/meeting-workflow';
import type { StoredPrompt } from '../../../../src/ports/prompt-store';
import { fakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';
import { allOn, record } from '../../domain/fixtures';

const CUSTOMER = '+14255550123';
const SENDER = '+18005550100';

async function setup(meetingIds = ['A-1']) {
  const settings = allOn();
  const deps = fakeDeps({ settings: new FakeSettingsStore({ ...settings, replies: { ...settings.replies, enabled: true, acknowledge: true }, cancellation: { email: false, sms: false, whatsapp: false, voice: false } }) });
  const workflow = new RecordingWorkflow();
  for (const [n, meetingId] of meetingIds.entries()) {
    const base = record();
    await deps.meetings.create({ ...base, meetingId, contact: { ...base.contact, phone: CUSTOMER } });
    const sendKey = `${meetingId}|1|confirmation|sms`;
    const prompt: StoredPrompt = { promptId: promptIdFor(sendKey), meetingId, sendKey, channel: 'sms', customer: CUSTOMER, sender: SENDER, locale: 'en-US', openedAt: `2026-01-01T0${n}:00:00.000Z`, closesAt: '2099-01-01T00:00:00.000Z', outcome: 'open', closedAt: null, closedBy: null, noMatches: [] };
    await deps.prompts.open(prompt);
  }
  return { deps, workflow };
}

const reply = (eventId: string, intent: string, choice: number | null = null): PromptReply => ({ kind: 'reply', eventId, at: '2026-01-02T00:00:00.000Z', intent, choice });
const id = (meetingId: string) => promptIdFor(`${meetingId}|1|confirmation|sms`);
const sentTypes = (deps: Awaited<ReturnType<typeof setup>>['deps']) => deps.senders.sms.dispatches.map((d) => d.purpose).sort();

describe('answerPrompt (the matching activity)', () => {
  test.each([
    ['confirm', 'confirmed', 'replyConfirmed'],
    ['reschedule', 'rescheduleRequested', 'replyReschedule'],
    ['cancel', 'cancelled', 'replyCancelled'],
  ])('one open prompt, %s → %s and one %s', async (intent, outcome, ack) => {
    const { deps, workflow } = await setup();
    expect(await answerPrompt(deps, workflow, id('A-1'), reply('e1', intent))).toEqual({ closed: true, outcome });
    expect(sentTypes(deps)).toEqual([ack]);
    if (intent === 'cancel') expect((await deps.meetings.get('A-1'))?.record.cancellation?.source).toBe('sms');
  });

  test('no match: the first gets replyHelp and stays open, the second ends it noMatch with nothing more sent', async () => {
    const { deps, workflow } = await setup();
    expect(await answerPrompt(deps, workflow, id('A-1'), reply('e1', 'unknown'))).toEqual({ closed: false, outcome: 'open' });
    expect(await answerPrompt(deps, workflow, id('A-1'), reply('e2', 'unknown'))).toEqual({ closed: true, outcome: 'noMatch' });
    expect(sentTypes(deps)).toEqual(['replyHelp']);
  });

  test('two open prompts: YES asks which (replyWhich, both stay open); YES 2 answers the second only', async () => {
    const { deps, workflow } = await setup(['A-1', 'A-2']);
    expect(await answerPrompt(deps, workflow, id('A-2'), reply('e1', 'confirm'))).toEqual({ closed: false, outcome: 'open' });
    expect(sentTypes(deps)).toEqual(['replyWhich']);
    expect(await answerPrompt(deps, workflow, id('A-2'), reply('e2', 'confirm', 2))).toEqual({ closed: true, outcome: 'confirmed' });
    expect((await deps.prompts.get(id('A-1')))?.outcome).toBe('open');
  });

  test('the same reply twice sends one acknowledgement', async () => {
    const { deps, workflow } = await setup();
    await answerPrompt(deps, workflow, id('A-1'), reply('e1', 'confirm'));
    await answerPrompt(deps, workflow, id('A-1'), reply('e1', 'confirm'));
    expect(sentTypes(deps)).toEqual(['replyConfirmed']);
  });
});

describe('handleReply with prompts', () => {
  const event = (text: string, eventId = 'e9'): ReplyEvent => ({ kind: 'reply', eventId, provider: 'acs', channel: 'sms', from: CUSTOMER, to: SENDER, text, at: '2026-01-02T00:00:00.000Z', providerMessageId: 'pm' });

  test('STOP ends every open prompt of the number with optedOut', async () => {
    const { deps, workflow } = await setup(['A-1', 'A-2']);
    await handleReply(deps, workflow, event('STOP'));
    expect([(await deps.prompts.get(id('A-1')))?.outcome, (await deps.prompts.get(id('A-2')))?.outcome]).toEqual(['optedOut', 'optedOut']);
  });

  test('a reply after the prompt timed out is kept as unmatched', async () => {
    const { deps, workflow } = await setup();
    await deps.prompts.close(id('A-1'), 'timeout', '2026-01-01T12:00:00.000Z', null);
    expect(await handleReply(deps, workflow, event('YES'))).toEqual({ outcome: 'unmatched' });
  });

  test('YES 2 is handed to the newest prompt with its choice, never its text', async () => {
    const { deps, workflow } = await setup(['A-1', 'A-2']);
    await handleReply(deps, workflow, event('YES 2'));
    expect(workflow.prompts).toEqual([{ promptId: id('A-2'), reply: { kind: 'reply', eventId: 'e9', at: '2026-01-02T00:00:00.000Z', intent: 'confirm', choice: 2 } }]);
  });
});

describe('prompts that no longer ask', () => {
  test('a meeting cancelled elsewhere: a YES ends its prompt superseded and confirms nothing', async () => {
    const { deps, workflow } = await setup();
    const stored = await deps.meetings.get('A-1');
    await deps.meetings.replace({ ...stored!.record, status: 'cancelled', cancellation: { cancelledAt: '2026-01-01T05:00:00.000Z', source: 'api', reason: null } }, stored!.etag);
    expect(await answerPrompt(deps, workflow, id('A-1'), reply('e1', 'confirm'))).toEqual({ closed: true, outcome: 'superseded' });
    expect(sentTypes(deps)).toEqual([]);
  });

  test('two prompts, one of a meeting cancelled elsewhere: YES answers the other one, without asking which', async () => {
    const { deps, workflow } = await setup(['A-1', 'A-2']);
    const stored = await deps.meetings.get('A-2');
    await deps.meetings.replace({ ...stored!.record, status: 'cancelled', cancellation: { cancelledAt: '2026-01-01T05:00:00.000Z', source: 'api', reason: null } }, stored!.etag);
    expect(await answerPrompt(deps, workflow, id('A-2'), reply('e1', 'confirm'))).toEqual({ closed: true, outcome: 'superseded' });
    expect((await deps.prompts.get(id('A-1')))?.outcome).toBe('confirmed');
    expect(sentTypes(deps)).toEqual(['replyConfirmed']);
    expect(workflow.prompts).toEqual([{ promptId: id('A-1'), reply: { kind: 'closed', eventId: 'e1' } }]);
  });

  test('closed by a NO, then interrupted before the cancel: the redelivered reply cancels the meeting once, acknowledged once', async () => {
    const { deps, workflow } = await setup();
    await deps.prompts.close(id('A-1'), 'cancelled', '2026-01-02T00:00:00.000Z', 'e1');
    for (let n = 0; n < 2; n += 1) expect(await answerPrompt(deps, workflow, id('A-1'), reply('e1', 'cancel'))).toEqual({ closed: true, outcome: 'cancelled' });
    expect((await deps.meetings.get('A-1'))?.record.cancellation?.source).toBe('sms');
    expect(sentTypes(deps)).toEqual(['replyCancelled']);
  });
});

test('an acknowledgement the provider cannot take now fails the activity (the host retries it); the retry sends it again under the same key, recorded once', async () => {
  const { deps, workflow } = await setup();
  deps.senders.sms.answer({ kind: 'transient', cause: 'unavailable' });
  await expect(answerPrompt(deps, workflow, id('A-1'), reply('e1', 'confirm'))).rejects.toThrow(/deferred/);
  expect(await answerPrompt(deps, workflow, id('A-1'), reply('e1', 'confirm'))).toEqual({ closed: true, outcome: 'confirmed' });
  expect(deps.senders.sms.dispatches.map((d) => d.purpose)).toEqual(['replyConfirmed', 'replyConfirmed']);
  expect((await deps.ledger.list({ kind: 'meeting', id: 'A-1' })).map((e) => [e.sendKey, e.status])).toEqual([['reply|e1|replyConfirmed', 'sent']]);
});

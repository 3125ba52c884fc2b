import { handleReply } from '../../../../src/app/replies/handle-reply';
import { helpAnsweredRecently, helpSubjectId, promptIdFor } from '../../../../src/domain';
import type { Channel, MessageTemplateSources } from '../../../../src/domain';
import type { ReplyEvent } from '../../../../src/ports/inbound';
import type { TemplateSource } from '../../../../src/ports/template-source';
import { fakeDeps } from '../../../fakes/fake-deps';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';

const FROM = '+14255550123';
const OTHER = '+14255550124';

const help = (eventId: string, from = FROM, text = 'HELP'): ReplyEvent => ({
  kind: 'reply', eventId, provider: 'acs', channel: 'sms', from, to: '+18005550100', text, at: '2026-11-05T10:00:00Z', providerMessageId: `m-${eventId}`,
});
const texts = (deps: { senders: { sms: { dispatches: Array<{ content: unknown }> } } }) => deps.senders.sms.dispatches.map((d) => (d.content as { text: string }).text);

describe('HELP with no open prompt: replyHelp about no meeting', () => {
  test('renders without a meeting (who we are, how to opt out, no reply hint) in the default locale, keyed by the event', async () => {
    const deps = fakeDeps();
    await handleReply(deps, new RecordingWorkflow(), help('ev-1'));
    expect(texts(deps)).toEqual(['Contoso appointment messages. Reply STOP to opt out.']);
    const [dispatch] = deps.senders.sms.dispatches;
    expect(dispatch).toMatchObject({ key: 'reply|ev-1|replyHelp', about: { kind: 'help', id: helpSubjectId(FROM) }, purpose: 'replyHelp' });
    // Event Grid delivers at least once: the same event sends nothing more.
    await handleReply(deps, new RecordingWorkflow(), help('ev-1'));
    expect(deps.senders.sms.dispatches).toHaveLength(1);
    expect([...deps.log.infos, ...deps.log.warns].join('\n')).not.toContain(FROM.slice(1));
  });

  test('in the locale of the number\'s most recent prompt, even a closed one', async () => {
    const deps = fakeDeps();
    const sendKey = 'A-1|1|confirmation|sms';
    await deps.prompts.open({ promptId: promptIdFor(sendKey), meetingId: 'A-1', sendKey, channel: 'sms', customer: FROM, sender: '+18005550100', locale: 'es-ES', openedAt: '2026-11-01T10:00:00.000Z', closesAt: '2026-11-02T10:00:00.000Z', outcome: 'timeout', closedAt: '2026-11-02T10:00:00.000Z', closedBy: null, noMatches: [] });
    await handleReply(deps, new RecordingWorkflow(), help('ev-1', FROM, 'ayuda'));
    expect(texts(deps)).toEqual(['Avisos de citas de Contoso. Para no recibir SMS, responda STOP.']);
  });

  test('an admin\'s replyHelp that names the meeting cannot render without one: the shipped template answers', async () => {
    const naming: TemplateSource = { get: async <C extends Channel>() => ({ text: 'About {{ subject }}: {{ replyHint }}' }) as MessageTemplateSources[C] };
    const deps = fakeDeps({ templates: naming });
    await handleReply(deps, new RecordingWorkflow(), help('ev-1'));
    expect(texts(deps)).toEqual(['Contoso appointment messages. Reply STOP to opt out.']);
  });

  test('an opted-out number gets nothing (recorded failed, opted out)', async () => {
    const deps = fakeDeps();
    await deps.optOuts.seedOptedOut(FROM);
    expect(await handleReply(deps, new RecordingWorkflow(), help('ev-1'))).toEqual({ outcome: 'help' });
    expect(deps.senders.sms.dispatches).toEqual([]);
    expect(await deps.ledger.get({ kind: 'help', id: helpSubjectId(FROM) }, 'reply|ev-1|replyHelp')).toMatchObject({ status: 'failed', reason: 'opted out' });
  });

  test('at most one answer per number per hour: a second HELP within the hour is not answered, one after it is; other numbers are not affected', async () => {
    const deps = fakeDeps();
    deps.clock.set('2026-11-05T10:00:00.000Z');
    await handleReply(deps, new RecordingWorkflow(), help('ev-1'));
    deps.clock.set('2026-11-05T10:59:00.000Z');
    await handleReply(deps, new RecordingWorkflow(), help('ev-2'));
    await handleReply(deps, new RecordingWorkflow(), help('ev-3', OTHER));
    expect(deps.senders.sms.dispatches.map((d) => [d.key, d.to])).toEqual([['reply|ev-1|replyHelp', FROM], ['reply|ev-3|replyHelp', OTHER]]);
    expect(await deps.ledger.get({ kind: 'help', id: helpSubjectId(FROM) }, 'reply|ev-2|replyHelp')).toMatchObject({ status: 'failed', reason: 'help answered within the hour' });
    deps.clock.set('2026-11-05T11:00:01.000Z');
    await handleReply(deps, new RecordingWorkflow(), help('ev-4'));
    expect(deps.senders.sms.dispatches.map((d) => d.key)).toContain('reply|ev-4|replyHelp');
  });
});

describe('helpAnsweredRecently', () => {
  const at = (sendKey: string, firstSentAt: string, status = 'sent') => ({ sendKey, firstSentAt, status });
  test.each([
    ['nothing else', [], false],
    ['an answer 59 min before', [at('a', '2026-11-05T09:01:00.000Z')], true],
    ['an answer 60 min before', [at('a', '2026-11-05T09:00:00.000Z')], false],
    ['a failed (dropped) one just before', [at('a', '2026-11-05T09:59:00.000Z', 'failed')], false],
    ['a claim at the same instant with a smaller key', [at('a', '2026-11-05T10:00:00.000Z', 'claimed')], true],
    ['a claim at the same instant with a greater key', [at('z', '2026-11-05T10:00:00.000Z', 'claimed')], false],
    ['a later claim (it yields to this one)', [at('a', '2026-11-05T10:00:01.000Z', 'claimed')], false],
  ])('%s → %s', (_name, others, expected) => {
    const mine = at('m', '2026-11-05T10:00:00.000Z', 'claimed');
    expect(helpAnsweredRecently([...others, mine], mine)).toBe(expected);
  });
});

import { RecordingWorkflow } from '../../../fakes/recording-workflow';
import { handleReply } from '../../../../src/app/replies/handle-reply';
import type { ReplyEvent } from '../../../../src/ports/inbound';
import { fakeDeps } from '../../../fakes/fake-deps';

const FROM = '+14255550123';

const reply = (text: string, at = '2026-11-05T10:00:00Z', eventId = 'ev-1'): ReplyEvent => ({
  kind: 'reply', eventId, provider: 'acs', channel: 'sms', from: FROM, to: '+18005550100', text, at, providerMessageId: `m-${eventId}`,
});

describe('handleReply: carrier keywords first', () => {
  test.each(['STOP', 'stop', ' Stop. ', 'STOPALL', 'unsubscribe', 'CANCEL', 'End', 'quit!', 'ARRET', 'Arrêt', 'STOP.', '\tstop!\n'])(
    '%j opts the sender out (source reply, at the event time)', async (text) => {
      const deps = fakeDeps();
      expect(await handleReply(deps, new RecordingWorkflow(), reply(text))).toEqual({ outcome: 'optedOut', changed: true });
      expect(await deps.optOuts.get(FROM)).toEqual({ optedOut: true, since: '2026-11-05T10:00:00.000Z', source: 'reply', updatedAt: '2026-11-05T10:00:00.000Z' });
      expect(deps.senders.sms.dispatches).toEqual([]);
    });

  test.each(['START', 'start', ' Unstop! '])('%j opts an opted-out sender back in', async (text) => {
    const deps = fakeDeps();
    await deps.optOuts.seedOptedOut(FROM, new Date('2026-11-01T00:00:00Z'));
    expect(await handleReply(deps, new RecordingWorkflow(), reply(text))).toEqual({ outcome: 'optedIn', changed: true });
    expect(await deps.optOuts.get(FROM)).toMatchObject({ optedOut: false });
  });

  test.each(['HELP', 'help?', ' Info ', 'ayuda'])('%j is a help request and changes no opt-out; without a prompt it is answered with replyHelp', async (text) => {
    const deps = fakeDeps();
    expect(await handleReply(deps, new RecordingWorkflow(), reply(text))).toEqual({ outcome: 'help' });
    expect(deps.optOuts.changes).toEqual([]);
    expect(deps.senders.sms.dispatches.map((d) => [d.purpose, d.about.kind, d.to])).toEqual([['replyHelp', 'help', FROM]]);
  });

  test.each(['YES', 'no', 'Thanks!', 'stopping by later', '', 'No, stop texting me', 'We have got to STOP this terrible bill', 'please cancel it', 'I need help'])('%j answers no prompt yet: kept for staff as unmatched, no opt-out, nothing sent', async (text) => {
    const deps = fakeDeps();
    const event = reply(text);
    expect(await handleReply(deps, new RecordingWorkflow(), event)).toEqual({ outcome: 'unmatched' });
    expect(deps.optOuts.changes).toEqual([]);
    expect(deps.senders.sms.dispatches).toEqual([]);
    expect(await deps.replies.listUnmatched(10)).toEqual([{ replyId: event.eventId, receivedAt: event.at, channel: 'sms', from: event.from, to: event.to, text }]);
    // Event Grid delivers at least once: the same event again is the same reply.
    await handleReply(deps, new RecordingWorkflow(), event);
    expect(await deps.replies.listUnmatched(10)).toHaveLength(1);
    expect(JSON.stringify(deps.log)).not.toContain(event.from);
  });

  test('STOP, START and HELP are not kept as unmatched', async () => {
    const deps = fakeDeps();
    for (const text of ['STOP', 'START', 'HELP']) await handleReply(deps, new RecordingWorkflow(), reply(text));
    expect(await deps.replies.listUnmatched(10)).toEqual([]);
  });

  test('the same STOP twice: the second changes nothing', async () => {
    const deps = fakeDeps();
    await handleReply(deps, new RecordingWorkflow(), reply('STOP'));
    expect(await handleReply(deps, new RecordingWorkflow(), reply('STOP'))).toEqual({ outcome: 'optedOut', changed: false });
    expect(deps.optOuts.changes).toHaveLength(1);
  });

  test('a START older than the STOP, arriving after it, leaves the number opted out', async () => {
    const deps = fakeDeps();
    await handleReply(deps, new RecordingWorkflow(), reply('STOP', '2026-11-05T10:05:00Z', 'ev-2'));
    expect(await handleReply(deps, new RecordingWorkflow(), reply('START', '2026-11-05T10:00:00Z', 'ev-1'))).toEqual({ outcome: 'optedIn', changed: false });
    expect(await deps.optOuts.get(FROM)).toMatchObject({ optedOut: true });
  });

  test('logs carry the event ID, never the number or the text', async () => {
    const deps = fakeDeps();
    for (const text of ['STOP', 'START', 'HELP', 'Call me on 555']) await handleReply(deps, new RecordingWorkflow(), reply(text, '2026-11-05T10:00:00Z', `ev-${text.length}`));
    const all = [...deps.log.infos, ...deps.log.warns];
    // One line per reply, plus the domain events they published (their IDs and subjects only).
    const lines = all.filter((line) => line.startsWith('reply '));
    expect(lines).toHaveLength(4);
    expect(all.filter((line) => !line.startsWith('reply ')).join('\n')).not.toMatch(/4255550123|STOP|START|HELP|555/);
    for (const line of lines) {
      expect(line).toMatch(/ev-\d/);
      expect(line).not.toMatch(/4255550123|STOP|START|HELP|555/);
    }
  });
});

describe('handleReply with replies turned off', () => {
  test('a reply to a prompt still stored open is not treated as an answer: kept for staff', async () => {
    const deps = fakeDeps();
    const sendKey = 'A-1|1|confirmation|sms';
    await deps.prompts.open({ promptId: `prompt|${sendKey}`, meetingId: 'A-1', sendKey, channel: 'sms', customer: FROM, sender: '+18005550100', locale: 'en-US', openedAt: '2026-11-05T09:00:00.000Z', closesAt: '2099-01-01T00:00:00.000Z', outcome: 'open', closedAt: null, closedBy: null, noMatches: [] });
    const workflow = new RecordingWorkflow();
    expect(await handleReply(deps, workflow, reply('YES'))).toEqual({ outcome: 'unmatched' });
    expect(workflow.prompts).toEqual([]);
    expect(await deps.replies.listUnmatched(10)).toEqual([expect.objectContaining({ replyId: 'ev-1', text: 'YES' })]);
  });
});

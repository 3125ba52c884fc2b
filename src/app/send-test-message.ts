import { v4 as uuidv4 } from 'uuid';
import { fail, ok, PLAN_REASONS, type Channel } from '../domain';
import { channelModule } from '../channels/registry';
import type { MessageContent } from '../ports/dispatch';
import type { MeetingWorkflow } from '../ports/meeting-workflow';
import { startCallAfterSend } from './calls/call-callbacks';
import { sendOnce } from './dispatch/send-once';
import type { AppDeps } from './deps';
import { isOptedOut } from './opt-outs';

/** What became of a test send: the provider's message ID, or why it failed (never an address or text). */
export type TestSendOutcome =
  | { readonly status: 'sent'; readonly providerMessageId: string; readonly sendKey: string }
  | { readonly status: 'failed'; readonly reason: string; readonly sendKey: string };

export type TestSendDeps = Pick<AppDeps, 'ledger' | 'senders' | 'messageIndex' | 'clock' | 'log' | 'randomBytes' | 'optOuts' | 'pacer' | 'lines' | 'config'>;

/**
 * Sends a rendered preview to an admin's address or number: a dispatch like any other, about a
 * `test` subject with a fresh send key `test|<uuid>` (never a meeting's key: no meeting changes;
 * the outbox records it with type `test`), through the same claim → send → record core. A test send
 * is not deferred: a provider that cannot take it now is reported at once. A number that opted out
 * gets no test SMS either (recorded `failed`, "opted out"): STOP means no SMS of any kind. A voice
 * test call gets its call orchestration at once, as a meeting's call does (`workflow`), so a call
 * whose callbacks never come still ends (`unknown` after the dial timeout) and is reported.
 */
export async function sendTestMessage(deps: TestSendDeps, channel: Channel, content: MessageContent, to: string, by: string, workflow?: () => MeetingWorkflow): Promise<TestSendOutcome> {
  const id = uuidv4({ random: deps.randomBytes(16) });
  const sendKey = `test|${id}`;
  const marked = channelModule(channel).asTest(content);
  const outcome = await sendOnce(deps, {
    about: { kind: 'test', id },
    key: sendKey,
    type: 'test',
    channel,
    plannedFor: null,
    entry: null,
    deferrable: false,
    recheck: async () => undefined,
    compose: async () => ((await isOptedOut(deps, channel, to)) ? fail(PLAN_REASONS.optedOut) : ok({ to, content: marked })),
  });
  if (channelModule(channel).interaction === 'conversation' && workflow) await startCallAfterSend(workflow(), sendKey, outcome);
  const answer: TestSendOutcome = outcome.status === 'sent'
    ? { status: 'sent', providerMessageId: outcome.providerMessageId, sendKey }
    : { status: 'failed', reason: outcome.status === 'failed' ? outcome.reason : `not sent (${outcome.reason})`, sendKey };
  deps.log.info(`template test send ${sendKey} (${channel}) by ${by}: ${answer.status}`);
  return answer;
}

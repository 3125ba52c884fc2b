import { parseSendKey, promptClosesAt, promptIdFor, type Settings } from '../../domain';
import type { StoredMeeting } from '../../ports/meeting-store';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';
import type { SendOutcome } from '../dispatch/send-outcome';

/** The settings and the meeting as the send read them. */
export interface KnownContext {
  readonly settings: Settings;
  readonly stored: StoredMeeting | undefined;
}

export type OpenPromptDeps = Pick<AppDeps, 'prompts' | 'meetings' | 'settings' | 'senders' | 'clock' | 'log'>;

/**
 * After a send: a confirmation or reminder SMS that went out with replies on asks a question, so it
 * opens a prompt for its (customer, sender) pair until `timeoutHours` later or the start. Idempotent
 * (a retried activity stores nothing new and finds the orchestration already started); a send that
 * was recorded before is answered the same, so a crash between the send and this opens it later.
 */
export async function openPromptAfterSend(deps: OpenPromptDeps, workflow: MeetingWorkflow, meetingId: string, sendKey: string, outcome: SendOutcome, known?: KnownContext): Promise<void> {
  const parts = parseSendKey(sendKey);
  if (outcome.status !== 'sent' || !parts || (parts.channel !== 'sms' && parts.channel !== 'whatsapp') || (parts.type !== 'confirmation' && parts.type !== 'reminder')) return;
  const channel = parts.channel;
  // The send that just ran has read both: read them again only when called without them.
  const [{ settings }, stored] = known ? [known, known.stored] : await Promise.all([deps.settings.get(), deps.meetings.get(meetingId)]);
  const customer = stored?.record.contact.phone;
  if (!settings.replies.enabled || !stored || !customer) return;
  const promptId = promptIdFor(sendKey);
  const existing = await deps.prompts.get(promptId);
  if (existing && existing.outcome !== 'open') return;
  const openedAt = existing?.openedAt ?? deps.clock.now().toISOString();
  const closesAt = existing?.closesAt ?? promptClosesAt(openedAt, settings.replies.timeoutHours, stored.record.start);
  if (!existing) {
    if (closesAt <= openedAt) return;
    // The number it went from, as its provider says (ACS_SMS_FROM, or the outbox's local number); on
    // WhatsApp our channel registration ID, which replies are addressed to.
    const sender = deps.senders[channel].from ?? '';
    await deps.prompts.open({ promptId, meetingId, sendKey, channel, customer, sender, locale: stored.record.contact.locale, openedAt, closesAt, outcome: 'open', closedAt: null, closedBy: null, noMatches: [] });
    deps.log.info(`prompt ${promptId}: opened until ${closesAt}`);
  }
  await workflow.startPrompt(promptId, closesAt);
  // One question per meeting at a time: an updated confirmation or the reminder replaces the earlier
  // one, so "YES" is not asked "which meeting?" between two versions of the same meeting.
  for (const older of await deps.prompts.openFor(customer)) {
    if (older.meetingId !== meetingId || older.promptId === promptId || older.openedAt > openedAt) continue;
    await deps.prompts.close(older.promptId, 'superseded', openedAt, null);
    await workflow.raisePromptReply(older.promptId, { kind: 'closed', eventId: `superseded-by-${sendKey}` });
  }
}

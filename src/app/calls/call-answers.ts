import { parseSendKey, promptIdFor, type SupportedLocale } from '../../domain';
import type { StoredCall } from '../../ports/calls';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';
import { cancelMeeting, type CancelMeetingDeps } from '../cancel-meeting';
import { publishMeetingEvent, type MeetingEventDeps } from '../events/publish-events';

export type CallAnswerDeps = CancelMeetingDeps & MeetingEventDeps & Pick<AppDeps, 'prompts' | 'callControl'>;

/**
 * A key that answered the call (confirm or cancel), applied as an SMS answer is: the meeting's
 * attendance follows its prompts, so the answer is stored as the call's prompt, already ended with
 * its outcome (it never waits for text replies), with the answer among the meeting's replies. Only a
 * call about the meeting's current version, before it starts, answers it. Idempotent: a retried
 * activity finds the prompt and the reply stored, and publishes the same events.
 */
async function answer(deps: CallAnswerDeps, call: StoredCall, locale: SupportedLocale, outcome: 'confirmed' | 'cancelled'): Promise<boolean> {
  if (call.about.kind !== 'meeting') return false;
  const meetingId = call.about.id;
  const promptId = promptIdFor(call.sendKey);
  const answeredBy = `${call.callId}|${call.state.attempt}`;
  // Applied before (a retried activity): its follow-ups run again, idempotently.
  if ((await deps.prompts.get(promptId))?.closedBy === answeredBy) return true;
  const record = (await deps.meetings.get(meetingId))?.record;
  const now = deps.clock.now();
  if (record?.status !== 'scheduled' || record.version !== parseSendKey(call.sendKey)?.version || now.getTime() >= Date.parse(record.start)) {
    deps.log.info(`call ${call.callId}: ${outcome} pressed, but the meeting is no longer the one called about`);
    return false;
  }
  const at = now.toISOString();
  await deps.prompts.open({
    promptId, meetingId, sendKey: call.sendKey, channel: 'voice', customer: call.to, sender: deps.callControl.from, locale,
    openedAt: at, closesAt: at, outcome, closedAt: at, closedBy: answeredBy, noMatches: [],
  });
  await deps.prompts.recordReply({ eventId: answeredBy, meetingId, receivedAt: at, channel: 'voice', intent: outcome === 'confirmed' ? 'confirm' : 'cancel', outcome });
  deps.log.info(`call ${call.callId}: ${outcome} by keypad`);
  return true;
}

/** Key `confirm`: the meeting's attendance becomes `confirmed` (`meeting.confirmed`, like an SMS YES). */
export async function confirmByVoice(deps: CallAnswerDeps, workflow: MeetingWorkflow, call: StoredCall, locale: SupportedLocale): Promise<boolean> {
  if (!(await answer(deps, call, locale, 'confirmed'))) return false;
  const record = (await deps.meetings.get(call.about.id))?.record;
  const promptId = promptIdFor(call.sendKey);
  if (record) await publishMeetingEvent(deps, workflow, 'meeting.confirmed', record, { cause: promptId, promptId });
  return true;
}

/** Key `cancel`: the CancelMeeting use case with `cancelledBy: "voice"` (the cancellation notice follows if enabled). */
export async function cancelByVoice(deps: CallAnswerDeps, workflow: MeetingWorkflow, call: StoredCall, locale: SupportedLocale): Promise<boolean> {
  if (!(await answer(deps, call, locale, 'cancelled'))) return false;
  const cancelled = await cancelMeeting(deps, workflow, call.about.id, { source: 'voice' });
  if (cancelled.kind !== 'cancelled') deps.log.warn(`call ${call.callId}: the meeting could not be cancelled (${cancelled.kind})`);
  return cancelled.kind === 'cancelled';
}

import { attendanceOf, parseSendKey, type MeetingRecord } from '../../domain';
import { subjectOf, type DomainEventType } from '../../domain/events/domain-event';
import type { About } from '../../ports/dispatch';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { StoredPrompt } from '../../ports/prompt-store';
import type { StoredCall } from '../../ports/calls';
import type { AppDeps } from '../deps';

/**
 * The use cases' side of the domain-event seam: one function per family, each building the event's
 * data from what the use case has (IDs and states only) and publishing it with a cause that makes a
 * repeat — a retried activity, a redelivered webhook event — the same event.
 */
export type PublishDeps = Pick<AppDeps, 'events' | 'clock'>;
export type MeetingEventDeps = PublishDeps & Pick<AppDeps, 'prompts'>;

type MeetingEventType = Extract<DomainEventType, `meeting.${string}`>;

/** The contact of a meeting (events name contacts by ID), or undefined without a meeting. */
async function contactIdOf(deps: Pick<AppDeps, 'meetings'>, meetingId: string | undefined): Promise<string | undefined> {
  return meetingId === undefined ? undefined : (await deps.meetings.get(meetingId))?.record.contact.contactId;
}

/** A meeting event about `record` as it is now; its attendance read from the meeting's prompts. */
export async function publishMeetingEvent(
  deps: MeetingEventDeps,
  workflow: MeetingWorkflow | undefined,
  type: MeetingEventType,
  record: MeetingRecord,
  options: { readonly cause: string; readonly promptId?: string },
): Promise<void> {
  const attendance = attendanceOf(await deps.prompts.forMeeting(record.meetingId));
  await deps.events.publish({
    type,
    cause: options.cause,
    subject: subjectOf('meeting', record.meetingId),
    data: {
      meetingId: record.meetingId,
      contactId: record.contact.contactId,
      version: record.version,
      status: record.status,
      attendance,
      ...(record.cancellation ? { cancelledBy: record.cancellation.source } : {}),
      ...(options.promptId ? { promptId: options.promptId } : {}),
      occurredAt: deps.clock.now().toISOString(),
    },
  }, workflow);
}

export interface CommunicationFacts {
  readonly about: About;
  readonly sendKey: string;
  readonly type: string;
  readonly channel: string;
  readonly status: 'sent' | 'delivered' | 'failed';
  /** The contact, when the caller already read it (the send did): saves reading the meeting again. */
  readonly contactId?: string;
  readonly reason?: string;
  readonly permanent?: boolean;
  /** When it happened (the provider's time for a delivery report). */
  readonly at: Date;
}

/**
 * `communication.sent|delivered|failed` for one send: its cause is the send key, so a message has at
 * most one event of each (a failure found at send time and one reported later are the same event).
 */
export async function publishCommunicationEvent(deps: PublishDeps & Pick<AppDeps, 'meetings'>, workflow: MeetingWorkflow | undefined, facts: CommunicationFacts): Promise<void> {
  const meetingId = facts.about.kind === 'meeting' ? facts.about.id : undefined;
  const contactId = facts.contactId ?? (await contactIdOf(deps, meetingId));
  const version = parseSendKey(facts.sendKey)?.version;
  await deps.events.publish({
    type: `communication.${facts.status}`,
    cause: facts.sendKey,
    // A help answer's subject is the number's hash: not something to hand a subscriber.
    subject: facts.about.kind === 'help' ? 'replies' : subjectOf(facts.about.kind, facts.about.id),
    data: {
      ...(meetingId !== undefined ? { meetingId } : {}),
      ...(contactId !== undefined ? { contactId } : {}),
      ...(meetingId !== undefined && version !== undefined ? { version } : {}),
      sendKey: facts.sendKey,
      type: facts.type,
      channel: facts.channel,
      status: facts.status,
      ...(facts.reason !== undefined ? { reason: facts.reason.slice(0, 300) } : {}),
      ...(facts.permanent !== undefined ? { permanent: facts.permanent } : {}),
      occurredAt: facts.at.toISOString(),
    },
  }, workflow);
}

/** `reply.noMatch` / `reply.timeout` for a prompt that ended so; `reply.unsolicited` for a reply no prompt awaited. */
export async function publishReplyEvent(
  deps: PublishDeps & Pick<AppDeps, 'meetings'>,
  workflow: MeetingWorkflow | undefined,
  type: Extract<DomainEventType, `reply.${string}`>,
  facts: { readonly prompt?: StoredPrompt; readonly replyId?: string; readonly channel: string; readonly at: string },
): Promise<void> {
  const meetingId = facts.prompt?.meetingId;
  const contactId = await contactIdOf(deps, meetingId);
  await deps.events.publish({
    type,
    cause: facts.prompt ? facts.prompt.promptId : (facts.replyId ?? facts.at),
    subject: meetingId !== undefined ? subjectOf('meeting', meetingId) : subjectOf('reply', facts.replyId ?? 'unknown'),
    data: {
      ...(facts.replyId !== undefined ? { replyId: facts.replyId } : {}),
      ...(meetingId !== undefined ? { meetingId } : {}),
      ...(contactId !== undefined ? { contactId } : {}),
      ...(facts.prompt ? { promptId: facts.prompt.promptId } : {}),
      channel: facts.channel,
      occurredAt: facts.at,
    },
  }, workflow);
}

/**
 * `contact.optedOut` / `contact.optedIn`. The number is never in the event: the contact is named by
 * the newest meeting we asked something of at that number, when there is one (a flow updates that
 * contact's consent in the CRM). `cause` must not contain the number either.
 */
export async function publishContactEvent(
  deps: PublishDeps & Pick<AppDeps, 'meetings'>,
  workflow: MeetingWorkflow | undefined,
  type: 'contact.optedOut' | 'contact.optedIn',
  facts: { readonly cause: string; readonly source: 'reply' | 'admin'; readonly at: string; readonly newestPrompt?: StoredPrompt },
): Promise<void> {
  const meetingId = facts.newestPrompt?.meetingId;
  const contactId = await contactIdOf(deps, meetingId);
  await deps.events.publish({
    type,
    cause: facts.cause,
    subject: contactId !== undefined ? subjectOf('contact', contactId) : 'contacts',
    data: {
      ...(contactId !== undefined ? { contactId } : {}),
      ...(meetingId !== undefined ? { meetingId } : {}),
      channel: 'sms',
      source: facts.source,
      occurredAt: facts.at,
    },
  }, workflow);
}

/**
 * `call.completed` (the call was answered: its outcome) or `call.failed` (not answered, or unknown),
 * once per call and attempt: its cause is the call's ID and attempt, so a retried activity publishes
 * the same event. No number, no spoken text.
 */
export async function publishCallEvent(deps: PublishDeps & Pick<AppDeps, 'meetings'>, workflow: MeetingWorkflow | undefined, type: 'call.completed' | 'call.failed', call: StoredCall): Promise<void> {
  const meetingId = call.about.kind === 'meeting' ? call.about.id : undefined;
  const contactId = await contactIdOf(deps, meetingId);
  const version = parseSendKey(call.sendKey)?.version;
  const outcome = call.state.outcome ?? 'unknown';
  await deps.events.publish({
    type,
    cause: `${call.callId}|${call.state.attempt}`,
    subject: call.about.kind === 'help' ? 'calls' : subjectOf(call.about.kind, call.about.id),
    data: {
      callId: call.callId,
      sendKey: call.sendKey,
      ...(meetingId !== undefined ? { meetingId } : {}),
      ...(contactId !== undefined ? { contactId } : {}),
      ...(meetingId !== undefined && version !== undefined ? { version } : {}),
      type: call.type,
      attempt: call.state.attempt,
      outcome,
      ...(call.state.reason !== null ? { reason: call.state.reason.slice(0, 300) } : {}),
      occurredAt: deps.clock.now().toISOString(),
    },
  }, workflow);
}

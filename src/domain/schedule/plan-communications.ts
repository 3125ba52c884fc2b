import { channelModule } from '../../channels/registry';
import { CHANNELS, COMMUNICATION_TYPES, type Channel, type CommunicationType } from '../communication';
import type { MeetingRecord } from '../meeting/meeting-schema';
import { teamsLinkPendingUntil } from '../meeting/teams-meeting';
import type { Settings } from '../settings/settings-schema';
import { PLAN_REASONS, quietHoursHoldReason, quietHoursSkipReason, turnedOffReason, type CommunicationPlan, type PlanInput, type PlannedCommunication } from './plan-types';
import { quietHoursRelease } from './quiet-hours';
import { reminderDueAt, type ReminderTime } from './reminder-time';
import { sendKey } from './send-key';

interface Slot {
  readonly type: CommunicationType;
  readonly channel: Channel;
  readonly sendKey: string;
}

interface Context {
  readonly meeting: MeetingRecord;
  readonly settings: Settings;
  readonly now: number;
  readonly optedOut: ReadonlySet<Channel>;
  /** The reminder time, computed at most once per plan (both channels share it). */
  readonly reminder: () => ReminderTime;
  /** While the Teams join link is still to come: until when messages wait for it. */
  readonly linkPendingUntil: string | undefined;
}

/**
 * Plans every type × channel for a meeting: what is due now, planned for later, skipped (and why) or
 * done. Rules, in order: a send key already in the ledger is done; the master toggle; the meeting's
 * status (a cancelled meeting gets only its cancellation notice, and none when cancelled externally);
 * the type × channel toggle; the recipient's address; the address's opt-out; nothing at or after the start; then timing:
 * confirmation and cancellation are due at once; the reminder follows {@link reminderDueAt} and the
 * late-booking rule; last, quiet hours hold confirmations and reminders (never cancellation notices)
 * until the window's end in the recipient's zone, and skip one that would then land at or after the
 * start. A late booking is one whose reminder time had passed when the current version
 * was recorded (`versionAt`); a reminder whose time passed after that (an overdue wake-up) is due.
 */
export function planCommunications(input: PlanInput): CommunicationPlan {
  const ledger = new Set(input.ledger);
  const { meeting, settings } = input;
  const { daysBefore, sendAtLocalTime } = settings.reminder;
  let cached: ReminderTime | undefined;
  const reminder = () => (cached ??= reminderDueAt({ start: meeting.start, timeZone: meeting.contact.timeZone, daysBefore, sendAtLocalTime }));
  const linkPendingUntil = teamsLinkPendingUntil(meeting, input.teamsLinkWaitMs ?? 0);
  const context: Context = { meeting, settings, now: input.now.getTime(), optedOut: input.optedOut, reminder, linkPendingUntil };
  return COMMUNICATION_TYPES.flatMap((type) =>
    CHANNELS.map((channel): PlannedCommunication => {
      const key = sendKey({ meetingId: meeting.meetingId, version: meeting.version, type, channel });
      const slot: Slot = { type, channel, sendKey: key };
      return ledger.has(key) ? { ...slot, status: 'done', reason: PLAN_REASONS.alreadySent } : planSlot(slot, context);
    }),
  );
}

function planSlot(slot: Slot, context: Context): PlannedCommunication {
  const { meeting, settings, now } = context;
  const skip = (reason: string): PlannedCommunication => ({ ...slot, status: 'skipped', reason });
  if (!settings.enabled) return skip(PLAN_REASONS.masterOff);
  if (meeting.status === 'completed') return skip(PLAN_REASONS.completed);
  if (slot.type === 'cancellation') {
    if (meeting.cancellation === null) return skip(PLAN_REASONS.notCancelled);
    if (meeting.cancellation.source === 'external') return skip(PLAN_REASONS.external);
  } else if (meeting.status === 'cancelled') {
    return skip(PLAN_REASONS.cancelled);
  }
  if (!settings[slot.type][slot.channel]) return skip(turnedOffReason(slot.type, slot.channel));
  const channel = channelModule(slot.channel);
  if (channel.address(meeting.contact) === null) return skip(channel.noAddressReason);
  if (context.optedOut.has(slot.channel)) return skip(PLAN_REASONS.optedOut);
  const start = Date.parse(meeting.start);
  if (now >= start) return skip(PLAN_REASONS.started);
  const nowIso = new Date(now).toISOString();
  const timed = slot.type === 'reminder' ? planReminder(slot, context, nowIso) : { ...slot, status: 'due' as const, dueAt: nowIso };
  return slot.type === 'cancellation' ? timed : holdForQuietHours(holdForJoinLink(timed, context), context);
}

/**
 * A confirmation or reminder of a Teams meeting that would go before its join link is there waits
 * for it, at most until `linkPendingUntil`; after that it goes without the link (the templates then
 * say it follows, and the update that carries it is a new version).
 */
function holdForJoinLink(planned: PlannedCommunication, { linkPendingUntil, now }: Context): PlannedCommunication {
  if (linkPendingUntil === undefined || planned.dueAt === undefined || planned.status !== 'due') return planned;
  const until = Date.parse(linkPendingUntil);
  if (until <= now) return planned;
  return { ...planned, status: 'planned', dueAt: linkPendingUntil, reason: PLAN_REASONS.waitingForJoinLink };
}

/**
 * Moves a due or planned confirmation/reminder out of the quiet window (API.md "Pacing and quiet
 * hours"): its `dueAt` becomes the window's end, so GetMeeting's `plannedFor` shows the real time;
 * one that would then land at or after the start is skipped. A cancellation notice never comes here.
 */
function holdForQuietHours(planned: PlannedCommunication, { meeting, settings, now }: Context): PlannedCommunication {
  const quiet = settings.quietHours;
  if (!quiet.enabled || planned.dueAt === undefined || (planned.status !== 'due' && planned.status !== 'planned')) return planned;
  const zone = meeting.contact.timeZone;
  const dueAt = Date.parse(planned.dueAt);
  const release = quietHoursRelease(zone, quiet, dueAt);
  if (release === dueAt) return planned;
  const { dueAt: _dueAt, reason: _reason, ...slot } = planned;
  if (release >= Date.parse(meeting.start)) return { ...slot, status: 'skipped', reason: quietHoursSkipReason(quiet.start, quiet.end, zone) };
  return { ...slot, status: release <= now ? 'due' : 'planned', dueAt: new Date(release).toISOString(), reason: quietHoursHoldReason(quiet.start, quiet.end, zone) };
}

function planReminder(slot: Slot, { meeting, settings, now, reminder: reminderTime }: Context, nowIso: string): PlannedCommunication {
  const reminder = reminderTime();
  const dueAt = Date.parse(reminder.dueAt);
  if (dueAt <= Date.parse(meeting.versionAt)) {
    return settings.reminder.lateBooking === 'skip'
      ? { ...slot, status: 'skipped', reason: PLAN_REASONS.lateSkip }
      : { ...slot, status: 'due', dueAt: nowIso, reason: PLAN_REASONS.lateSendNow };
  }
  const note = reminder.adjustment === 'none' ? {} : { reason: dstNote(reminder.adjustment, reminder.requestedLocal, meeting.contact.timeZone) };
  return { ...slot, status: dueAt <= now ? 'due' : 'planned', dueAt: reminder.dueAt, ...note };
}

function dstNote(adjustment: 'gap' | 'overlap', requestedLocal: string, zone: string): string {
  return adjustment === 'gap'
    ? `${requestedLocal} does not exist in ${zone} (DST change): moved forward by the gap`
    : `${requestedLocal} occurs twice in ${zone} (DST change): the earlier one`;
}

/** The earliest `dueAt` among `planned` entries: when to wake up next; undefined when nothing is planned. */
export function nextWakeUp(plan: CommunicationPlan): string | undefined {
  const times = plan.filter((item) => item.status === 'planned' && item.dueAt !== undefined).map((item) => item.dueAt as string);
  return times.sort()[0];
}

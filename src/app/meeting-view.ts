import { attendanceOf, CHANNELS, COMMUNICATION_TYPES, parseSendKey, planCommunications, PLAN_REASONS, withTeamsLink, type Channel } from '../domain';
import type { LedgerEntry } from '../ports/ledger';
import { reminderFlagName } from '../domain/meeting/reminder-flags';
import type { AppDeps } from './deps';
import { optedOutChannels } from './opt-outs';
import { callOutcomes, withCallOutcome } from './calls/call-view';

export interface CommunicationView {
  type: string;
  channel: string;
  version: number;
  status: 'planned' | 'skipped' | 'sent' | 'delivered' | 'failed';
  plannedFor: string | null;
  sentAt: string | null;
  reason: string | null;
  /** Voice only: the call's outcome, attempt and retry time (see calls/call-view.ts). */
  outcome?: string;
  attempt?: number;
  retryAt?: string | null;
}

/** A claim is a send in progress, or a deferred one waiting for its retry: still "planned" for the reader. */
const statusOf = (e: LedgerEntry): CommunicationView['status'] => {
  if (e.status === 'claimed') return 'planned';
  // Stopped by an opt-out after it was claimed: it never reached the provider, so it was skipped, not a failure.
  if (e.status === 'failed' && e.reason === PLAN_REASONS.optedOut) return 'skipped';
  return e.status;
};

/** A deferred send (its `retryAt` is set only while it waits, see the Ledger port) shows when it tries again, and why. */
const fromLedger = (e: LedgerEntry): CommunicationView => ({
  type: e.type,
  channel: e.channel,
  version: parseSendKey(e.sendKey)?.version ?? 0,
  status: statusOf(e),
  plannedFor: e.retryAt ?? e.plannedFor,
  sentAt: e.sentAt,
  reason: e.retryAt !== null ? `deferred: ${e.reason ?? 'the provider could not take it'}` : e.reason,
});

export type MeetingViewDeps = Pick<AppDeps, 'meetings' | 'settings' | 'ledger' | 'clock' | 'optOuts' | 'prompts' | 'config' | 'calls'>;

/** GetMeeting: the stored meeting with its state and every communication, sent or to come. */
export async function meetingView(deps: MeetingViewDeps, meetingId: string): Promise<Record<string, unknown> | undefined> {
  const stored = await deps.meetings.get(meetingId);
  if (!stored) return undefined;
  const [{ settings }, ledger, optedOut, prompts, replies] = await Promise.all([
    deps.settings.get(), deps.ledger.list({ kind: 'meeting', id: meetingId }), optedOutChannels(deps, stored.record.contact),
    deps.prompts.forMeeting(meetingId), deps.prompts.repliesFor(meetingId),
  ]);
  const calls = await callOutcomes(deps, meetingId);
  const now = deps.clock.now();
  const plan = planCommunications({ meeting: stored.record, settings, ledger: ledger.map((e) => e.sendKey), now, optedOut, teamsLinkWaitMs: deps.config.TEAMS_LINK_WAIT });
  const upcoming: CommunicationView[] = plan
    .filter((p) => p.status === 'planned' || p.status === 'due' || p.status === 'skipped')
    .map((p) => ({
      type: p.type,
      channel: p.channel,
      version: stored.record.version,
      status: p.status === 'skipped' ? 'skipped' : 'planned',
      plannedFor: p.status === 'skipped' ? null : (p.dueAt ?? now.toISOString()),
      sentAt: null,
      reason: p.reason ?? null,
    }));
  // A Teams meeting's join URL shows as `online.joinUrl`; Graph's IDs and retry state stay inside.
  const { versionAt: _versionAt, teams: _teams, ...record } = withTeamsLink(stored.record);
  // A reminder of that channel the provider took (any version), or a flag an earlier release wrote on the row.
  const reminded = (channel: Channel): boolean => stored.remindersSent[channel] === true
    || ledger.some((e) => e.type === 'reminder' && e.channel === channel && (e.status === 'sent' || e.status === 'delivered'));
  const flags = Object.fromEntries(CHANNELS.map((channel: Channel) => [reminderFlagName(channel), reminded(channel)]));
  // Two-way messages: attendance follows the latest answered prompt; numbers and texts stay out.
  const twoWay = {
    attendance: attendanceOf(prompts),
    ...(record.cancellation ? { cancelledBy: record.cancellation.source } : {}),
    replies: replies.map(({ receivedAt, channel, intent, outcome }) => ({ receivedAt, channel, intent, outcome })),
    prompts: prompts.map(({ channel, sendKey, openedAt, closesAt, outcome }) => ({ channel, sendKey, openedAt, closesAt, outcome })),
  };
  // Answers to replies are sent about the meeting (the outbox shows them with it), but communications
  // list only the planned types, as the API promises; `replies` tells what each reply did.
  const planned = ledger.filter((e) => (COMMUNICATION_TYPES as readonly string[]).includes(e.type));
  return { ...record, ...flags, ...twoWay, communications: [...planned.map((e) => withCallOutcome(fromLedger(e), calls.get(e.sendKey))), ...upcoming] };
}

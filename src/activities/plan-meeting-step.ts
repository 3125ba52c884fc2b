import { nextWakeUp, parseSendKey, planCommunications, teamsWork, transitionStatus } from '../domain';
import type { AppDeps } from '../app/deps';
import { optedOutChannels } from '../app/opt-outs';
import type { MeetingRef, PlanStep } from '../workflows/steps';

export type PlanStepDeps = Pick<AppDeps, 'meetings' | 'settings' | 'ledger' | 'clock' | 'log' | 'optOuts' | 'config'>;

/**
 * Decides the meeting orchestration's next step from the stored meeting, the settings in force, the
 * ledger and the clock: send what is due (and deferred sends whose retry time has come), else sleep
 * until the next due or retry time or the start, else stop. A deferred confirmation or reminder that
 * can no longer go out (the meeting is no longer scheduled, has started, or has a newer version) is
 * sent at once: the send's own check then records why it did not go out, so nothing stays "planned"
 * forever. A deferred cancellation notice keeps its retry time, also after the meeting ended. At the
 * start a scheduled meeting becomes completed. A Teams meeting that needs a Graph call (create,
 * move, delete) comes first; one whose call failed wakes the orchestration at its retry time, and a
 * confirmation waits for its join link at most TEAMS_LINK_WAIT. Safe to run more than once.
 */
export async function planMeetingStep(deps: PlanStepDeps, input: MeetingRef): Promise<PlanStep> {
  const stored = await deps.meetings.get(input.meetingId);
  if (!stored) return { kind: 'done', reason: 'meeting not found' };
  const record = stored.record;
  const [{ settings }, ledger, optedOut] = await Promise.all([
    deps.settings.get(), deps.ledger.list({ kind: 'meeting', id: input.meetingId }), optedOutChannels(deps, record.contact),
  ]);
  const now = deps.clock.now();
  const online = teamsWork(record, now);
  if (online.kind !== 'none' && Date.parse(online.dueAt) <= now.getTime()) return { kind: 'online' };
  const onlineAt = online.kind === 'none' ? undefined : online.dueAt;
  const start = Date.parse(record.start);
  const plan = planCommunications({ meeting: record, settings, ledger: ledger.map((e) => e.sendKey), now, optedOut, teamsLinkWaitMs: deps.config.TEAMS_LINK_WAIT });
  const waiting = ledger.filter((e) => e.status === 'claimed' && e.retryAt !== null);
  const settled = record.status !== 'scheduled' || now.getTime() >= start;
  const stale = (sendKey: string): boolean => {
    const parts = parseSendKey(sendKey);
    return parts?.type !== 'cancellation' && (settled || parts?.version !== record.version);
  };
  const retries = waiting.filter((e) => stale(e.sendKey) || Date.parse(e.retryAt as string) <= now.getTime()).map((e) => e.sendKey);
  const due = [...plan.filter((p) => p.status === 'due').map((p) => p.sendKey), ...retries];
  if (due.length > 0) return { kind: 'send', sendKeys: due };
  // A deferred cancellation notice outlives the meeting's schedule: wait for its retry time.
  const retryAt = [...waiting.map((e) => e.retryAt as string), ...(onlineAt === undefined ? [] : [onlineAt])].sort()[0];
  if (retryAt !== undefined && settled) return { kind: 'sleep', until: retryAt };
  if (record.status === 'cancelled') return { kind: 'done', reason: 'cancelled' };
  if (record.status === 'completed') return { kind: 'done', reason: 'completed' };
  if (now.getTime() >= start) {
    if (transitionStatus(record.status, 'completed').ok) {
      const saved = await deps.meetings.replace({ ...record, status: 'completed' }, stored.etag);
      if (!saved.ok) return { kind: 'sleep', until: now.toISOString() };
      deps.log.info(`meeting ${record.meetingId} completed`);
    }
    return { kind: 'done', reason: 'started' };
  }
  const wake = [nextWakeUp(plan), retryAt].filter((t): t is string => t !== undefined).sort()[0];
  const until = wake !== undefined && Date.parse(wake) < start ? wake : record.start;
  return { kind: 'sleep', until };
}

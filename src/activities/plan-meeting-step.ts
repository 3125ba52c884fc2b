import { nextWakeUp, parseSendKey, planCommunications, teamsWork, transitionStatus, type CommunicationPlan } from '../domain';
import type { AppDeps } from '../app/deps';
import { isPaced, reserveAhead, RESERVE_AHEAD_MS, type PaceDeps } from '../app/dispatch/pace-send';
import { optedOutChannels } from '../app/opt-outs';
import type { MeetingRef, PlanStep } from '../workflows/steps';

export type PlanStepDeps = Pick<AppDeps, 'meetings' | 'settings' | 'ledger' | 'clock' | 'log' | 'optOuts' | 'config'> & PaceDeps;

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
  const [{ settings }, ledger] = await Promise.all([deps.settings.get(), deps.ledger.list({ kind: 'meeting', id: input.meetingId })]);
  const now = deps.clock.now();
  const online = teamsWork(record, now);
  if (online.kind !== 'none' && Date.parse(online.dueAt) <= now.getTime()) return { kind: 'online' };
  const onlineAt = online.kind === 'none' ? undefined : online.dueAt;
  const start = Date.parse(record.start);
  const sent = ledger.map((e) => e.sendKey);
  const unfiltered = planCommunications({ meeting: record, settings, ledger: sent, now, optedOut: new Set(), teamsLinkWaitMs: deps.config.TEAMS_LINK_WAIT });
  // Opt-outs matter only to what is still to send (after the last send, nothing is: no read then).
  const open = unfiltered.some((p) => p.status === 'due' || p.status === 'planned');
  const plan = open ? planCommunications({ meeting: record, settings, ledger: sent, now, optedOut: await optedOutChannels(deps, record.contact), teamsLinkWaitMs: deps.config.TEAMS_LINK_WAIT }) : unfiltered;
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
  const nextDue = nextWakeUp(plan);
  if (nextDue !== undefined && Date.parse(nextDue) < start && (retryAt === undefined || nextDue <= retryAt)) return lineUp(deps, plan, nextDue);
  const wake = [nextDue, retryAt].filter((t): t is string => t !== undefined).sort()[0];
  const until = wake !== undefined && Date.parse(wake) < start ? wake : record.start;
  return { kind: 'sleep', until };
}

/**
 * The sleep until the next planned sends, with them lined up for its end (sent without a second plan).
 * Paced ones get their slots reserved a minute ahead (RESERVE_AHEAD_MS): further off, it first sleeps
 * until then. The sleep ends at the earliest slot; a later one is waited for by its send.
 */
async function lineUp(deps: PlanStepDeps, plan: CommunicationPlan, dueAt: string): Promise<PlanStep> {
  const items = plan.filter((p) => p.status === 'planned' && p.dueAt === dueAt);
  const reserveFrom = Date.parse(dueAt) - RESERVE_AHEAD_MS;
  if (items.some((p) => isPaced(deps, p.channel)) && deps.clock.now().getTime() < reserveFrom) return { kind: 'sleep', until: new Date(reserveFrom).toISOString() };
  const then = await Promise.all(items.map(async (p) => {
    const slot = await reserveAhead(deps, p.type, p.channel, dueAt);
    return slot === undefined ? { sendKey: p.sendKey } : { sendKey: p.sendKey, slot };
  }));
  const until = then.map((t) => t.slot ?? dueAt).sort()[0] ?? dueAt;
  return { kind: 'sleep', until, then };
}

import { nextWakeUp, planCommunications, transitionStatus } from '../domain';
import type { AppDeps } from '../app/deps';
import type { MeetingRef, PlanStep } from '../workflows/steps';

/**
 * Decides the meeting orchestration's next step from the stored meeting, the settings in force, the
 * ledger and the clock: send what is due, else sleep until the next due time or the start, else stop.
 * At the start a scheduled meeting becomes completed. Safe to run more than once.
 */
export async function planMeetingStep(deps: AppDeps, input: MeetingRef): Promise<PlanStep> {
  const stored = await deps.meetings.get(input.meetingId);
  if (!stored) return { kind: 'done', reason: 'meeting not found' };
  const [{ settings }, ledger] = await Promise.all([deps.settings.get(), deps.ledger.listForMeeting(input.meetingId)]);
  const now = deps.clock.now();
  const record = stored.record;
  const plan = planCommunications({ meeting: record, settings, ledger: ledger.map((e) => e.sendKey), now });
  const due = plan.filter((p) => p.status === 'due');
  if (due.length > 0) return { kind: 'send', sendKeys: due.map((p) => p.sendKey) };
  if (record.status === 'cancelled') return { kind: 'done', reason: 'cancelled' };
  if (record.status === 'completed') return { kind: 'done', reason: 'completed' };
  const start = Date.parse(record.start);
  if (now.getTime() >= start) {
    if (transitionStatus(record.status, 'completed').ok) {
      const saved = await deps.meetings.replace({ ...record, status: 'completed' }, stored.etag);
      if (!saved.ok) return { kind: 'sleep', until: now.toISOString() };
      deps.log.info(`meeting ${record.meetingId} completed`);
    }
    return { kind: 'done', reason: 'started' };
  }
  const wake = nextWakeUp(plan);
  const until = wake !== undefined && Date.parse(wake) < start ? wake : record.start;
  return { kind: 'sleep', until };
}

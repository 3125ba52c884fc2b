import type { StoredCall } from '../../ports/calls';
import type { AppDeps } from '../deps';

/** What GetMeeting shows of a voice message's call: how it ended (or `notPlaced` while its send waits, `ringing`, `inCall`), on which attempt, and when a retry is due. */
export interface CallView {
  readonly outcome: string;
  readonly attempt: number;
  readonly retryAt: string | null;
}

const viewOf = (call: StoredCall): CallView => ({
  outcome: call.state.phase === 'ended' ? (call.state.outcome ?? 'unknown') : call.state.phase !== 'dialling' ? 'inCall' : call.dialledAt !== null ? 'ringing' : 'notPlaced',
  attempt: call.state.attempt,
  retryAt: call.retryAt,
});

/** The calls of a meeting by send key. */
export async function callOutcomes(deps: Pick<AppDeps, 'calls'>, meetingId: string): Promise<Map<string, CallView>> {
  const calls = await deps.calls.list({ kind: 'meeting', id: meetingId });
  return new Map(calls.map((call) => [call.sendKey, viewOf(call)]));
}

/** A communication with its call's outcome (voice only; no number, no text). */
export function withCallOutcome<T extends object>(communication: T, call: CallView | undefined): T {
  return call === undefined ? communication : { ...communication, outcome: call.outcome, attempt: call.attempt, retryAt: call.retryAt };
}

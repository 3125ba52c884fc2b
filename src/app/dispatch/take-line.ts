import { linesFor, type Channel } from '../../domain';
import type { AppDeps } from '../deps';
import { senderAddress } from './pace-send';

export type LineDeps = Pick<AppDeps, 'lines' | 'config' | 'senders' | 'clock'>;

/** The ledger reason of a call waiting for a free line of its caller number (a paced deferral, not an attempt). */
export const LINE_REASON = 'paced: waiting for a free line';

/** The line limiter's name for a channel's sender (`voice:+18005550100`) and its limit; undefined: not limited. */
export function limitedLine(deps: Pick<AppDeps, 'config' | 'senders'>, channel: Channel): { line: string; limit: number } | undefined {
  const address = senderAddress(deps, channel);
  if (address === undefined) return undefined;
  const limit = linesFor(deps.config.SEND_RATES, channel, address);
  return limit === undefined ? undefined : { line: `${channel}:${address}`, limit };
}

/**
 * Before a call is dialled: a line of its caller number, leased to `leaseId` (the send key, the
 * same for every attempt of the call). `go`, or when to ask again.
 */
export async function takeLine(deps: LineDeps, channel: Channel, leaseId: string): Promise<{ go: true } | { go: false; retryAt: string }> {
  const limited = limitedLine(deps, channel);
  if (limited === undefined) return { go: true };
  const answer = await deps.lines.acquire({ ...limited, leaseId }, deps.clock.now());
  return answer.granted ? { go: true } : { go: false, retryAt: answer.retryAt.toISOString() };
}

/** The call ended (or was never placed): its line is free for the next. Idempotent. */
export async function releaseLine(deps: LineDeps, channel: Channel, leaseId: string): Promise<void> {
  const limited = limitedLine(deps, channel);
  if (limited !== undefined) await deps.lines.release(limited.line, leaseId, deps.clock.now());
}

import { laneOf, rateFor, type Channel } from '../../domain';
import type { LedgerEntry } from '../../ports/ledger';
import type { AppDeps } from '../deps';

export type PaceDeps = Pick<AppDeps, 'pacer' | 'config' | 'senders' | 'clock'>;

/** The ledger reason of a send waiting for its reserved slot; a retry that finds it sends without asking again. */
export const PACED_REASON = 'paced: waiting for its sending slot';
/** A slot this close is waited for inside the activity rather than by a durable timer. */
export const MAX_INLINE_WAIT_MS = 1_000;
/**
 * A reservation older than this when its send wakes (a restart after a crash, a host busy with a
 * burst's first wave) is not used: the send asks again. Sends that woke late together would
 * otherwise all go at once and meet the provider's 429 (the burst bench showed hundreds).
 */
export const STALE_RESERVATION_MS = 5_000;
/**
 * How long before a paced send is due the planner reserves its slot. A burst (2 000 reminders due at
 * 09:00) then reserves its whole timeline before 09:00 and each send wakes at its own slot, instead of
 * every send first queueing at 09:00 to learn its slot while the first slots pass.
 */
export const RESERVE_AHEAD_MS = 60_000;

/**
 * Who sends on a channel, as SEND_RATES names it (`+18005550100`, `DoNotReply@contoso.com`); undefined
 * for the local outbox, which stands in for a provider and has no limits. The pacer and the line
 * limiter both key on it.
 */
export function senderAddress(deps: Pick<AppDeps, 'config' | 'senders'>, channel: Channel): string | undefined {
  const sender = deps.senders[channel];
  if (sender.provider === 'outbox' || sender.provider === 'none') return undefined;
  return (channel === 'email' ? deps.config.ACS_EMAIL_SENDER : sender.from) ?? sender.provider;
}

/** The pacer's name for a channel's sender (`sms:+18005550100`) and its rate; undefined: not paced. */
export function pacedSender(deps: Pick<AppDeps, 'config' | 'senders'>, channel: Channel): { sender: string; perMinute: number } | undefined {
  const address = senderAddress(deps, channel);
  if (address === undefined) return undefined;
  const perMinute = rateFor(deps.config.SEND_RATES, channel, address);
  return perMinute === undefined ? undefined : { sender: `${channel}:${address}`, perMinute };
}

/**
 * Before a provider call: the send's slot. `go` when it may call now (a slot within a second is
 * waited for here; a slot it reserved earlier and woke up for is used); otherwise the time of the
 * slot it reserved, for the caller to defer it to. Never counts as a failed attempt.
 */
export async function takeSlot(deps: PaceDeps, type: string, channel: Channel, entry: LedgerEntry, planned?: string): Promise<{ go: true } | { go: false; retryAt: string }> {
  const paced = pacedSender(deps, channel);
  if (paced === undefined) return { go: true };
  const now = deps.clock.now().getTime();
  // The slot this send holds: the one it waited for (a paced deferral), else the one the planner reserved.
  const held = entry.retryAt !== null && entry.reason === PACED_REASON ? entry.retryAt : planned;
  if (held !== undefined) {
    const reserved = Date.parse(held);
    if (reserved - now <= MAX_INLINE_WAIT_MS && now - reserved <= STALE_RESERVATION_MS) {
      if (reserved > now) await deps.clock.sleep(reserved - now);
      return { go: true };
    }
    // Woken early for a later slot (another send of the same wake-up): wait for it without asking again.
    if (reserved - now > MAX_INLINE_WAIT_MS) return { go: false, retryAt: new Date(reserved).toISOString() };
  }
  const slot = (await deps.pacer.reserve({ ...paced, lane: laneOf(type) }, new Date(now))).getTime();
  if (slot - now > MAX_INLINE_WAIT_MS) return { go: false, retryAt: new Date(slot).toISOString() };
  if (slot > now) await deps.clock.sleep(slot - now);
  return { go: true };
}

/**
 * The planner's reservation for a send due at `dueAt` (within {@link RESERVE_AHEAD_MS}): its slot, no
 * earlier than `dueAt`; undefined when its channel is not paced (it simply goes at `dueAt`).
 */
export async function reserveAhead(deps: PaceDeps, type: string, channel: Channel, dueAt: string): Promise<string | undefined> {
  const paced = pacedSender(deps, channel);
  if (paced === undefined) return undefined;
  const slot = await deps.pacer.reserve({ ...paced, lane: laneOf(type), notBefore: new Date(dueAt) }, deps.clock.now());
  return slot.toISOString();
}

/** Whether a channel's sends are paced (the planner then reserves their slots ahead). */
export function isPaced(deps: Pick<AppDeps, 'config' | 'senders'>, channel: Channel): boolean {
  return pacedSender(deps, channel) !== undefined;
}

/** After a provider's 429 with Retry-After: the whole sender waits, not only this send. */
export async function holdSender(deps: PaceDeps, channel: Channel, retryAfterMs: number | undefined): Promise<void> {
  const paced = pacedSender(deps, channel);
  if (paced === undefined || retryAfterMs === undefined || retryAfterMs <= 0) return;
  await deps.pacer.holdUntil(paced.sender, new Date(deps.clock.now().getTime() + retryAfterMs));
}

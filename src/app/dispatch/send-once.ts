import { channelModule } from '../../channels/registry';
import { isTransientProviderError } from '../../ports/send-result';
import type { LedgerEntry } from '../../ports/ledger';
import type { AppDeps } from '../deps';
import { holdSender, PACED_REASON, takeSlot, type PaceDeps } from './pace-send';
import type { PendingSend } from './pending-send';
import { LINE_REASON, releaseLine, takeLine, type LineDeps } from './take-line';
import { DEFERRAL_POLICY, retryAtAfter, type SendOutcome } from './send-outcome';

export type SendOnceDeps = Pick<AppDeps, 'ledger' | 'senders' | 'messageIndex' | 'clock' | 'log'> & PaceDeps & LineDeps;

/**
 * Sends one message exactly once, for any producer and channel: claim → send → record. The ledger
 * row for the key is claimed before the provider is called; a send already recorded is never
 * repeated. A claim left by a crashed attempt is resumed with the same key and first-sent time,
 * which the provider deduplicates (ACS repeatability, the outbox's key), so a crash between
 * "accepted" and "recorded" cannot double it. A provider that cannot take it now defers it (the
 * claim keeps `retryAt`), until the attempts run out and it is recorded `failed`. Every provider
 * call first takes a slot of its sender's pacer; waiting for one is a deferral too, never counted
 * as an attempt, and a 429's Retry-After holds the whole sender. A call also leases a line of its
 * caller number (SEND_RATES' voice limit) right before it is dialled, kept until the call ends (its
 * orchestration releases it) or until the send fails; no free line is a paced deferral too. Permanent
 * failures are returned; other errors (storage) throw, so the host retries the activity. `slot`: the
 * slot the planner reserved for it ahead of its due time (see reserveAhead).
 */
export async function sendOnce(deps: SendOnceDeps, pending: PendingSend, slot?: string): Promise<SendOutcome> {
  const { about, key } = pending;
  const now = deps.clock.now();
  let entry = pending.entry === undefined ? await deps.ledger.get(about, key) : (pending.entry ?? undefined);
  if (entry && entry.status !== 'claimed') return recorded(entry);
  if (!entry) {
    if (pending.notDue !== undefined) return { status: 'skipped', reason: pending.notDue };
    const claim = await deps.ledger.claim({ sendKey: key, about, type: pending.type, channel: pending.channel, plannedFor: pending.plannedFor }, now);
    if (!claim.claimed && claim.entry.status !== 'claimed') return recorded(claim.entry);
    entry = claim.entry;
    const unwanted = await pending.recheck();
    if (unwanted !== undefined) return drop(deps, pending, unwanted);
  } else if (entry.retryAt !== null) {
    // A deferred send never reached the provider: whatever changed while it waited decides.
    const unwanted = await pending.recheck();
    if (unwanted !== undefined) return drop(deps, pending, unwanted);
    // A retry that came due inside the recipient's quiet hours waits for their end (not an attempt).
    const hold = pending.holdUntil?.();
    if (hold !== undefined) {
      await deps.ledger.markDeferred(about, key, { retryAt: hold.until, reason: hold.reason, counted: false }, deps.clock.now());
      return { status: 'deferred', retryAt: hold.until, reason: hold.reason };
    }
  } else {
    // Interrupted mid-call: the provider may have taken it, so finish it with the same key.
    deps.log.info(`send ${key}: resuming an interrupted send`);
  }
  // The sender's pacer, before anything is rendered: no slot now → the send waits for the slot it
  // reserved (not a failed attempt), and everything is checked again when it wakes.
  const pace = await takeSlot(deps, pending.type, pending.channel, entry, slot);
  if (!pace.go && pending.deferrable === false) {
    // Nobody retries it (a test send in a request): busy is its answer.
    const reason = `the sender is busy with other sends (paced); its next slot is at ${pace.retryAt}`;
    await deps.ledger.markFailed(about, key, reason, deps.clock.now());
    return { status: 'failed', reason };
  }
  if (!pace.go) {
    await deps.ledger.markDeferred(about, key, { retryAt: pace.retryAt, reason: PACED_REASON, counted: false }, deps.clock.now());
    return { status: 'deferred', retryAt: pace.retryAt, reason: PACED_REASON };
  }
  const composed = await pending.compose();
  // Asked here, not by each producer, so that no producer (meetings, test sends, later ones) can
  // hand the provider an address its channel refuses (an SMS to a landline): API.md records it
  // `failed` with the channel's reason, and nothing reaches the provider.
  const unsendable = composed.ok ? channelModule(pending.channel).recipientProblem?.(composed.value.to) : (composed.errors[0] ?? 'nothing to send');
  if (!composed.ok || unsendable !== undefined) {
    const reason = unsendable ?? 'nothing to send';
    await deps.ledger.markFailed(about, key, reason, deps.clock.now());
    return { status: 'failed', reason };
  }
  // The last thing before the provider: a line is held only by a send that is about to dial. The call
  // row and the ledger claim stay the guard against a second dial; a resumed send asks with the same
  // lease ID and gets its own line back.
  const line = await takeLine(deps, pending.channel, key);
  if (!line.go) {
    if (pending.deferrable === false) {
      const reason = `the caller number has no free line (paced); one is expected by ${line.retryAt}`;
      await deps.ledger.markFailed(about, key, reason, deps.clock.now());
      return { status: 'failed', reason };
    }
    await deps.ledger.markDeferred(about, key, { retryAt: line.retryAt, reason: LINE_REASON, counted: false }, deps.clock.now());
    deps.log.info(`send ${key}: deferred to ${line.retryAt} (no free line)`);
    return { status: 'deferred', retryAt: line.retryAt, reason: LINE_REASON };
  }
  const { to, content } = composed.value;
  let result;
  try {
    result = await deps.senders[pending.channel].send({ key, about, channel: pending.channel, to, content, firstSentAt: entry.firstSentAt, purpose: pending.type });
  } catch (error) {
    if (!isTransientProviderError(error)) throw error;
    await holdSender(deps, pending.channel, error.retryAfterMs);
    // The line is kept while the send is deferred (the provider may have placed the call); given back if it gives up.
    const outcome = await defer(deps, pending, entry, error.message, error.retryAfterMs);
    if (outcome.status === 'failed') await releaseLine(deps, pending.channel, key);
    return outcome;
  }
  const done = deps.clock.now();
  if (result.status === 'sent') {
    // Indexed before the ledger says "sent": a delivery report (which names only the provider's ID) may
    // overtake that record, and must still find the row. If this write fails the activity is retried and
    // the provider answers the same key with the same ID, so the pair is recorded then.
    await deps.messageIndex.record(result.providerMessageId, { about, sendKey: key });
    await deps.ledger.markSent(about, key, result.providerMessageId, done);
    deps.log.info(`send ${key}: sent (${result.providerMessageId})`);
    return { status: 'sent', providerMessageId: result.providerMessageId };
  }
  await deps.ledger.markFailed(about, key, result.reason, done);
  await releaseLine(deps, pending.channel, key);
  deps.log.warn(`send ${key}: failed (${result.kind})`);
  return { status: 'failed', reason: result.reason };
}

async function drop(deps: SendOnceDeps, pending: PendingSend, reason: string): Promise<SendOutcome> {
  await deps.ledger.markFailed(pending.about, pending.key, reason, deps.clock.now());
  // A call deferred after a transient failure kept its line: not needed any more.
  await releaseLine(deps, pending.channel, pending.key);
  return { status: 'skipped', reason };
}

async function defer(deps: SendOnceDeps, pending: PendingSend, entry: LedgerEntry, reason: string, retryAfterMs: number | undefined): Promise<SendOutcome> {
  const now = deps.clock.now();
  const attempts = entry.attempts + 1;
  if (pending.deferrable === false || attempts >= DEFERRAL_POLICY.maxAttempts) {
    const final = pending.deferrable === false ? reason : `${reason}; gave up after ${attempts} attempts`;
    await deps.ledger.markFailed(pending.about, pending.key, final, now);
    deps.log.warn(`send ${pending.key}: failed (${final})`);
    return { status: 'failed', reason: final };
  }
  const retryAt = retryAtAfter(now, attempts, retryAfterMs);
  await deps.ledger.markDeferred(pending.about, pending.key, { retryAt, reason }, now);
  deps.log.warn(`send ${pending.key}: deferred to ${retryAt} (attempt ${attempts}: ${reason})`);
  return { status: 'deferred', retryAt, reason };
}

function recorded(entry: LedgerEntry): SendOutcome {
  if (entry.status === 'failed') return { status: 'failed', reason: entry.reason ?? 'failed' };
  return { status: 'sent', providerMessageId: entry.providerMessageId ?? '' };
}

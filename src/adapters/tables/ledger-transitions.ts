import type { About } from '../../ports/dispatch';
import type { LedgerEntry, LedgerStatus } from '../../ports/ledger';

/** What happened to a send, as reported to the ledger. */
export type LedgerEvent =
  | { kind: 'sent'; providerMessageId: string; at: string }
  | { kind: 'failed'; reason: string; at: string }
  | { kind: 'deferred'; retryAt: string; reason: string; at: string; counted?: boolean }
  | { kind: 'delivered'; at: string }
  | { kind: 'undelivered'; reason: string; at: string };

/** The fields an event may change; absent ones stay as they are. */
export type LedgerPatch = { -readonly [K in 'status' | 'sentAt' | 'deliveredAt' | 'providerMessageId' | 'reason' | 'attempts' | 'retryAt']?: LedgerEntry[K] };

/** `delivered` and `failed` are final: the first of them to be recorded wins. */
const RANK: Record<LedgerStatus, number> = { claimed: 0, sent: 1, delivered: 2, failed: 2 };

/**
 * The change an event makes to an entry, or undefined for none. Statuses only move forward
 * (`claimed → sent → delivered | failed`, `claimed → failed`, and `claimed → delivered` when a delivery
 * report overtakes the "sent" record); a duplicate or late report never moves one back, and once an
 * entry is `delivered` or `failed` a later terminal report is ignored (the first terminal status wins).
 * A late `sent` still fills in `providerMessageId` / `sentAt` when they were never recorded. A
 * deferral only touches a claimed entry: it counts the attempt (unless `counted: false`, a wait for
 * the pacer's slot, which is no failed attempt) and sets `retryAt` (which readers
 * ignore once the entry has moved on), and the reason a `sent` clears.
 */
export function applyLedgerEvent(entry: LedgerEntry, event: LedgerEvent): LedgerPatch | undefined {
  if (event.kind === 'deferred') {
    return entry.status === 'claimed' ? { attempts: entry.attempts + (event.counted === false ? 0 : 1), retryAt: event.retryAt, reason: event.reason } : undefined;
  }
  const target: LedgerStatus = event.kind === 'sent' ? 'sent' : event.kind === 'delivered' ? 'delivered' : 'failed';
  const patch: LedgerPatch = {};
  if (RANK[target] > RANK[entry.status]) {
    patch.status = target;
    if (event.kind === 'failed' || event.kind === 'undelivered') patch.reason = event.reason;
    if (event.kind === 'delivered') patch.deliveredAt = event.at;
  }
  if (event.kind === 'sent') {
    if (entry.providerMessageId === null) patch.providerMessageId = event.providerMessageId;
    if (entry.sentAt === null) patch.sentAt = event.at;
    // A deferral's reason ("unavailable, retrying") no longer applies once the provider took it.
    if (entry.status === 'claimed' && entry.attempts > 0) patch.reason = '';
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * The Ledger's report methods, written once as the events they stand for; a ledger supplies
 * `apply` (read, {@link applyLedgerEvent}, conditional write). `ifMissing: 'ignore'` is for delivery
 * reports, which may name a send key the ledger does not hold (purged, or never ours).
 */
export abstract class LedgerReports {
  protected abstract apply(about: About, sendKey: string, event: LedgerEvent, ifMissing: 'throw' | 'ignore'): Promise<void>;

  markSent(about: About, sendKey: string, providerMessageId: string, now: Date): Promise<void> {
    return this.apply(about, sendKey, { kind: 'sent', providerMessageId, at: now.toISOString() }, 'throw');
  }

  markFailed(about: About, sendKey: string, reason: string, now: Date): Promise<void> {
    return this.apply(about, sendKey, { kind: 'failed', reason, at: now.toISOString() }, 'throw');
  }

  markDeferred(about: About, sendKey: string, deferral: { retryAt: string; reason: string; counted?: boolean }, now: Date): Promise<void> {
    return this.apply(about, sendKey, { kind: 'deferred', ...deferral, at: now.toISOString() }, 'throw');
  }

  markDelivered(about: About, sendKey: string, outcome: { delivered: boolean; reason?: string }, now: Date): Promise<void> {
    const at = now.toISOString();
    const event: LedgerEvent = outcome.delivered ? { kind: 'delivered', at } : { kind: 'undelivered', reason: outcome.reason ?? 'not delivered', at };
    return this.apply(about, sendKey, event, 'ignore');
  }
}

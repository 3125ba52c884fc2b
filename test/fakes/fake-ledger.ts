import { aboutPartition } from '../../src/adapters/tables/about-key';
import { applyLedgerEvent, LedgerReports, type LedgerEvent } from '../../src/adapters/tables/ledger-transitions';
import { assertTableKey } from '../../src/adapters/tables/table-client';
import type { About } from '../../src/ports/dispatch';
import type { Ledger, LedgerClaim, LedgerEntry } from '../../src/ports/ledger';

/**
 * In-memory {@link Ledger} with the Table adapter's rules: a claim is an insert (the first caller of
 * a key wins, later ones get the stored entry), and every later report goes through the adapter's own
 * {@link applyLedgerEvent}, so statuses move forward by the same code. As the adapter reads it, an
 * empty reason is null and `retryAt` means nothing once the entry left `claimed`.
 */
export class FakeLedger extends LedgerReports implements Ledger {
  private readonly rows = new Map<string, LedgerEntry>();
  /** Claim attempts (won or lost), in order: a test may check that nothing was claimed. */
  readonly claims: LedgerClaim[] = [];

  async claim(input: LedgerClaim, now: Date): Promise<{ claimed: boolean; entry: LedgerEntry }> {
    assertTableKey(aboutPartition(input.about), 'subject');
    assertTableKey(input.sendKey, 'send key');
    this.claims.push(input);
    const existing = this.rows.get(rowKey(input.about, input.sendKey));
    if (existing) return { claimed: false, entry: read(existing) };
    const entry: LedgerEntry = {
      ...input, status: 'claimed', firstSentAt: now.toISOString(), sentAt: null, deliveredAt: null, providerMessageId: null, reason: null, attempts: 0, retryAt: null,
    };
    this.rows.set(rowKey(input.about, input.sendKey), entry);
    return { claimed: true, entry: read(entry) };
  }

  async get(about: About, sendKey: string): Promise<LedgerEntry | undefined> {
    const entry = this.rows.get(rowKey(about, sendKey));
    return entry && read(entry);
  }

  async list(about: About): Promise<LedgerEntry[]> {
    const partition = aboutPartition(about);
    return [...this.rows.values()]
      .filter((e) => aboutPartition(e.about) === partition)
      .map(read)
      .sort((a, b) => a.firstSentAt.localeCompare(b.firstSentAt) || a.sendKey.localeCompare(b.sendKey));
  }

  protected async apply(about: About, sendKey: string, event: LedgerEvent, ifMissing: 'throw' | 'ignore'): Promise<void> {
    const key = rowKey(about, sendKey);
    const current = this.rows.get(key);
    if (!current) {
      if (ifMissing === 'ignore') return;
      throw new Error(`Ledger: no claim for send key ${sendKey}`);
    }
    const patch = applyLedgerEvent(read(current), event);
    if (patch) this.rows.set(key, { ...current, ...patch });
  }
}

const rowKey = (about: About, sendKey: string): string => `${aboutPartition(about)}\u0000${sendKey}`;

/** The entry as the adapter reads it back: '' is "none", and a retry time only while claimed. */
function read(row: LedgerEntry): LedgerEntry {
  const none = (value: string | null): string | null => (value === '' ? null : value);
  return {
    ...row,
    about: { ...row.about },
    sentAt: none(row.sentAt),
    deliveredAt: none(row.deliveredAt),
    providerMessageId: none(row.providerMessageId),
    reason: none(row.reason),
    plannedFor: none(row.plannedFor),
    retryAt: row.status === 'claimed' ? none(row.retryAt) : null,
  };
}

import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { channelSchema } from '../../domain';
import type { About } from '../../ports/dispatch';
import type { Ledger, LedgerClaim, LedgerEntry } from '../../ports/ledger';
import { aboutFromPartition, aboutPartition } from './about-key';
import { applyLedgerEvent, LedgerReports, type LedgerEvent } from './ledger-transitions';
import { CorruptRowError, LEDGER_TABLE, assertTableKey, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parsedRows, warnCorruptRow, type CorruptRowReport } from './table-client';

/** Attempts of one read-then-conditional-merge before a persistent 412 is thrown. */
const MAX_UPDATE_ATTEMPTS = 5;

// Table storage cannot unset a property in a merge: an empty string stands for "none".
const optional = z.string().optional().transform((value) => (value === undefined || value === '' ? null : value));

/** A stored ledger row; null fields are absent (Table storage has no null). */
const ledgerRowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  type: z.string().min(1),
  channel: channelSchema,
  status: z.enum(['claimed', 'sent', 'delivered', 'failed']),
  firstSentAt: z.string(),
  plannedFor: optional,
  sentAt: optional,
  deliveredAt: optional,
  providerMessageId: optional,
  reason: optional,
  attempts: z.number().int().min(0).optional().transform((n) => n ?? 0),
  retryAt: optional,
});

/**
 * {@link Ledger} over Azure Table storage: PartitionKey = what the send is about (see
 * {@link aboutPartition}), RowKey = send key. A claim is an insert, so of any number of concurrent
 * claims exactly one succeeds; later reports are merged with the row's ETag and only ever move the
 * status forward (see {@link applyLedgerEvent}).
 */
export class TableLedger extends LedgerReports implements Ledger {
  private readonly table: () => Promise<TableClient>;
  /**
   * Rows this instance just claimed, with their ETag: the first change after a claim (sent, deferred,
   * failed) is written with If-Match on it instead of reading the row first. Anyone else's change
   * meanwhile (a delivery report) makes that write fail with 412, and it is decided again on a fresh
   * read, so this saves a read per send and never decides on a stale row.
   */
  private readonly justClaimed = new Map<string, { entry: LedgerEntry; etag: string }>();

  constructor(connectionString: string, private readonly reportCorrupt: CorruptRowReport = warnCorruptRow) {
    super();
    this.table = lazyTable(connectionString, LEDGER_TABLE);
  }

  async claim(input: LedgerClaim, now: Date): Promise<{ claimed: boolean; entry: LedgerEntry }> {
    const partitionKey = aboutPartition(input.about);
    assertTableKey(partitionKey, 'subject');
    assertTableKey(input.sendKey, 'send key');
    const table = await this.table();
    const entry: LedgerEntry = {
      ...input, status: 'claimed', firstSentAt: now.toISOString(), sentAt: null, deliveredAt: null, providerMessageId: null, reason: null, attempts: 0, retryAt: null,
    };
    const { about: _about, sendKey, ...fields } = entry;
    try {
      const created = await table.createEntity({ partitionKey, rowKey: sendKey, ...withoutNulls(fields) });
      if (created.etag !== undefined) this.remember(partitionKey, sendKey, { entry, etag: created.etag });
      return { claimed: true, entry };
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
    const existing = await read(table, partitionKey, input.sendKey);
    if (!existing) throw new Error(`${LEDGER_TABLE}: claim ${input.sendKey} conflicted but the row is gone`);
    return { claimed: false, entry: existing.entry };
  }

  async get(about: About, sendKey: string): Promise<LedgerEntry | undefined> {
    return (await read(await this.table(), aboutPartition(about), sendKey))?.entry;
  }

  async list(about: About): Promise<LedgerEntry[]> {
    const table = await this.table();
    const partitionKey = aboutPartition(about);
    const rows = table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } });
    const entries = await parsedRows(rows, (row) => toEntry(row, partitionKey, String(row.rowKey)), this.reportCorrupt);
    return entries.sort((a, b) => a.firstSentAt.localeCompare(b.firstSentAt) || a.sendKey.localeCompare(b.sendKey));
  }

  private remember(partitionKey: string, sendKey: string, known: { entry: LedgerEntry; etag: string }): void {
    if (this.justClaimed.size >= JUST_CLAIMED_LIMIT) this.justClaimed.delete(this.justClaimed.keys().next().value as string);
    this.justClaimed.set(`${partitionKey}|${sendKey}`, known);
  }

  protected async apply(about: About, sendKey: string, event: LedgerEvent, ifMissing: 'throw' | 'ignore'): Promise<void> {
    const table = await this.table();
    const partitionKey = aboutPartition(about);
    let guess = this.justClaimed.get(`${partitionKey}|${sendKey}`);
    this.justClaimed.delete(`${partitionKey}|${sendKey}`);
    for (let attempt = 1; ; attempt += 1) {
      const current = guess ?? (await read(table, partitionKey, sendKey));
      const guessed = guess !== undefined;
      guess = undefined;
      if (!current) {
        if (ifMissing === 'ignore') return;
        throw new Error(`${LEDGER_TABLE}: no claim for send key ${sendKey}`);
      }
      const patch = applyLedgerEvent(current.entry, event);
      // Nothing to change is decided on what is really stored, never on the remembered claim.
      if (!patch && guessed) continue;
      if (!patch) return;
      try {
        await table.updateEntity({ partitionKey, rowKey: sendKey, ...withoutNulls(patch) }, 'Merge', { etag: current.etag });
        return;
      } catch (err) {
        // 412: another report changed the row since it was read; decide again on the fresh row.
        if (!isStatus(err, 412) || (!guessed && attempt >= MAX_UPDATE_ATTEMPTS)) throw err;
      }
    }
  }
}

/** At most this many claims are remembered (a burst's worth); the oldest are forgotten first. */
const JUST_CLAIMED_LIMIT = 5_000;

async function read(table: TableClient, partitionKey: string, sendKey: string): Promise<{ entry: LedgerEntry; etag: string } | undefined> {
  const row = await getEntityOrUndefined<Record<string, unknown>>(table, partitionKey, sendKey);
  return row === undefined ? undefined : { entry: toEntry(row, partitionKey, sendKey), etag: row.etag };
}

function toEntry(row: unknown, partitionKey: string, sendKey: string): LedgerEntry {
  const parsed = ledgerRowSchema.safeParse(row);
  const about = aboutFromPartition(partitionKey);
  if (!parsed.success || !about) throw new CorruptRowError(LEDGER_TABLE, `${partitionKey}/${sendKey}`, parsed.success ? ['PartitionKey'] : issuePaths(parsed.error.issues));
  const { partitionKey: _pk, rowKey, retryAt, ...fields } = parsed.data;
  // A retry time means something only while the send waits for it.
  return { ...fields, about, sendKey: rowKey, retryAt: fields.status === 'claimed' ? retryAt : null };
}

/** Drops null and undefined properties: Table storage has no null, and a merge must not touch them. */
function withoutNulls(fields: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}

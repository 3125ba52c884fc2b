import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { channelSchema, communicationTypeSchema, type Channel, type CommunicationType } from '../../domain';
import type { Ledger, LedgerEntry } from '../../ports/ledger';
import { applyLedgerEvent, type LedgerEvent } from './ledger-transitions';
import { CorruptRowError, LEDGER_TABLE, assertTableKey, isStatus, issuePaths, lazyTable } from './table-client';

/** Attempts of one read-then-conditional-merge before a persistent 412 is thrown. */
const MAX_UPDATE_ATTEMPTS = 5;

const optional = z.string().optional().transform((value) => value ?? null);

/** A stored ledger row; null fields are absent (Table storage has no null). */
const ledgerRowSchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  version: z.number().int().min(1),
  type: communicationTypeSchema,
  channel: channelSchema,
  status: z.enum(['claimed', 'sent', 'delivered', 'failed']),
  firstSentAt: z.string(),
  plannedFor: optional,
  sentAt: optional,
  deliveredAt: optional,
  providerMessageId: optional,
  reason: optional,
});

type ClaimInput = { sendKey: string; meetingId: string; version: number; type: CommunicationType; channel: Channel; plannedFor: string | null };

/**
 * {@link Ledger} over Azure Table storage: PartitionKey = meeting ID, RowKey = send key. A claim is an
 * insert, so of any number of concurrent claims exactly one succeeds; later reports are merged with
 * the row's ETag and only ever move the status forward (see {@link applyLedgerEvent}).
 */
export class TableLedger implements Ledger {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, LEDGER_TABLE);
  }

  async claim(input: ClaimInput, now: Date): Promise<{ claimed: boolean; entry: LedgerEntry }> {
    assertTableKey(input.meetingId, 'meeting ID');
    assertTableKey(input.sendKey, 'send key');
    const table = await this.table();
    const entry: LedgerEntry = {
      ...input, status: 'claimed', firstSentAt: now.toISOString(), sentAt: null, deliveredAt: null, providerMessageId: null, reason: null,
    };
    const { meetingId, sendKey, ...fields } = entry;
    try {
      await table.createEntity({ partitionKey: meetingId, rowKey: sendKey, ...withoutNulls(fields) });
      return { claimed: true, entry };
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
    const existing = await read(table, input.meetingId, input.sendKey);
    if (!existing) throw new Error(`${LEDGER_TABLE}: claim ${input.sendKey} conflicted but the row is gone`);
    return { claimed: false, entry: existing.entry };
  }

  markSent(meetingId: string, sendKey: string, providerMessageId: string, now: Date): Promise<void> {
    return this.apply(meetingId, sendKey, { kind: 'sent', providerMessageId, at: now.toISOString() }, 'throw');
  }

  markFailed(meetingId: string, sendKey: string, reason: string, now: Date): Promise<void> {
    return this.apply(meetingId, sendKey, { kind: 'failed', reason, at: now.toISOString() }, 'throw');
  }

  /** A report for a send key the ledger does not hold (purged, or never ours) is ignored. */
  markDelivered(meetingId: string, sendKey: string, outcome: { delivered: boolean; reason?: string }, now: Date): Promise<void> {
    const at = now.toISOString();
    const event: LedgerEvent = outcome.delivered ? { kind: 'delivered', at } : { kind: 'undelivered', reason: outcome.reason ?? 'not delivered', at };
    return this.apply(meetingId, sendKey, event, 'ignore');
  }

  async listForMeeting(meetingId: string): Promise<LedgerEntry[]> {
    const table = await this.table();
    const entries: LedgerEntry[] = [];
    for await (const row of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${meetingId}` } })) {
      entries.push(toEntry(row, meetingId, String(row.rowKey)));
    }
    return entries.sort((a, b) => a.firstSentAt.localeCompare(b.firstSentAt) || a.sendKey.localeCompare(b.sendKey));
  }

  private async apply(meetingId: string, sendKey: string, event: LedgerEvent, ifMissing: 'throw' | 'ignore'): Promise<void> {
    const table = await this.table();
    for (let attempt = 1; ; attempt += 1) {
      const current = await read(table, meetingId, sendKey);
      if (!current) {
        if (ifMissing === 'ignore') return;
        throw new Error(`${LEDGER_TABLE}: no claim for send key ${sendKey}`);
      }
      const patch = applyLedgerEvent(current.entry, event);
      if (!patch) return;
      try {
        await table.updateEntity({ partitionKey: meetingId, rowKey: sendKey, ...withoutNulls(patch) }, 'Merge', { etag: current.etag });
        return;
      } catch (err) {
        // 412: another report changed the row since it was read; decide again on the fresh row.
        if (!isStatus(err, 412) || attempt >= MAX_UPDATE_ATTEMPTS) throw err;
      }
    }
  }
}

async function read(table: TableClient, meetingId: string, sendKey: string): Promise<{ entry: LedgerEntry; etag: string } | undefined> {
  try {
    const row = await table.getEntity<Record<string, unknown>>(meetingId, sendKey);
    return { entry: toEntry(row, meetingId, sendKey), etag: row.etag };
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw err;
  }
}

function toEntry(row: unknown, meetingId: string, sendKey: string): LedgerEntry {
  const parsed = ledgerRowSchema.safeParse(row);
  if (!parsed.success) throw new CorruptRowError(LEDGER_TABLE, `${meetingId}/${sendKey}`, issuePaths(parsed.error.issues));
  const { partitionKey, rowKey, ...fields } = parsed.data;
  return { ...fields, meetingId: partitionKey, sendKey: rowKey };
}

/** Drops null and undefined properties: Table storage has no null, and a merge must not touch them. */
function withoutNulls(fields: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined));
}

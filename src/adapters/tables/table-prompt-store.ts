import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { PROMPT_OUTCOMES } from '../../domain';
import type { MeetingReply, PromptStore, StoredPrompt } from '../../ports/prompt-store';
import { hashedKey } from './hashed-key';
import { CorruptRowError, PROMPTS_TABLE, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parsedRows } from './table-client';

/** Concurrent writers (a reply and the timeout at once) retry on a lost ETag race; more is a fault. */
const MAX_ATTEMPTS = 5;

const promptSchema = z.object({
  promptId: z.string().min(1), meetingId: z.string().min(1), sendKey: z.string().min(1), channel: z.enum(['sms', 'whatsapp', 'voice']),
  customer: z.string().min(1), sender: z.string().min(1), locale: z.string().min(1),
  openedAt: z.iso.datetime(), closesAt: z.iso.datetime(), outcome: z.enum(PROMPT_OUTCOMES),
  closedAt: z.iso.datetime().nullable().default(null), closedBy: z.string().nullable().default(null),
  noMatches: z.string().transform((s) => JSON.parse(s) as string[]),
  listening: z.boolean().optional(),
});
const replySchema = z.object({
  eventId: z.string().min(1), meetingId: z.string().min(1), receivedAt: z.iso.datetime(), channel: z.enum(['sms', 'whatsapp', 'voice']),
  intent: z.enum(['confirm', 'cancel', 'reschedule', 'stop', 'start', 'help', 'unknown']), outcome: z.string().min(1),
});

/** Prompts of one customer number share a partition (its hash), so the open ones of a pair are one query. */
const pairPartition = (customer: string): string => `pair-${hashedKey(customer)}`;
/** An index row per prompt under its meeting, pointing at the pair partition, for GetMeeting. */
const meetingPartition = (meetingId: string): string => `meeting-${meetingId}`;
const repliesPartition = (meetingId: string): string => `replies-${meetingId}`;

const toRow = (p: StoredPrompt) => ({ partitionKey: pairPartition(p.customer), rowKey: hashedKey(p.promptId), ...p, noMatches: JSON.stringify(p.noMatches) });

function parsePrompt(row: unknown): StoredPrompt {
  const parsed = promptSchema.safeParse(row);
  if (!parsed.success) throw new CorruptRowError(PROMPTS_TABLE, (row as { rowKey?: string }).rowKey ?? '?', issuePaths(parsed.error.issues));
  return parsed.data;
}

/**
 * {@link PromptStore} over Table storage (table `Prompts`). The customer's number is stored in the
 * prompt row (as the Meetings table holds it) because acknowledgements go to it; keys carry only
 * its hash.
 */
export class TablePromptStore implements PromptStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, PROMPTS_TABLE);
  }

  async open(prompt: StoredPrompt): Promise<void> {
    const table = await this.table();
    const row = toRow(prompt);
    // The index first: a prompt row without one would be invisible to GetMeeting.
    await table.upsertEntity({ partitionKey: meetingPartition(prompt.meetingId), rowKey: row.rowKey, pair: row.partitionKey }, 'Replace');
    try {
      await table.createEntity(row);
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
  }

  async get(promptId: string): Promise<StoredPrompt | undefined> {
    return (await this.locate(await this.table(), promptId))?.prompt;
  }

  async openFor(customer: string, sender?: string): Promise<StoredPrompt[]> {
    const table = await this.table();
    const rows = await parsedRows(table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pairPartition(customer)} and outcome eq 'open'` } }), parsePrompt);
    return rows.filter((p) => sender === undefined || p.sender === sender).sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.promptId.localeCompare(b.promptId));
  }

  close(promptId: string, outcome: Exclude<StoredPrompt['outcome'], 'open'>, at: string, eventId: string | null): Promise<boolean> {
    return this.update(promptId, (p) => (p.outcome === 'open' ? { ...p, outcome, closedAt: at, closedBy: eventId } : undefined)).then((p) => p !== undefined);
  }

  async newestFor(customer: string): Promise<StoredPrompt | undefined> {
    const table = await this.table();
    const rows = await parsedRows(table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pairPartition(customer)}` } }), parsePrompt);
    return rows.sort((a, b) => b.openedAt.localeCompare(a.openedAt) || b.promptId.localeCompare(a.promptId))[0];
  }

  stopListening(promptId: string): Promise<boolean> {
    return this.update(promptId, (p) => (p.outcome === 'open' && p.listening !== false ? { ...p, listening: false } : undefined)).then((p) => p !== undefined);
  }

  async listOpen(limit: number): Promise<StoredPrompt[]> {
    const table = await this.table();
    const found: StoredPrompt[] = [];
    // Only the pair partitions hold prompt rows (`pair-<hash>`); index and reply rows sort elsewhere.
    const rows = table.listEntities({ queryOptions: { filter: odata`PartitionKey ge 'pair-' and PartitionKey lt 'pair.' and outcome eq 'open'` } });
    for await (const row of rows) {
      found.push(parsePrompt(row));
      if (found.length >= limit) break;
    }
    return found;
  }

  async noteNoMatch(promptId: string, eventId: string): Promise<number> {
    const updated = await this.update(promptId, (p) => (p.noMatches.includes(eventId) ? undefined : { ...p, noMatches: [...p.noMatches, eventId] }));
    return (updated ?? (await this.get(promptId)))?.noMatches.length ?? 0;
  }

  async forMeeting(meetingId: string): Promise<StoredPrompt[]> {
    const table = await this.table();
    const prompts: StoredPrompt[] = [];
    for await (const index of table.listEntities<{ pair?: string }>({ queryOptions: { filter: odata`PartitionKey eq ${meetingPartition(meetingId)}` } })) {
      const row = typeof index.pair === 'string' ? await this.read(table, index.pair, index.rowKey ?? '') : undefined;
      if (row !== undefined) prompts.push(parsePrompt(row));
    }
    return prompts.sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  }

  async recordReply(reply: MeetingReply): Promise<void> {
    const table = await this.table();
    try {
      await table.createEntity({ partitionKey: repliesPartition(reply.meetingId), rowKey: hashedKey(reply.eventId), ...reply });
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
  }

  async repliesFor(meetingId: string): Promise<MeetingReply[]> {
    const table = await this.table();
    const rows = await parsedRows(table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${repliesPartition(meetingId)}` } }), (row) => {
      const parsed = replySchema.safeParse(row);
      if (!parsed.success) throw new CorruptRowError(PROMPTS_TABLE, (row as { rowKey?: string }).rowKey ?? '?', issuePaths(parsed.error.issues));
      return parsed.data;
    });
    return rows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  /** Read-modify-write under the row's ETag; `change` answering undefined means nothing to write. */
  private async update(promptId: string, change: (p: StoredPrompt) => StoredPrompt | undefined): Promise<StoredPrompt | undefined> {
    const table = await this.table();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const located = await this.locate(table, promptId);
      const next = located && change(located.prompt);
      if (!located || !next) return undefined;
      try {
        await table.updateEntity(toRow(next), 'Replace', { etag: located.etag });
        return next;
      } catch (err) {
        if (!isStatus(err, 412)) throw err;
      }
    }
    throw new Error(`prompt ${promptId}: too many concurrent updates`);
  }

  /** The prompt row through its meeting's index row (the prompt ID names the meeting: `prompt|<meetingId>|…`). */
  private async locate(table: TableClient, promptId: string): Promise<{ prompt: StoredPrompt; etag: string } | undefined> {
    const index = await this.read(table, meetingPartition(promptId.split('|')[1] ?? ''), hashedKey(promptId));
    const pair = (index as { pair?: unknown } | undefined)?.pair;
    if (typeof pair !== 'string') return undefined;
    const row = (await this.read(table, pair, hashedKey(promptId))) as { etag?: string } | undefined;
    return row === undefined ? undefined : { prompt: parsePrompt(row), etag: row.etag ?? '*' };
  }

  private async read(table: TableClient, partitionKey: string, rowKey: string): Promise<unknown> {
    return getEntityOrUndefined(table, partitionKey, rowKey);
  }
}

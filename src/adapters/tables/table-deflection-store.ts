import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { DEFLECTION_STATUS_RANK, type DeflectionStatus, type DeflectionStore, type StoredDeflection } from '../../ports/deflection-store';
import { hashedKey } from './hashed-key';
import { CorruptRowError, DEFLECTIONS_TABLE, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parseJsonProperty } from './table-client';

const ROW = 'deflection';
const MAX_ATTEMPTS = 5;
const partitionOf = (deflectionId: string): string => hashedKey(deflectionId);

const statusSchema = z.enum(['accepted', 'sent', 'delivered', 'replied', 'failed', 'fellBack']);
const rowSchema = z.object({
  deflectionId: z.string().min(1), ticketId: z.string().min(1), fingerprint: z.string().min(1), businessPhone: z.string().min(1), recipientPhone: z.string().min(1),
  template: z.string(), teamId: z.string().optional(), fallback: z.enum(['sms', 'none']), status: statusSchema,
  reason: z.string().optional(), messageId: z.string().optional(), createdAt: z.string().min(1), updatedAt: z.string().min(1),
});
const templateSchema = z.object({ name: z.string(), language: z.string(), parameters: z.array(z.string()) });

type Row = Record<string, unknown> & { rowKey?: string; partitionKey?: string; etag?: string };

/**
 * {@link DeflectionStore} over Table storage, table `Deflections`: PartitionKey = SHA-256 of the
 * deflection ID (IDs come from IVRs), RowKey `deflection`. Created by an insert (one request wins);
 * status moves forward only, with ETag concurrency.
 */
export class TableDeflectionStore implements DeflectionStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, DEFLECTIONS_TABLE);
  }

  async create(deflection: StoredDeflection): Promise<{ created: boolean; deflection: StoredDeflection }> {
    const table = await this.table();
    try {
      await table.createEntity({ partitionKey: partitionOf(deflection.deflectionId), rowKey: ROW, ...toFields(deflection) });
      return { created: true, deflection };
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
    const existing = await this.get(deflection.deflectionId);
    if (!existing) throw new Error(`${DEFLECTIONS_TABLE}: a deflection was created and removed concurrently; try again`);
    return { created: false, deflection: existing };
  }

  async get(deflectionId: string): Promise<StoredDeflection | undefined> {
    return (await this.read(deflectionId))?.deflection;
  }

  private async read(deflectionId: string): Promise<{ deflection: StoredDeflection; etag: string } | undefined> {
    const table = await this.table();
    const row = await getEntityOrUndefined<Row>(table, partitionOf(deflectionId), ROW);
    if (row === undefined) return undefined;
    return { deflection: toDeflection(row), etag: row.etag ?? '*' };
  }

  async advance(deflectionId: string, status: DeflectionStatus, fields: { reason?: string; messageId?: string }, at: string): Promise<StoredDeflection | undefined> {
    const table = await this.table();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(deflectionId);
      if (!current) return undefined;
      const { deflection } = current;
      const further = DEFLECTION_STATUS_RANK[status] > DEFLECTION_STATUS_RANK[deflection.status];
      const addsId = fields.messageId !== undefined && deflection.messageId === null;
      if (!further && !addsId) return deflection;
      const next: StoredDeflection = {
        ...deflection,
        ...(further ? { status, reason: fields.reason ?? deflection.reason } : {}),
        messageId: deflection.messageId ?? fields.messageId ?? null,
        updatedAt: at,
      };
      try {
        await table.updateEntity({ partitionKey: partitionOf(deflectionId), rowKey: ROW, ...toFields(next) }, 'Replace', { etag: current.etag });
        return next;
      } catch (err) {
        if (!isStatus(err, 412)) throw err;
      }
    }
    throw new Error(`${DEFLECTIONS_TABLE}: updated concurrently ${MAX_ATTEMPTS} times; try again`);
  }

  /**
   * A filtered scan in PartitionKey order (the cursor is the last row's PartitionKey). `createdAt`
   * is stored as an ISO string, so the range compares as text. One row more than `size` is read, so
   * `next` is set only when another page really exists.
   */
  async listAccepted(page: { createdSince: string; createdBefore: string; after?: string; size: number }): Promise<{ ids: string[]; next?: string }> {
    const size = Math.max(1, Math.floor(page.size));
    const table = await this.table();
    let filter = odata`RowKey eq ${ROW} and status eq ${'accepted'} and createdAt ge ${page.createdSince} and createdAt lt ${page.createdBefore}`;
    if (page.after !== undefined) filter += ` and ${odata`PartitionKey gt ${page.after}`}`;
    const rows: Array<{ id: string; partition: string }> = [];
    for await (const batch of table.listEntities<Row>({ queryOptions: { filter, select: ['PartitionKey', 'deflectionId'] } }).byPage({ maxPageSize: size + 1 })) {
      for (const row of batch) if (typeof row.deflectionId === 'string' && row.partitionKey !== undefined) rows.push({ id: row.deflectionId, partition: row.partitionKey });
      if (rows.length > size) break;
    }
    if (rows.length <= size) return { ids: rows.map((r) => r.id) };
    const kept = rows.slice(0, size);
    return { ids: kept.map((r) => r.id), next: (kept[kept.length - 1] as { partition: string }).partition };
  }
}

function toFields(d: StoredDeflection): Record<string, string> {
  const { template, teamId, reason, messageId, ...rest } = d;
  return { ...rest, template: JSON.stringify(template), ...(teamId === null ? {} : { teamId }), ...(reason === null ? {} : { reason }), ...(messageId === null ? {} : { messageId }) };
}

function toDeflection(row: Row): StoredDeflection {
  const rowId = `${row.partitionKey ?? '?'}/${row.rowKey ?? '?'}`;
  const parsed = rowSchema.safeParse(row);
  if (!parsed.success) throw new CorruptRowError(DEFLECTIONS_TABLE, rowId, issuePaths(parsed.error.issues));
  const template = templateSchema.safeParse(parseJsonProperty(parsed.data.template, DEFLECTIONS_TABLE, rowId, 'template'));
  if (!template.success) throw new CorruptRowError(DEFLECTIONS_TABLE, rowId, ['template']);
  const { teamId, reason, messageId, ...rest } = parsed.data;
  return { ...rest, template: template.data, teamId: teamId ?? null, reason: reason ?? null, messageId: messageId ?? null };
}

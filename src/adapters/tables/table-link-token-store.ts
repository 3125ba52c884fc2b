import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { LinkTokenRecord, LinkTokenStore } from '../../ports/link-token-store';
import { CorruptRowError, LINK_TOKENS_TABLE, getEntityOrUndefined, issuePaths, lazyTable } from './table-client';

const ROW = 'token';

/** A token hash as the domain's `hashLinkToken` makes it: SHA-256, lower-case hex. */
const HASH = /^[0-9a-f]{64}$/;

const linkTokenRowSchema = z.object({
  meetingId: z.string().min(1),
  contactId: z.string().min(1),
  version: z.number().int().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
});

/**
 * {@link LinkTokenStore} over Azure Table storage: PartitionKey = the token's hash, RowKey `token`.
 * The token itself is never stored, so a leaked table cannot be turned into working links.
 */
export class TableLinkTokenStore implements LinkTokenStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, LINK_TOKENS_TABLE);
  }

  /** Upsert: writing the same hash again replaces the record. */
  async put(record: LinkTokenRecord): Promise<void> {
    if (!HASH.test(record.hash)) throw new Error(`${LINK_TOKENS_TABLE}: a token hash must be 64 lower-case hex characters`);
    const table = await this.table();
    const { hash, meetingId, contactId, version, expiresAt } = record;
    await table.upsertEntity({ partitionKey: hash, rowKey: ROW, meetingId, contactId, version, expiresAt }, 'Replace');
  }

  /** Anything that is not a well-formed hash cannot be stored, so it is unknown without a lookup. */
  async get(hash: string): Promise<LinkTokenRecord | undefined> {
    if (!HASH.test(hash)) return undefined;
    const table = await this.table();
    const row = await getEntityOrUndefined<Record<string, unknown>>(table, hash, ROW);
    if (row === undefined) return undefined;
    const parsed = linkTokenRowSchema.safeParse(row);
    // The hash is not secret (only the token is), but a short prefix is enough to find the row.
    if (!parsed.success) throw new CorruptRowError(LINK_TOKENS_TABLE, `${hash.slice(0, 12)}…`, issuePaths(parsed.error.issues));
    return { hash, ...parsed.data };
  }
}

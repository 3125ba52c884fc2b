import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { applyOptOutEvent, type OptOutEvent } from '../../domain/replies/opt-out-state';
import { E164, type OptOutSource, type OptOutState, type OptOutStore, type OptOutWrite } from '../../ports/opt-out-store';
import { CorruptRowError, OPT_OUTS_TABLE, getEntityOrUndefined, isStatus, issuePaths, lazyTable } from './table-client';

/** One row per number and channel: SMS today; WhatsApp and voice opt-outs would be rows beside it. */
const ROW = 'sms';
/** Concurrent writers (two replies at once) retry on a lost ETag race; more than this is a fault. */
const MAX_ATTEMPTS = 5;

const instant = z.iso.datetime({ offset: true });
const rowSchema = z.object({
  optedOut: z.boolean(),
  since: instant.optional(),
  source: z.enum(['reply', 'admin']).optional(),
  updatedAt: instant,
});

interface OptOutEntity {
  partitionKey: string;
  rowKey: string;
  optedOut: boolean;
  since?: string;
  source?: OptOutSource;
  updatedAt: string;
}

/**
 * The number's key: its SHA-256 (hex). The number itself is not stored: the API answers with the
 * number it was asked about, so a leaked table lists no one's phone.
 */
const keyOf = (phone: string): string => createHash('sha256').update(phone, 'utf8').digest('hex');

/**
 * {@link OptOutStore} over Azure Table storage (table `OptOuts`): PartitionKey = SHA-256 of the E.164
 * number, RowKey `sms`. Writes read, apply `applyOptOutEvent`, and write back under the row's ETag, so
 * two events racing cannot lose the newer one.
 */
export class TableOptOutStore implements OptOutStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, OPT_OUTS_TABLE);
  }

  async get(phone: string): Promise<OptOutState | undefined> {
    if (!E164.test(phone)) return undefined;
    return (await this.read(await this.table(), keyOf(phone)))?.state;
  }

  optOut(phone: string, event: { readonly source: OptOutSource; readonly at: Date }): Promise<OptOutWrite> {
    return this.apply(phone, { kind: 'optOut', source: event.source, at: event.at.toISOString() });
  }

  optIn(phone: string, at: Date): Promise<OptOutWrite> {
    return this.apply(phone, { kind: 'optIn', at: at.toISOString() });
  }

  private async apply(phone: string, event: OptOutEvent): Promise<OptOutWrite> {
    if (!E164.test(phone)) throw new Error(`${OPT_OUTS_TABLE}: a number must be E.164`);
    const table = await this.table();
    const key = keyOf(phone);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await this.read(table, key);
      const { changed, state, write } = applyOptOutEvent(current?.state, event);
      if (!write) return { changed, state };
      try {
        if (current === undefined) await table.createEntity(toEntity(key, state));
        else await table.updateEntity(toEntity(key, state), 'Replace', { etag: current.etag });
        return { changed, state };
      } catch (err) {
        // Someone wrote the row meanwhile: read it again and judge the event against theirs.
        if (!isStatus(err, 409) && !isStatus(err, 412)) throw err;
      }
    }
    throw new Error(`${OPT_OUTS_TABLE}: the row kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
  }

  private async read(table: TableClient, key: string): Promise<{ state: OptOutState; etag: string } | undefined> {
    const entity = await getEntityOrUndefined<Record<string, unknown>>(table, key, ROW);
    if (entity === undefined) return undefined;
    const parsed = rowSchema.safeParse(entity);
    // The key is a hash, not the number; a prefix is enough to find the row.
    if (!parsed.success) throw new CorruptRowError(OPT_OUTS_TABLE, `${key.slice(0, 12)}…/${ROW}`, issuePaths(parsed.error.issues));
    const { optedOut, since, source, updatedAt } = parsed.data;
    return { state: { optedOut, since: since ?? null, source: source ?? null, updatedAt }, etag: entity.etag };
  }
}

function toEntity(key: string, state: OptOutState): OptOutEntity {
  const entity: OptOutEntity = { partitionKey: key, rowKey: ROW, optedOut: state.optedOut, updatedAt: state.updatedAt };
  if (state.since !== null) entity.since = state.since;
  if (state.source !== null) entity.source = state.source;
  return entity;
}

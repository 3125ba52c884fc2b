import type { TableClient } from '@azure/data-tables';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../domain';
import type { SettingsStore, StoredSettings } from '../../ports/settings-store';
import { CorruptRowError, SETTINGS_TABLE, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parseJsonProperty } from './table-client';

const PARTITION = 'settings';
const ROW = 'current';
const ROW_ID = `${PARTITION}/${ROW}`;

/** Absent audit fields are simply not written (Table storage has no null). */
interface SettingsEntity {
  partitionKey: string;
  rowKey: string;
  document: string;
  updatedAt?: string;
  updatedBy?: string;
}

/**
 * {@link SettingsStore} over Azure Table storage: one row whose `document` is the settings JSON,
 * validated on every read. The first read stores the defaults, so there is always an ETag to match.
 */
export class TableSettingsStore implements SettingsStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, SETTINGS_TABLE);
  }

  async get(): Promise<StoredSettings> {
    const table = await this.table();
    const existing = await read(table);
    if (existing) return existing;
    try {
      const { etag } = await table.createEntity<SettingsEntity>(toEntity(DEFAULT_SETTINGS, undefined));
      if (etag !== undefined) return { settings: DEFAULT_SETTINGS, etag, updatedAt: null, updatedBy: null };
    } catch (err) {
      // Another caller stored the defaults (or a document) first: theirs is the one in force.
      if (!isStatus(err, 409)) throw err;
    }
    const stored = await read(table);
    if (!stored) throw new Error(`${SETTINGS_TABLE}: the settings row vanished right after it was created`);
    return stored;
  }

  async replace(settings: Settings, ifMatch: string, audit: { at: Date; by: string | null }): Promise<{ ok: true; stored: StoredSettings } | { ok: false; reason: 'conflict' }> {
    const table = await this.table();
    const updatedAt = audit.at.toISOString();
    try {
      const { etag } = await table.updateEntity<SettingsEntity>(toEntity(settings, { at: updatedAt, by: audit.by }), 'Replace', { etag: ifMatch });
      if (etag === undefined) throw new Error(`${SETTINGS_TABLE}: the service returned no ETag for a write`);
      return { ok: true, stored: { settings, etag, updatedAt, updatedBy: audit.by } };
    } catch (err) {
      // 404: the row was deleted meanwhile, so `ifMatch` matches nothing either.
      if (isStatus(err, 412) || isStatus(err, 404)) return { ok: false, reason: 'conflict' };
      throw err;
    }
  }
}

async function read(table: TableClient): Promise<StoredSettings | undefined> {
  const entity = await getEntityOrUndefined<Record<string, unknown>>(table, PARTITION, ROW);
  if (entity === undefined) return undefined;
  const parsed = settingsSchema.safeParse(parseJsonProperty(entity['document'], SETTINGS_TABLE, ROW_ID, 'document'));
  if (!parsed.success) throw new CorruptRowError(SETTINGS_TABLE, ROW_ID, issuePaths(parsed.error.issues).map((p) => `document.${p}`));
  return { settings: parsed.data, etag: entity.etag, updatedAt: optionalString(entity['updatedAt']), updatedBy: optionalString(entity['updatedBy']) };
}

function toEntity(settings: Settings, audit: { at: string; by: string | null } | undefined): SettingsEntity {
  const entity: SettingsEntity = { partitionKey: PARTITION, rowKey: ROW, document: JSON.stringify(settings) };
  if (audit) entity.updatedAt = audit.at;
  if (audit?.by != null) entity.updatedBy = audit.by;
  return entity;
}

const optionalString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

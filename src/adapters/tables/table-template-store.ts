import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Channel, TemplateType, SupportedLocale } from '../../domain';
import { channelModule } from '../../channels/registry';
import { TEMPLATE_HISTORY_LIMIT, type ChannelTemplate, type TemplateStore, type TemplateVersion } from '../../ports/template-store';
import { fromChunks, toChunks } from './chunked-text';
import { CorruptRowError, TEMPLATES_TABLE, getEntityOrUndefined, isStatus, issuePaths, lazyTable, parsedRows } from './table-client';

const CURRENT = 'current';
/** Version rows `v|000001`, `v|000002`…: zero-padded so they also sort by number. */
const VERSION_ROW = /^v\|(\d{6,})$/;
const versionRow = (version: number): string => `v|${String(version).padStart(6, '0')}`;
/** `|` + 1 = `}`: every version row key is in [`v|`, `v}`). */
const versionRange = (partition: string): string => odata`PartitionKey eq ${partition} and RowKey ge ${'v|'} and RowKey lt ${'v}'}`;

/**
 * The parts stored per channel, each spread over numbered properties (see chunked-text): the parts of
 * its shipped template files (email subject, html, text; SMS and voice text; WhatsApp's mapping), so a
 * channel added to the registry is stored without an edit here.
 */
const partsOf = (channel: Channel): readonly string[] => Object.keys(channelModule(channel).templateFiles);

/** A channel whose template is a JSON document (WhatsApp's mapping) keeps it as the JSON text of its one part. */
const isDocument = (channel: Channel): boolean => channelModule(channel).fromFiles !== undefined;

/** Concurrent saves race for the next version row; the loser reads again and takes the next number. */
const MAX_ATTEMPTS = 5;

const auditSchema = z.object({ version: z.number().int().min(1), savedAt: z.iso.datetime({ offset: true }), savedBy: z.string().min(1) });

type Row = Record<string, unknown> & { rowKey?: string };

/**
 * {@link TemplateStore} over Azure Table storage, table `Templates`: PartitionKey
 * `${type}|${channel}|${locale}`, RowKey `current` (the override in force) and `v|000001`… (the
 * kept versions). A save inserts the next version row and replaces `current` in one transaction, so
 * the two never disagree and two concurrent saves cannot take the same number. A reset deletes
 * `current` only; version numbers keep counting up.
 */
export class TableTemplateStore implements TemplateStore {
  private readonly table: () => Promise<TableClient>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, TEMPLATES_TABLE);
  }

  async get<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<TemplateVersion<C> | undefined> {
    const partition = partitionKey(type, channel, locale);
    const table = await this.table();
    const row = await getEntityOrUndefined<Row>(table, partition, CURRENT);
    return row === undefined ? undefined : toVersion(row, channel, partition);
  }

  async put<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale, template: ChannelTemplate<C>, audit: { at: Date; by: string }): Promise<TemplateVersion<C>> {
    const partition = partitionKey(type, channel, locale);
    const table = await this.table();
    const savedAt = audit.at.toISOString();
    const content = toContent(channel, template);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const kept = await versionNumbers(table, partition);
      const version = (kept[0] ?? 0) + 1;
      const fields = { version, savedAt, savedBy: audit.by, ...content };
      try {
        await table.submitTransaction([
          ['create', { partitionKey: partition, rowKey: versionRow(version), ...fields }],
          ['upsert', { partitionKey: partition, rowKey: CURRENT, ...fields }, 'Replace'],
        ]);
      } catch (err) {
        if (isStatus(err, 409)) continue;
        throw err;
      }
      await trim(table, partition, [version, ...kept]);
      return { version, savedAt, savedBy: audit.by, template };
    }
    throw new Error(`${TEMPLATES_TABLE}: ${partition} was saved concurrently ${MAX_ATTEMPTS} times; try again`);
  }

  async delete(type: TemplateType, channel: Channel, locale: SupportedLocale): Promise<boolean> {
    const table = await this.table();
    try {
      await table.deleteEntity(partitionKey(type, channel, locale), CURRENT);
      return true;
    } catch (err) {
      if (isStatus(err, 404)) return false;
      throw err;
    }
  }

  async history<C extends Channel>(type: TemplateType, channel: C, locale: SupportedLocale): Promise<TemplateVersion<C>[]> {
    const partition = partitionKey(type, channel, locale);
    const table = await this.table();
    const versions = await parsedRows(table.listEntities<Row>({ queryOptions: { filter: versionRange(partition) } }), (row) => toVersion(row, channel, partition));
    return versions.sort((a, b) => b.version - a.version).slice(0, TEMPLATE_HISTORY_LIMIT);
  }
}

/** The partition of one template. Types, channels and locales never contain `|`, `/`, `\`, `#` or `?`. */
export function partitionKey(type: TemplateType, channel: Channel, locale: SupportedLocale): string {
  return `${type}|${channel}|${locale}`;
}

/** The version numbers kept for a partition, newest first (row keys only: no content is read). */
async function versionNumbers(table: TableClient, partition: string): Promise<number[]> {
  const numbers: number[] = [];
  for await (const row of table.listEntities<Row>({ queryOptions: { filter: versionRange(partition), select: ['RowKey'] } })) {
    const match = VERSION_ROW.exec(row.rowKey ?? '');
    if (!match?.[1]) throw new CorruptRowError(TEMPLATES_TABLE, `${partition}/${row.rowKey ?? '?'}`, ['RowKey']);
    numbers.push(Number(match[1]));
  }
  return numbers.sort((a, b) => b - a);
}

/** Deletes versions beyond the newest {@link TEMPLATE_HISTORY_LIMIT}; one already gone (a concurrent trim) is fine. */
async function trim(table: TableClient, partition: string, newestFirst: readonly number[]): Promise<void> {
  await Promise.all(newestFirst.slice(TEMPLATE_HISTORY_LIMIT).map(async (version) => {
    try {
      await table.deleteEntity(partition, versionRow(version));
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
  }));
}

function toContent<C extends Channel>(channel: C, template: ChannelTemplate<C>): Record<string, string | number> {
  const parts = isDocument(channel) ? { [partsOf(channel)[0] ?? 'mapping']: JSON.stringify(template) } : (template as unknown as Record<string, string>);
  return Object.assign({}, ...partsOf(channel).map((part) => toChunks(parts[part] ?? '', part))) as Record<string, string | number>;
}

function toVersion<C extends Channel>(row: Row, channel: C, partition: string): TemplateVersion<C> {
  const rowId = `${partition}/${row.rowKey ?? '?'}`;
  const audit = auditSchema.safeParse(row);
  if (!audit.success) throw new CorruptRowError(TEMPLATES_TABLE, rowId, issuePaths(audit.error.issues));
  const parts = Object.fromEntries(partsOf(channel).map((part) => [part, fromChunks(row, part, TEMPLATES_TABLE, rowId)]));
  const module = channelModule(channel);
  let template: ChannelTemplate<C>;
  try {
    template = (module.fromFiles ? module.fromFiles(parts) : parts) as ChannelTemplate<C>;
  } catch {
    throw new CorruptRowError(TEMPLATES_TABLE, rowId, partsOf(channel));
  }
  return { ...audit.data, template };
}

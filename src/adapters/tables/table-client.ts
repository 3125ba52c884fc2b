import { TableClient, type GetTableEntityOptions, type GetTableEntityResponse, type TableEntity, type TableEntityResult } from '@azure/data-tables';

/** Table names, fixed: renaming one orphans every stored row. */
export const MEETINGS_TABLE = 'Meetings';
export const SETTINGS_TABLE = 'Settings';
export const LEDGER_TABLE = 'Ledger';
export const LINK_TOKENS_TABLE = 'LinkTokens';
export const DEV_OUTBOX_TABLE = 'DevOutbox';
export const TEMPLATES_TABLE = 'Templates';
export const OPT_OUTS_TABLE = 'OptOuts';
export const REPLIES_TABLE = 'Replies';
export const MESSAGE_INDEX_TABLE = 'MessageIndex';
export const INBOUND_EVENTS_TABLE = 'InboundEvents';
export const PROMPTS_TABLE = 'Prompts';
export const DOMAIN_EVENTS_TABLE = 'DomainEvents';
export const SUBSCRIPTIONS_TABLE = 'Subscriptions';
export const DELIVERIES_TABLE = 'Deliveries';
export const WHATSAPP_WINDOWS_TABLE = 'WhatsAppWindows';
export const TICKETS_TABLE = 'Tickets';
export const DEFLECTIONS_TABLE = 'Deflections';

/**
 * A client for one table. Plain http is accepted only when the connection string itself asks for it
 * (Azurite: an explicit `TableEndpoint=http://…`, `DefaultEndpointsProtocol=http`, or
 * `UseDevelopmentStorage=true`, which the SDK maps to port 10002 only).
 */
export function tableClient(connectionString: string, tableName: string): TableClient {
  const insecure = /TableEndpoint=http:|DefaultEndpointsProtocol=http(;|$)|UseDevelopmentStorage=true/i.test(connectionString);
  return TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: insecure });
}

const created = new Map<string, Promise<void>>();

/**
 * Creates the client's table once per process (concurrent callers share one request); an existing
 * table is fine. A failure is not cached, so the next call tries again.
 */
export function createTableOnce(client: TableClient): Promise<void> {
  const key = `${client.url}|${client.tableName}`;
  let pending = created.get(key);
  if (!pending) {
    pending = client.createTable().catch((err: unknown) => {
      if (isStatus(err, 409)) return;
      created.delete(key);
      throw err;
    });
    created.set(key, pending);
  }
  return pending;
}

/** A getter for a table's client that creates the table on first use. */
export function lazyTable(connectionString: string, tableName: string): () => Promise<TableClient> {
  const client = tableClient(connectionString, tableName);
  return async () => {
    await createTableOnce(client);
    return client;
  };
}

/** True when `err` is a Table storage response error with this HTTP status (404, 409, 412…). */
export function isStatus(err: unknown, code: number): boolean {
  return typeof err === 'object' && err !== null && (err as { statusCode?: unknown }).statusCode === code;
}

/** The row at `partitionKey`/`rowKey`, or undefined when there is none (404); any other failure is rethrown. */
export async function getEntityOrUndefined<T extends object = Record<string, unknown>>(
  table: TableClient,
  partitionKey: string,
  rowKey: string,
  options?: GetTableEntityOptions,
): Promise<GetTableEntityResponse<TableEntityResult<T>> | undefined> {
  try {
    return await table.getEntity<T>(partitionKey, rowKey, options);
  } catch (err) {
    if (isStatus(err, 404)) return undefined;
    throw err;
  }
}

/** Inserts `entity`: true when it was created, false when its row already existed (409); any other failure is rethrown. */
export async function createIfAbsent<T extends object>(table: TableClient, entity: TableEntity<T>): Promise<boolean> {
  try {
    await table.createEntity<T>(entity);
    return true;
  } catch (err) {
    if (isStatus(err, 409)) return false;
    throw err;
  }
}

/** Characters Table storage forbids in PartitionKey / RowKey, and control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_KEY_CHARS = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/**
 * Throws unless `value` can be a PartitionKey or RowKey (non-empty, at most 1 KiB, none of `/ \ # ?`
 * or control characters). The message names the key's role, not its value.
 */
export function assertTableKey(value: string, role: string): void {
  if (value.length === 0 || Buffer.byteLength(value, 'utf8') > 1024 || FORBIDDEN_KEY_CHARS.test(value)) {
    throw new Error(`${role} cannot be a Table storage key (empty, longer than 1 KiB, or containing / \\ # ? or control characters)`);
  }
}

/**
 * A stored row that does not have the shape this version expects. The message names the table, the
 * row and the offending field paths, never the stored values (they may be personal data).
 */
export class CorruptRowError extends Error {
  /** Stable code for callers that cannot rely on `instanceof`. */
  readonly code = 'STORED_ROW_CORRUPT';
  override readonly name = 'CorruptRowError';

  constructor(
    readonly table: string,
    readonly rowId: string,
    readonly paths: readonly string[],
  ) {
    super(`${table}: stored row ${rowId} is corrupt${paths.length > 0 ? ` (${paths.join(', ')})` : ''}`);
  }
}

/** The field paths of a failed zod parse (`contact.email`, `(root)`), for {@link CorruptRowError}. */
export function issuePaths(issues: readonly { path: readonly PropertyKey[] }[]): string[] {
  return [...new Set(issues.map((issue) => (issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'))))];
}

/** Parses a JSON string property; a syntax error becomes a {@link CorruptRowError} (its message may quote data). */
export function parseJsonProperty(value: unknown, table: string, rowId: string, property: string): unknown {
  if (typeof value !== 'string') throw new CorruptRowError(table, rowId, [property]);
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new CorruptRowError(table, rowId, [`${property} (not JSON)`]);
  }
}

/** Where a list reports a row it had to pass over (its table, key and field names: never its data). */
export type CorruptRowReport = (error: CorruptRowError) => void;

/** The default report: a warning in the log. */
export const warnCorruptRow: CorruptRowReport = (error) => console.warn(`${error.message}: skipped`);

/**
 * Every row of a listing that parses; a corrupt one is reported with its key and skipped, so one bad
 * row can never take a whole list (a page, a meeting's communications) down with it.
 */
export async function parsedRows<R, T>(rows: AsyncIterable<R> | Iterable<R>, parse: (row: R) => T, report: CorruptRowReport = warnCorruptRow): Promise<T[]> {
  const parsed: T[] = [];
  for await (const row of rows) {
    try {
      parsed.push(parse(row));
    } catch (err) {
      if (!(err instanceof CorruptRowError)) throw err;
      report(err);
    }
  }
  return parsed;
}

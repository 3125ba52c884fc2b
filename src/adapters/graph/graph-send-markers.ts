import { hashedKey } from '../tables/hashed-key';
import { isStatus, lazyTable } from '../tables/table-client';

/** Where a Graph sendMail for one send key stands: never tried, tried with no known answer, or accepted (202). */
export type MarkerState = 'new' | 'attempting' | 'accepted';

/**
 * Graph's sendMail has no idempotency key, so the adapter keeps its own record per send key: marked
 * `attempting` right before the call, `accepted` on the 202, and cleared when Graph refused it (so a
 * retry may send). A resumed send finds the mark: `accepted` is not sent again; `attempting` means the
 * call's outcome is unknown.
 */
export interface SendMarkers {
  /** Marks `key` attempting, unless a mark exists: returns the state before (`new` when none was there). */
  begin(key: string): Promise<MarkerState>;
  accepted(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

export const GRAPH_MAIL_TABLE = 'GraphMailSends';
const PARTITION = 'sendMail';

/** {@link SendMarkers} in Table storage: one row per send key (hashed: keys may hold any character). */
export class TableSendMarkers implements SendMarkers {
  private readonly table: ReturnType<typeof lazyTable>;

  constructor(connectionString: string) {
    this.table = lazyTable(connectionString, GRAPH_MAIL_TABLE);
  }

  async begin(key: string): Promise<MarkerState> {
    const table = await this.table();
    try {
      await table.createEntity({ partitionKey: PARTITION, rowKey: hashedKey(key), state: 'attempting' });
      return 'new';
    } catch (err) {
      if (!isStatus(err, 409)) throw err;
    }
    const row = await table.getEntity<{ state?: string }>(PARTITION, hashedKey(key));
    return row.state === 'accepted' ? 'accepted' : 'attempting';
  }

  async accepted(key: string): Promise<void> {
    const table = await this.table();
    await table.upsertEntity({ partitionKey: PARTITION, rowKey: hashedKey(key), state: 'accepted' }, 'Replace');
  }

  async clear(key: string): Promise<void> {
    const table = await this.table();
    try {
      await table.deleteEntity(PARTITION, hashedKey(key));
    } catch (err) {
      if (!isStatus(err, 404)) throw err;
    }
  }
}

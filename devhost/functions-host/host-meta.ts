import { TableClient } from '@azure/data-tables';

const PARTITION = 'meta';

/**
 * A few values the host keeps across restarts (the virtual clock's offset), in the `<hub>Meta`
 * table of the app's storage account, beside the task hub's own tables.
 */
export class HostMeta {
  private readonly table: TableClient;

  constructor(connectionString: string, hub: string) {
    const allowInsecureConnection = /TableEndpoint=http:|UseDevelopmentStorage/i.test(connectionString);
    this.table = TableClient.fromConnectionString(connectionString, `${hub}Meta`, { allowInsecureConnection });
  }

  async init(): Promise<void> {
    await this.table.createTable();
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return String((await this.table.getEntity(PARTITION, key)).value);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  async set(key: string, value: string): Promise<void> {
    await this.table.upsertEntity({ partitionKey: PARTITION, rowKey: key, value }, 'Replace');
  }
}

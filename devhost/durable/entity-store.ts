import { TableClient } from '@azure/data-tables';
import { getLarge, setLarge } from './large-values';
import { parseEntityInstance } from './protocol';
import { isStatus, type Op } from './store';

/** An entity's row: in its own partition (`@name@key`) of the instances table, beside its inbox. */
export interface EntityRecord { instanceId: string; name: string; key: string; state?: string; lastOperationTime: string }

/** The row key of an entity's state; orchestration instances use `state`, so listings never mix. */
const ENTITY_ROW = 'entity';

const esc = (s: string): string => s.replace(/'/g, "''");

/** Entity state in Table storage, committed together with the operations that produced it. */
export class EntityStore {
  private readonly table: TableClient;

  constructor(connectionString: string, hub: string) {
    this.table = TableClient.fromConnectionString(connectionString, `${hub}Instances`, { allowInsecureConnection: /TableEndpoint=http:|UseDevelopmentStorage/i.test(connectionString) });
  }

  async get(instanceId: string): Promise<EntityRecord | undefined> {
    try {
      return fromRow(await this.table.getEntity<Record<string, unknown>>(instanceId, ENTITY_ROW));
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /** Entities of one name (lower-cased, as the extension keys them), or all. */
  async list(name?: string): Promise<EntityRecord[]> {
    const filter = name ? `RowKey eq '${ENTITY_ROW}' and entityName eq '${esc(name.toLowerCase())}'` : `RowKey eq '${ENTITY_ROW}'`;
    const out: EntityRecord[] = [];
    for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) out.push(fromRow(row));
    return out.sort((a, b) => a.instanceId.localeCompare(b.instanceId));
  }

  putOp(r: EntityRecord): Op {
    const e: Record<string, unknown> & { partitionKey: string; rowKey: string } = { partitionKey: r.instanceId, rowKey: ENTITY_ROW, entityName: r.name, entityKey: r.key, lastOperationTime: r.lastOperationTime };
    setLarge(e, 'entityState', r.state);
    return { upsert: e };
  }

  deleteOp(instanceId: string): Op {
    return { delete: { partitionKey: instanceId, rowKey: ENTITY_ROW } };
  }
}

function fromRow(row: Record<string, unknown>): EntityRecord {
  const instanceId = String(row.partitionKey);
  const { name, key } = parseEntityInstance(instanceId);
  return { instanceId, name, key, state: getLarge(row, 'entityState'), lastOperationTime: String(row.lastOperationTime) };
}

import { OPT_OUTS_TABLE } from '../../../src/adapters/tables/table-client';
import { TableOptOutStore } from '../../../src/adapters/tables/table-opt-out-store';
import { rawTable, useAzurite } from '../../integration/stores/store-fixtures';
import { FakeOptOutStore } from '../../fakes/fake-opt-out-store';
import { optOutStoreContract } from './opt-out-store-contract';

const connectionString = useAzurite();

describe('FakeOptOutStore', () => optOutStoreContract(() => new FakeOptOutStore()));
describe('TableOptOutStore (Azurite)', () => {
  optOutStoreContract(() => new TableOptOutStore(connectionString()));

  test('the table keeps a hash of the number, never the number itself', async () => {
    await new TableOptOutStore(connectionString()).optOut('+34911234567', { source: 'admin', at: new Date('2026-11-05T10:00:00Z') });
    const rows = [];
    for await (const row of rawTable(connectionString(), OPT_OUTS_TABLE).listEntities()) rows.push(JSON.stringify(row));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.includes('911234567'))).toEqual([]);
    expect(rows.some((row) => /"partitionKey":"[0-9a-f]{64}"/.test(row))).toBe(true);
  });

  test('a corrupt row is reported by table and field, not by number', async () => {
    const store = new TableOptOutStore(connectionString());
    await store.optOut('+34911234568', { source: 'admin', at: new Date('2026-11-05T10:00:00Z') });
    const raw = rawTable(connectionString(), OPT_OUTS_TABLE);
    for await (const row of raw.listEntities()) await raw.upsertEntity({ partitionKey: row.partitionKey as string, rowKey: row.rowKey as string, optedOut: 'yes', updatedAt: 'x' }, 'Replace');
    const error = await store.get('+34911234568').catch((err: unknown) => err as Error);
    expect(error).toMatchObject({ code: 'STORED_ROW_CORRUPT', message: expect.stringMatching(/OptOuts.*optedOut/) });
    expect((error as Error).message).not.toContain('911234568');
  });
});

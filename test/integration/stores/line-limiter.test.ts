import { LINE_LEASE_MS } from '../../../src/domain';
import { TableLineLimiter } from '../../../src/adapters/tables/table-line-limiter';
import { rawTable, useAzurite } from './store-fixtures';

const connectionString = useAzurite();
const NOW = new Date('2026-12-02T09:00:00.000Z');

describe('TableLineLimiter (one row of call leases per caller number, ETag concurrency)', () => {
  test('concurrent acquirers through separate clients (as separate instances) never exceed the limit', async () => {
    const instances = [new TableLineLimiter(connectionString()), new TableLineLimiter(connectionString())];
    const line = 'voice:+18005550100';
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      (instances[i % 2] as TableLineLimiter).acquire({ line, limit: 2, leaseId: `call-${i}` }, NOW)));
    const granted = answers.flatMap((a, i) => (a.granted ? [`call-${i}`] : []));
    expect(granted).toHaveLength(2);
    // The row holds exactly the two granted leases.
    const row = await rawTable(connectionString(), 'Lines').getEntity<{ leases: string }>('line', line);
    expect(Object.keys(JSON.parse(row.leases) as object).sort()).toEqual([...granted].sort());
    // Released on the other instance (idempotently): the next call, on either instance, gets it.
    await instances[1]?.release(line, granted[0] as string, NOW);
    await instances[0]?.release(line, granted[0] as string, NOW);
    expect(await instances[0]?.acquire({ line, limit: 2, leaseId: 'next' }, NOW)).toEqual({ granted: true });
    expect((await instances[1]?.acquire({ line, limit: 2, leaseId: 'one-more' }, NOW))?.granted).toBe(false);
  });

  test('numbers are independent; a lease not released expires after LINE_LEASE_MS', async () => {
    const lines = new TableLineLimiter(connectionString());
    expect(await lines.acquire({ line: 'voice:+18005550111', limit: 1, leaseId: 'a' }, NOW)).toEqual({ granted: true });
    expect(await lines.acquire({ line: 'voice:+18005550122', limit: 1, leaseId: 'b' }, NOW)).toEqual({ granted: true });
    const refused = await lines.acquire({ line: 'voice:+18005550111', limit: 1, leaseId: 'c' }, NOW);
    expect(refused).toEqual({ granted: false, retryAt: new Date(NOW.getTime() + 30_000) });
    expect(await lines.acquire({ line: 'voice:+18005550111', limit: 1, leaseId: 'c' }, new Date(NOW.getTime() + LINE_LEASE_MS))).toEqual({ granted: true });
  });

  test('a corrupt row frees its lines rather than blocking calls forever', async () => {
    await rawTable(connectionString(), 'Lines').upsertEntity({ partitionKey: 'line', rowKey: 'voice:+18005550133', leases: '{not json' }, 'Replace');
    expect(await new TableLineLimiter(connectionString()).acquire({ line: 'voice:+18005550133', limit: 1, leaseId: 'a' }, NOW)).toEqual({ granted: true });
  });

  test('a caller number that cannot be a row key is refused without naming it', async () => {
    await expect(new TableLineLimiter(connectionString()).acquire({ line: 'voice:a/b', limit: 1, leaseId: 'a' }, NOW)).rejects.toThrow(/a caller number cannot be a Table storage key/);
  });
});

import { TableClient } from '@azure/data-tables';
import { startAzurite, storageStats } from '../devhost/functions-host/storage';

/** Samples resident memory while a benchmark runs; returns the peak in MiB. */
export function memorySampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
    },
  };
}

/** Runs `task` for each of `count` items with at most `concurrency` at once. */
export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }));
  return results;
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * The storage floor the benchmarks compare with: raw single-entity upserts per second into an
 * in-memory Azurite of the same run, `concurrency` at a time (3 000 of them, 300-byte rows).
 */
export async function tableWriteFloor(concurrency: number, count = 3000): Promise<number> {
  const storage = await startAzurite({});
  try {
    const table = TableClient.fromConnectionString(storage.connectionString, 'Floor', { allowInsecureConnection: true });
    await table.createTable();
    const started = performance.now();
    await pool(count, concurrency, (i) => table.upsertEntity({ partitionKey: `p${i % 50}`, rowKey: `r${i}`, payload: 'x'.repeat(300) }, 'Replace'));
    return count / ((performance.now() - started) / 1000);
  } finally {
    await storage.close();
  }
}

/** Storage requests per table since `tableOpsMark()`, per message: which tables the operations go to. */
export function tableOpsMark(): () => (perMessage: number) => string {
  const before = new Map([...storageStats.byTable].map(([table, c]) => [table, { ...c }]));
  return () => (messages: number) => {
    const rows = [...storageStats.byTable].map(([table, c]) => {
      const b = before.get(table) ?? { reads: 0, writes: 0 };
      return { table, writes: (c.writes - b.writes) / messages, reads: (c.reads - b.reads) / messages };
    }).filter((r) => r.writes + r.reads >= 0.05).sort((a, b) => b.writes + b.reads - (a.writes + a.reads));
    return rows.map((r) => `${r.table} ${fmt(r.writes, 1)}w/${fmt(r.reads, 1)}r`).join(', ');
  };
}

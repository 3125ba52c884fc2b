import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { startDevhost } from '../devhost/start-devhost';
import { consoleLogger } from '../devhost/functions-host/logger';
import { startAzurite } from '../devhost/functions-host/storage';
import { fmt, memorySampler, pool } from './support';

const CONCURRENCY = 10;
/** Storage round trips the engine needs per 3-activity orchestration: a start and four episodes. */
const WRITES_PER_ORCHESTRATION = 5;

/**
 * Orchestrations per second for a 3-activity chain on the devhost, beside the raw Table write rate
 * of the same Azurite measured in the same run, in both storage modes: file persistence (what
 * `npm start` uses; every write is on disk before it is acknowledged) and in memory (tests).
 */
export async function run(): Promise<void> {
  const instances = Number(process.env.BENCH_INSTANCES ?? 1000);
  console.log(`devhost: ${instances} orchestrations × 3 activities, ${CONCURRENCY} orchestrations and ${CONCURRENCY} activities at a time`);
  // One process per mode: a process hosts one app (its functions register once, as on a worker).
  for (const mode of ['file', 'memory']) {
    const child = spawnSync(process.execPath, [__filename, mode], { stdio: 'inherit', env: process.env });
    if (child.status !== 0) throw new Error(`the ${mode} run failed`);
  }
}

async function measure(mode: 'file' | 'memory'): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-devhost-'));
  const instances = Number(process.env.BENCH_INSTANCES ?? 1000);
  {
    const dataDir = (name: string): string | undefined => (mode === 'file' ? path.join(tmp, mode, name) : undefined);
    const writesPerSecond = await floor(dataDir('floor'));
    const { orchPerSecond, peak } = await devhost(dataDir('devhost') ?? null, path.join(tmp, 'log'), instances);
    const floorRate = writesPerSecond / WRITES_PER_ORCHESTRATION;
    console.log(`  [${mode === 'file' ? 'file persistence, group commit' : 'in memory'}]`);
    console.log(`    raw Table writes (4-entity transactions):  ${fmt(writesPerSecond)}/s → floor ${fmt(floorRate)} orchestrations/s at ${WRITES_PER_ORCHESTRATION} writes each`);
    console.log(`    devhost:                                   ${fmt(orchPerSecond)} orchestrations/s (${fmt(orchPerSecond * 3)} activities/s)`);
    console.log(`    ratio devhost / floor:                     ${fmt(orchPerSecond / floorRate, 2)}`);
    console.log(`    peak RSS of the devhost run:               ${fmt(peak)} MiB`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

async function floor(dataDir: string | undefined): Promise<number> {
  const storage = await startAzurite({ dataDir });
  const table = TableClient.fromConnectionString(storage.connectionString, 'Floor', { allowInsecureConnection: true });
  await table.createTable();
  const count = 1500;
  const started = performance.now();
  // As many writers in flight as the devhost run can have: 20 HTTP starters and 10 episodes.
  await pool(count, 30, (i) => table.submitTransaction([0, 1, 2, 3].map((j) => ['upsert', { partitionKey: `p${i}`, rowKey: `r${j}`, payload: 'x'.repeat(200) }])));
  const rate = count / ((performance.now() - started) / 1000);
  await storage.close();
  return rate;
}

async function devhost(dataDir: string | null, logDir: string, instances: number): Promise<{ orchPerSecond: number; peak: number }> {
  process.env.SAMPLE_LOG_DIR = logDir;
  const memory = memorySampler();
  const host = await startDevhost({ appDir: path.resolve(__dirname, '..', '..', 'test', 'fixtures', 'sample-app'), port: 0, dataDir, log: consoleLogger({ quiet: true }) });
  const started = performance.now();
  await pool(instances, 20, async (i) => {
    const res = await fetch(`${host.url}/runtime/webhooks/durabletask/orchestrators/Chain/bench-${i}`, { method: 'POST', body: JSON.stringify(['a', 'b', 'c']) });
    if (res.status !== 202) throw new Error(`start failed: ${res.status} ${await res.text()}`);
  });
  await host.engine.idle();
  const seconds = (performance.now() - started) / 1000;
  const peak = memory.stop();
  const done = (await fetch(`${host.url}/runtime/webhooks/durabletask/instances?runtimeStatus=Completed`).then((r) => r.json())) as unknown[];
  await host.stop();
  if (done.length !== instances) throw new Error(`only ${done.length} of ${instances} orchestrations completed`);
  return { orchPerSecond: instances / seconds, peak };
}

if (require.main === module) {
  const mode = process.argv[2];
  (mode === 'file' || mode === 'memory' ? measure(mode) : run()).then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDevhost } from '../devhost/start-devhost';
import { consoleLogger } from '../devhost/functions-host/logger';
import { storageStats } from '../devhost/functions-host/storage';
import { fmt, memorySampler, pool, tableOpsMark, tableWriteFloor } from './support';

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 2000);
const CONCURRENCY = 20;
const KEY = 'bench-api-key-0123456789';

/**
 * Schedules meetings through HTTP on the devhost (in memory) with the outbox channels, email and SMS
 * confirmations on and reminders pending. Reports meetings/s and messages/s beside the raw Azurite
 * write floor of the same run, divided by the storage writes each message actually cost (counted).
 */
export async function run(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pipeline-'));

  const writesPerSecond = await tableWriteFloor(CONCURRENCY);
  let started = performance.now();

  process.env.API_KEY = KEY;
  // The app logs a line per message: measured without the console, results go to stdout directly.
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  console.log = () => undefined;
  console.info = () => undefined;
  const memory = memorySampler();
  const host = await startDevhost({ appDir: root, port: 0, dataDir: null, log: consoleLogger({ quiet: true }) });
  const api = (p: string, init: RequestInit = {}): Promise<Response> => fetch(`${host.url}/api/${p}`, { ...init, headers: { 'x-api-key': KEY, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const settings = await api('settings');
  const both = { email: true, sms: true };
  await api('settings', { method: 'PATCH', headers: { 'if-match': settings.headers.get('etag') ?? '' }, body: JSON.stringify({ enabled: true, confirmation: both, reminder: both }) });
  await host.engine.idle();
  const now = host.clock.now().getTime();
  const rssAt: number[] = [];
  const writesBefore = storageStats.writes;
  const readsBefore = storageStats.reads;
  const tables = tableOpsMark();
  started = performance.now();
  for (const half of [0, 1]) {
    await pool(MEETINGS / 2, CONCURRENCY, async (j) => {
      const i = half * (MEETINGS / 2) + j;
      const start = new Date(now + (20 + (i % 10)) * 86_400_000);
      const res = await api('meetings', { method: 'POST', body: JSON.stringify({ meetingId: `BENCH-${i}`, subject: 'Review', start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), timeZone: 'Europe/Madrid', advisor: { name: 'Ana' }, contact: { contactId: `C-${i}`, firstName: 'Bob', email: `c${i}@example.com`, phone: '+14255550123' } }) });
      if (res.status !== 202) throw new Error(`schedule failed: ${res.status} ${await res.text()}`);
    });
    await host.engine.idle();
    rssAt.push(process.memoryUsage().rss / 1024 / 1024);
  }
  const seconds = (performance.now() - started) / 1000;
  const writes = storageStats.writes - writesBefore;
  const reads = storageStats.reads - readsBefore;
  const byTable = tables()(MEETINGS * 2);
  const peak = memory.stop();
  const outbox = (await fetch(`${host.url}/dev/outbox`, { headers: { accept: 'application/json' } }).then((r) => r.json())) as unknown[];
  await host.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
  if (outbox.length !== MEETINGS * 2) throw new Error(`expected ${MEETINGS * 2} confirmations, the outbox has ${outbox.length}`);

  const messages = MEETINGS * 2;
  const writesPerMessage = writes / messages;
  const floor = writesPerSecond / writesPerMessage;
  print(`pipeline: ${MEETINGS} meetings scheduled over HTTP (${CONCURRENCY} at a time), email + SMS confirmations to the outbox, reminders left pending; Azurite in memory`);
  print(`  raw Table writes (single upserts, ${CONCURRENCY} at a time): ${fmt(writesPerSecond)}/s`);
  print(`  storage writes per message (counted):             ${fmt(writesPerMessage, 1)} → floor ${fmt(floor)} messages/s`);
  print(`  (and ${fmt(reads / messages, 1)} reads per message, which the floor does not count)`);
  print(`    by table, per message:                         ${byTable}`);
  print(`  pipeline:                                         ${fmt(MEETINGS / seconds)} meetings/s, ${fmt(messages / seconds)} messages/s`);
  print(`  ratio pipeline / floor:                           ${fmt(messages / seconds / floor, 2)}`);
  print(`  RSS after ${MEETINGS / 2} / ${MEETINGS} pending meetings:       ${fmt(rssAt[0] ?? 0)} / ${fmt(rssAt[1] ?? 0)} MiB (peak ${fmt(peak)} MiB; includes Azurite's in-memory tables)`);
}

if (require.main === module) {
  run().then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

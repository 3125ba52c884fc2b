import { TableClient } from '@azure/data-tables';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESERVE_AHEAD_MS } from '../src/app/dispatch/pace-send';
import { startDevhost } from '../devhost/start-devhost';
import { consoleLogger } from '../devhost/functions-host/logger';
import { storageStats } from '../devhost/functions-host/storage';
import { startAcsServer } from '../test/support/acs-server';
import { fmt, memorySampler, pool, tableOpsMark } from './support';

const KEY = 'bench-api-key-0123456789';
const FROM = '+18005550100';
/** Real time before T0 the bench lets pass: the planner's reservation minute and 5 s more. */
const LEAD_MS = RESERVE_AHEAD_MS + 5_000;

/** `--name value` from the command line, as a number. */
function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/**
 * N SMS reminders due in the same minute, sent by the devhost (in memory) through the real ACS SMS
 * client to the loopback ACS server, which refuses anything over the rate with 429 + Retry-After, as
 * ACS does. The app paces at the same rate (SEND_RATES). Prints the drain time beside N ÷ rate, 429s,
 * failed and duplicated sends, lateness of the first and last message, storage operations per
 * message and peak memory.
 */
export async function run(): Promise<void> {
  if (process.argv.includes('--kill')) return runWithKill();
  const n = arg('n', 2000);
  const rate = arg('rate', 600);
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  console.log = () => undefined;
  console.info = () => undefined;
  console.warn = () => undefined;
  const acs = await startAcsServer({ ratePerMinute: { sms: rate } });
  Object.assign(process.env, { API_KEY: KEY, ACS_CONNECTION_STRING: acs.connectionString, ACS_SMS_FROM: FROM, SEND_RATES: `sms=${rate}/min` });
  const memory = memorySampler();
  const host = await startDevhost({ appDir: path.resolve(__dirname, '..', '..'), port: 0, dataDir: null, log: consoleLogger({ quiet: true }) });
  const api = (p: string, init: RequestInit = {}): Promise<Response> => fetch(`${host.url}/${p}`, { ...init, headers: { 'x-api-key': KEY, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const settings = await api('api/settings');
  const patched = await api('api/settings', { method: 'PATCH', headers: { 'if-match': settings.headers.get('etag') ?? '' }, body: JSON.stringify({ enabled: true, reminder: { sms: true, daysBefore: 1, sendAtLocalTime: null } }) });
  if (patched.status !== 200) throw new Error(`settings: ${patched.status} ${await patched.text()}`);
  await host.engine.idle();

  // Every reminder is due at T0 (the start's time of day, one day before), an hour from now.
  const t0 = Math.ceil((host.clock.now().getTime() + 3_600_000) / 60_000) * 60_000;
  const scheduling = performance.now();
  await pool(n, 20, async (i) => {
    const start = new Date(t0 + 86_400_000);
    const res = await api('api/meetings', { method: 'POST', body: JSON.stringify({ meetingId: `BURST-${i}`, subject: 'Review', start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), timeZone: 'UTC', advisor: { name: 'Ana' }, contact: { contactId: `C-${i}`, firstName: 'Bob', phone: '+14255550123' } }) });
    if (res.status !== 202) throw new Error(`schedule failed: ${res.status} ${await res.text()}`);
  });
  await host.engine.idle();
  const scheduledIn = (performance.now() - scheduling) / 1000;

  // Jump to just before the planner reserves the burst's slots (a minute ahead); from there real time
  // brings the burst, so the engine runs unpaused, as it would on the morning of a 09:00 burst.
  const jump = t0 - LEAD_MS - host.clock.now().getTime();
  const advanced = await api('dev/clock', { method: 'POST', body: JSON.stringify({ advance: `PT${(jump / 1000).toFixed(3)}S` }) });
  if (advanced.status !== 200) throw new Error(`clock: ${advanced.status} ${await advanced.text()}`);
  const t0Perf = performance.now() + (t0 - host.clock.now().getTime());
  const writesBefore = storageStats.writes;
  const readsBefore = storageStats.reads;
  const tables = tableOpsMark();
  acs.reset();

  const expectedSeconds = (n / rate) * 60;
  const deadline = t0Perf + expectedSeconds * 1000 * 1.5 + 120_000;
  const delivered = (): Set<string> => new Set(acs.deliveries.map(repeatabilityId));
  while (delivered().size < n && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  await host.engine.idle();
  const peak = memory.stop();

  const accepted = acs.sendRequests('sms').filter((r) => r.answer === 202).map((r) => r.at).sort((a, b) => a - b);
  const throttled = acs.sendRequests('sms').filter((r) => r.answer === 429).length;
  const unique = delivered().size;
  const ledger = TableClient.fromConnectionString(process.env.AzureWebJobsStorage as string, 'Ledger', { allowInsecureConnection: true });
  let failed = 0;
  for await (const _row of ledger.listEntities({ queryOptions: { filter: "status eq 'failed'" } })) failed++;
  const writes = storageStats.writes - writesBefore;
  const reads = storageStats.reads - readsBefore;
  const byTable = tables()(n);
  await host.stop();
  await acs.close();

  const first = (accepted[0] ?? NaN) - t0Perf;
  const last = (accepted.at(-1) ?? NaN) - t0Perf;
  print(`burst: ${n} SMS reminders due at the same instant, devhost in memory → real ACS SMS client → loopback ACS at ${rate}/min (429 + Retry-After above it), SEND_RATES=sms=${rate}/min`);
  print(`  (scheduling the ${n} meetings took ${fmt(scheduledIn, 1)} s, not counted)`);
  print(`  drain (due → last accepted):     ${fmt(last / 1000, 1)} s; N ÷ rate = ${fmt(expectedSeconds, 1)} s; ratio ${fmt(last / 1000 / expectedSeconds, 3)}`);
  print(`  delivered / lost:                ${unique} / ${n - unique}`);
  print(`  duplicates (accepted twice):     ${acs.deliveries.length - unique}`);
  print(`  429 answers / failed sends:      ${throttled} / ${failed}`);
  print(`  lateness first / last message:   ${fmt(first / 1000, 2)} s / ${fmt(last / 1000, 1)} s`);
  print(`  storage ops per message (burst): ${fmt(writes / n, 1)} writes, ${fmt(reads / n, 1)} reads (engine + app)`);
  print(`    by table, per message:         ${byTable}`);
  print(`  peak RSS:                        ${fmt(peak)} MiB (includes Azurite's in-memory tables)`);
}

/** A devhost in a child process with file persistence (`npm start`), which can be killed hard. */
async function childDevhost(root: string, dataDir: string, env: Record<string, string>): Promise<{ url: string; kill(): Promise<void>; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'devhost', 'main.js'), '--app', root, '--port', '0', '--data', dataDir, '--quiet'], { env: { ...process.env, PORT: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let banner = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`devhost did not start in 60 s:\n${banner}`)), 60_000);
    const check = (d: Buffer): void => {
      if (banner.length < 20_000) banner += d.toString();
      const m = /API:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(banner);
      if (m && banner.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', () => undefined);
    void exited.then(() => reject(new Error(`devhost exited:\n${banner}`)));
  });
  return {
    url,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * `--kill`: the same burst on a devhost in a child process with file persistence, killed with
 * SIGKILL once half the reminders were accepted and restarted on the same data. Counts what was lost
 * (never accepted) and duplicated (accepted twice) across the kill.
 */
async function runWithKill(): Promise<void> {
  const n = arg('n', 2000);
  const rate = arg('rate', 600);
  const root = path.resolve(__dirname, '..', '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-burst-kill-'));
  const acs = await startAcsServer({ ratePerMinute: { sms: rate } });
  // A fixed public URL, as on Azure: the restarted devhost listens on another port, and with the default
  // (`devhost`: its own address) the resumed sends' links, hence their text, would differ from the first try.
  const env = { API_KEY: KEY, ACS_CONNECTION_STRING: acs.connectionString, ACS_SMS_FROM: FROM, SEND_RATES: `sms=${rate}/min`, PUBLIC_BASE_URL: 'https://comms.example.com' };
  let host = await childDevhost(root, dataDir, env);
  const api = (p: string, init: RequestInit = {}): Promise<Response> => fetch(`${host.url}/${p}`, { ...init, headers: { 'x-api-key': KEY, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const now = async (): Promise<number> => Date.parse(((await (await api('dev/clock')).json()) as { now: string }).now);
  const settings = await api('api/settings');
  await api('api/settings', { method: 'PATCH', headers: { 'if-match': settings.headers.get('etag') ?? '' }, body: JSON.stringify({ enabled: true, reminder: { sms: true, daysBefore: 1, sendAtLocalTime: null } }) });
  const t0 = Math.ceil(((await now()) + 3_600_000) / 60_000) * 60_000;
  await pool(n, 20, async (i) => {
    const start = new Date(t0 + 86_400_000);
    const res = await api('api/meetings', { method: 'POST', body: JSON.stringify({ meetingId: `BURST-${i}`, subject: 'Review', start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), timeZone: 'UTC', advisor: { name: 'Ana' }, contact: { contactId: `C-${i}`, firstName: 'Bob', phone: '+14255550123' } }) });
    if (res.status !== 202) throw new Error(`schedule failed: ${res.status} ${await res.text()}`);
  });
  await api('dev/clock', { method: 'POST', body: JSON.stringify({ advance: 'PT0S' }) });
  const jump = t0 - LEAD_MS - (await now());
  await api('dev/clock', { method: 'POST', body: JSON.stringify({ advance: `PT${(jump / 1000).toFixed(3)}S` }) });
  const t0Perf = performance.now() + (t0 - (await now()));
  acs.reset();
  const delivered = (): number => new Set(acs.deliveries.map(repeatabilityId)).size;
  while (delivered() < n / 2) await new Promise((resolve) => setTimeout(resolve, 200));
  await host.kill();
  const killedAt = (performance.now() - t0Perf) / 1000;
  const atKill = delivered();
  host = await childDevhost(root, dataDir, env);
  const deadline = performance.now() + ((n / rate) * 60 * 1.5 + 180) * 1000;
  while (delivered() < n && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
  const last = ((acs.sendRequests('sms').filter((r) => r.answer === 202).map((r) => r.at).sort((a, b) => a - b).at(-1) ?? NaN) - t0Perf) / 1000;
  let failed = 0;
  const reasons = new Map<string, number>();
  await pool(n, 20, async (i) => {
    const view = (await (await api(`api/meetings/BURST-${i}`)).json()) as { communications: Array<{ type: string; status: string; reason: string | null }> };
    const bad = view.communications.find((c) => c.type === 'reminder' && c.status === 'failed');
    if (bad) {
      failed++;
      reasons.set(bad.reason ?? '', (reasons.get(bad.reason ?? '') ?? 0) + 1);
    }
  });
  await host.stop();
  await acs.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const unique = delivered();
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  print(`burst --kill: ${n} SMS reminders at ${rate}/min, devhost in a child process with file persistence, SIGKILL after ${atKill} were accepted (${killedAt.toFixed(1)} s into the burst), restarted on the same data`);
  print(`  delivered / lost / duplicates:   ${unique} / ${n - unique} / ${acs.deliveries.length - unique}`);
  print(`  429 answers / failed sends:      ${acs.sendRequests('sms').filter((r) => r.answer === 429).length} / ${failed}`);
  for (const [reason, count] of reasons) print(`    failed ${count}×: ${reason}`);
  print(`  drain including the restart:     ${fmt(last, 1)} s (N ÷ rate = ${fmt((n / rate) * 60, 1)} s)`);
}

function repeatabilityId(delivery: { request: unknown }): string {
  const body = delivery.request as { smsRecipients?: Array<{ repeatabilityRequestId?: string }> };
  return body.smsRecipients?.[0]?.repeatabilityRequestId ?? JSON.stringify(delivery.request);
}

if (require.main === module) {
  run().then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

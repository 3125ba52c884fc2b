import path from 'node:path';
import { deliveredReport, smsReceived } from '../devhost/dev-services/acs-events';
import { consoleLogger } from '../devhost/functions-host/logger';
import { storageStats } from '../devhost/functions-host/storage';
import { startDevhost } from '../devhost/start-devhost';
import type { OutboxMessage } from '../src/adapters/devhost-hooks';
import { fmt, pool, tableWriteFloor } from './support';

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 500);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 1000);
const CONCURRENCY = 20;
const KEY = 'bench-api-key-0123456789';
const EVENTS_KEY = 'bench-events-key-0123456789';

/**
 * Delivery reports/s and replies/s through POST /api/events/acs on the devhost (in memory), one
 * Event Grid event per request as Event Grid sends them by default, beside the raw Azurite write
 * floor of the same run divided by the storage writes each event cost (counted). The devhost's own
 * Delivered reports are held back (DEVHOST_EVENT_DELAY_MS) so the measured reports are the ones that
 * move each message from `sent` to `delivered`.
 */
export async function run(): Promise<void> {
  const writesPerSecond = await tableWriteFloor(CONCURRENCY);

  Object.assign(process.env, { API_KEY: KEY, EVENTS_KEY, DEVHOST_EVENT_DELAY_MS: String(3_600_000) });
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  console.log = () => undefined;
  console.info = () => undefined;
  const host = await startDevhost({ appDir: path.resolve(__dirname, '..', '..'), port: 0, dataDir: null, log: consoleLogger({ quiet: true }) });
  const api = (p: string, init: RequestInit = {}): Promise<Response> => fetch(`${host.url}/api/${p}`, { ...init, headers: { 'x-api-key': KEY, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  const settings = await api('settings');
  await api('settings', { method: 'PATCH', headers: { 'if-match': settings.headers.get('etag') ?? '' }, body: JSON.stringify({ enabled: true, confirmation: { email: true, sms: true } }) });
  const now = host.clock.now().getTime();
  await pool(MEETINGS, CONCURRENCY, async (i) => {
    const start = new Date(now + 20 * 86_400_000);
    const res = await api('meetings', { method: 'POST', body: JSON.stringify({ meetingId: `IN-${i}`, subject: 'Review', start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), timeZone: 'Europe/Madrid', advisor: { name: 'Ana' }, contact: { contactId: `C-${i}`, firstName: 'Bob', email: `c${i}@example.com`, phone: '+14255550123' } }) });
    if (res.status !== 202) throw new Error(`schedule failed: ${res.status}`);
  });
  await host.engine.idle();
  const outbox = (await (await fetch(`${host.url}/dev/outbox`, { headers: { accept: 'application/json' } })).json()) as OutboxMessage[];
  const webhook = `${host.url}/api/events/acs?key=${EVENTS_KEY}`;
  const post = async (event: Record<string, unknown>): Promise<void> => {
    const res = await fetch(webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' }, body: JSON.stringify([event]) });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  };
  const measure = async (count: number, task: (i: number) => Promise<void>) => {
    const [writes, reads] = [storageStats.writes, storageStats.reads];
    const begun = performance.now();
    await pool(count, CONCURRENCY, task);
    return { perSecond: count / ((performance.now() - begun) / 1000), writes: (storageStats.writes - writes) / count, reads: (storageStats.reads - reads) / count };
  };
  const at = new Date(now);
  const reports = await measure(outbox.length, (i) => post(deliveredReport(outbox[i] as OutboxMessage, at) as Record<string, unknown>));
  const confirmations = await Promise.all([0, outbox.length - 1].map(async (i) => {
    const view = (await (await api(`meetings/${(outbox[i] as OutboxMessage).meetingId}`)).json()) as { communications: Array<{ type: string; status: string }> };
    return view.communications.filter((c) => c.type === 'confirmation').map((c) => c.status);
  }));
  if (!confirmations.flat().every((s) => s === 'delivered')) throw new Error(`reports were not applied: ${JSON.stringify(confirmations)}`);
  // Replies from as many customers: STOP (an opt-out is written), then START (written again).
  const number = (i: number): string => `+1425555${String(1000 + (i % 8000)).padStart(4, '0')}`;
  const replies = await measure(REPLIES, (i) => post(smsReceived({ from: number(i), to: '+18005550100', text: i < REPLIES / 2 ? 'STOP' : 'START' }, at)));
  await host.stop();

  const line = (name: string, r: { perSecond: number; writes: number; reads: number }, count: number): void => {
    const floor = writesPerSecond / Math.max(r.writes, 1e-9);
    print(`  ${name.padEnd(18)} ${fmt(count)} events: ${fmt(r.perSecond)}/s; ${fmt(r.writes, 1)} writes and ${fmt(r.reads, 1)} reads each → floor ${fmt(floor)}/s; ratio ${fmt(r.perSecond / floor, 2)}`);
  };
  print(`inbound: POST /api/events/acs, one Event Grid event per request, ${CONCURRENCY} at a time; devhost and Azurite in memory`);
  print(`  raw Table writes (single upserts, ${CONCURRENCY} at a time): ${fmt(writesPerSecond)}/s`);
  line('delivery reports', reports, outbox.length);
  line('SMS replies', replies, REPLIES);
}

if (require.main === module) {
  run().then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

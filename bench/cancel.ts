import path from 'node:path';
import { startDevhost } from '../devhost/start-devhost';
import { consoleLogger } from '../devhost/functions-host/logger';
import { fmt } from './support';

// autocannon ships no types; this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<{ latency: { p50: number; p99: number }; requests: { average: number }; non2xx: number; errors: number }>;

const KEY = 'bench-api-key-0123456789';
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

/**
 * CancelMeeting p50/p99 and requests/s with autocannon against the devhost (a verified bearer token
 * each time, the repeat of an acknowledged cancel), beside GET /api/health measured the same way.
 */
export async function run(): Promise<void> {
  Object.assign(process.env, { API_KEY: KEY, CANCEL_RATE_LIMIT: '1000000/1000000', PUBLIC_BASE_URL: 'devhost' });
  console.log = () => undefined;
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  const host = await startDevhost({ appDir: path.resolve(__dirname, '..', '..'), port: 0, dataDir: null, log: consoleLogger({ quiet: true }) });
  const headers = { 'x-api-key': KEY, 'content-type': 'application/json' };
  const start = new Date(host.clock.now().getTime() + 10 * 86_400_000);
  await fetch(`${host.url}/api/meetings`, { method: 'POST', headers, body: JSON.stringify({ meetingId: 'BENCH-CANCEL', subject: 'Review', start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), timeZone: 'Europe/Madrid', advisor: { name: 'Ana' }, contact: { contactId: 'C-77', firstName: 'Bob', email: 'bob@example.com' } }) });
  const token = ((await (await fetch(`${host.url}/dev/token`, { method: 'POST', body: JSON.stringify({ contactId: 'C-77', expiresIn: 3600 }) })).json()) as { access_token: string }).access_token;
  const cancel = { url: `${host.url}/api/meetings/BENCH-CANCEL/cancel`, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ contactId: 'C-77' }) };
  const first = await fetch(cancel.url, cancel);
  if (first.status !== 200) throw new Error(`the first cancel failed: ${first.status} ${await first.text()}`);
  await host.engine.idle();

  const health = await autocannon({ url: `${host.url}/api/health`, connections: CONNECTIONS, duration: DURATION });
  const cancelled = await autocannon({ ...cancel, connections: CONNECTIONS, duration: DURATION });
  await host.stop();
  if (cancelled.non2xx > 0 || health.non2xx > 0) throw new Error(`unexpected answers: ${cancelled.non2xx} non-2xx cancels, ${health.non2xx} non-2xx health`);

  print(`cancel: ${CONNECTIONS} connections for ${DURATION} s each, devhost in memory (autocannon in the same process)`);
  print(`  GET /api/health:        ${fmt(health.requests.average)} req/s, p50 ${health.latency.p50} ms, p99 ${health.latency.p99} ms`);
  print(`  CancelMeeting (repeat): ${fmt(cancelled.requests.average)} req/s, p50 ${cancelled.latency.p50} ms, p99 ${cancelled.latency.p99} ms`);
  print(`  ratio CancelMeeting / health throughput: ${fmt(cancelled.requests.average / health.requests.average, 2)}`);
}

if (require.main === module) {
  run().then(() => process.exit(0), (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  });
}

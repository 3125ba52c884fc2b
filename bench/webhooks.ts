import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { consoleLogger } from '../devhost/functions-host/logger';
import { storageStats } from '../devhost/functions-host/storage';
import { startDevhost } from '../devhost/start-devhost';
import { fmt, tableWriteFloor } from './support';

const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 500);
const SUBSCRIBERS = Number(process.env.BENCH_WEBHOOK_SUBSCRIBERS ?? 2);
const CONCURRENCY = 20;
const KEY = 'bench-api-key-0123456789';

/**
 * Webhook deliveries/s: EVENTS domain events (published through the devhost's /dev/events, i.e. the
 * app's own publisher) to SUBSCRIBERS loopback receivers answering 200 at once, from the first
 * publish to the last delivery, on the devhost in memory; beside the raw Azurite write floor of the
 * same run divided by the storage writes each delivery cost (counted: the event log, the delivery
 * row, its orchestration's history, the activity's record).
 */
export async function run(): Promise<void> {
  const writesPerSecond = await tableWriteFloor(CONCURRENCY);

  let received = 0;
  let allIn: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allIn = resolve));
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200).end();
      if (++received === EVENTS * SUBSCRIBERS) allIn();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;

  Object.assign(process.env, { API_KEY: KEY });
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  console.log = () => undefined;
  console.info = () => undefined;
  console.warn = () => undefined;
  const host = await startDevhost({ appDir: path.resolve(__dirname, '..', '..'), port: 0, dataDir: null, log: consoleLogger({ quiet: true }) });
  const api = (p: string, init: RequestInit = {}): Promise<Response> => fetch(`${host.url}/api/${p}`, { ...init, headers: { 'x-api-key': KEY, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const res = await api('subscriptions', { method: 'POST', body: JSON.stringify({ notificationUrl: `http://127.0.0.1:${port}/hook/${i}`, events: ['communication.delivered'] }) });
    if (res.status !== 201) throw new Error(`subscribe failed: ${res.status}`);
  }
  const [writes, reads] = [storageStats.writes, storageStats.reads];
  const begun = performance.now();
  const published = await fetch(`${host.url}/dev/events`, { method: 'POST', body: JSON.stringify({ type: 'communication.delivered', cause: 'bench', count: EVENTS }) });
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${await published.text()}`);
  await done;
  await host.engine.idle();
  const seconds = (performance.now() - begun) / 1000;
  const deliveries = EVENTS * SUBSCRIBERS;
  const perDelivery = { writes: (storageStats.writes - writes) / deliveries, reads: (storageStats.reads - reads) / deliveries };
  await host.stop();
  receiver.close();

  const perSecond = deliveries / seconds;
  const floor = writesPerSecond / perDelivery.writes;
  print(`webhooks: ${fmt(EVENTS)} events × ${SUBSCRIBERS} subscribers (loopback receivers answering 200), published through /dev/events; devhost and Azurite in memory`);
  print(`  raw Table writes (single upserts, ${CONCURRENCY} at a time): ${fmt(writesPerSecond)}/s`);
  print(`  deliveries         ${fmt(deliveries)}: ${fmt(perSecond)}/s; ${fmt(perDelivery.writes, 1)} writes and ${fmt(perDelivery.reads, 1)} reads each → floor ${fmt(floor)}/s; ratio ${fmt(perSecond / floor, 2)}`);
}

if (require.main === module) {
  run().then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

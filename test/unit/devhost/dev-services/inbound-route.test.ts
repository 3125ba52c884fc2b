import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { EventPublisher } from '../../../../devhost/dev-services/event-publisher';
import { e164, postInbound, readInbound } from '../../../../devhost/dev-services/inbound-route';
import type { Logger } from '../../../../devhost/functions-host/logger';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined, functionLog: () => undefined };
const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

/** The shared part of /dev/sms/inbound and /dev/whatsapp/inbound, over real HTTP: a route made of it, and an app webhook answering `webhookStatus`. */
describe('the inbound routes\' reading and answering (inbound-route.ts)', () => {
  let webhookStatus = 200;
  const posted: unknown[] = [];
  const webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      posted.push(JSON.parse(body));
      res.writeHead(webhookStatus).end();
    });
  });
  const schema = z.strictObject({ from: e164, text: z.string().min(1) });
  let route: Server;
  let url = '';
  beforeAll(async () => {
    const webhookUrl = `${await listen(webhook)}/api/events/acs`;
    const publisher = new EventPublisher(() => webhookUrl, quiet);
    route = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => {
        const request = readInbound(req, res, Buffer.concat(chunks), schema, { title: 'Invalid inbound', detail: 'Send { "from", "text" }.' });
        if (request) void postInbound(publisher, res, request.form, { id: 'evt-1', from: request.value.from });
      });
    });
    url = await listen(route);
  });
  afterAll(async () => {
    await new Promise((r) => route.close(r));
    await new Promise((r) => webhook.close(r));
  });
  const send = (body: string, init: { method?: string; type?: string } = {}) =>
    fetch(url, { method: init.method ?? 'POST', headers: { 'content-type': init.type ?? 'application/json' }, redirect: 'manual', ...(init.method === 'GET' ? {} : { body }) });

  test('bad requests: 405 for GET, 400 problem+json for malformed JSON and for a bad field (named); nothing posted', async () => {
    expect((await send('', { method: 'GET' })).status).toBe(405);
    const malformed = await send('{"from":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await malformed.json()) as { errors: unknown[] }).errors).toEqual([{ path: '', message: 'is not valid JSON' }]);
    const bad = await send(JSON.stringify({ from: '4255550123', text: 'hi' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { title: string; errors: Array<{ path: string }> })).toMatchObject({ title: 'Invalid inbound', errors: [{ path: 'from' }] });
    expect(posted).toEqual([]);
  });

  test('accepted: 202 with the event ID and the webhook\'s status; from the outbox page\'s form 303 back to it (the + of a number kept); a refusing webhook → 502', async () => {
    webhookStatus = 200;
    expect(await (await send(JSON.stringify({ from: '+14255550123', text: 'hi' }))).json()).toEqual({ eventId: 'evt-1', webhookStatus: 200 });
    const form = await send(new URLSearchParams({ from: '+14255550124', text: 'hi' }).toString(), { type: 'application/x-www-form-urlencoded' });
    expect({ status: form.status, location: form.headers.get('location') }).toEqual({ status: 303, location: '/dev/outbox' });
    expect(posted.map((p) => (p as Array<{ from: string }>)[0]?.from)).toEqual(['+14255550123', '+14255550124']);
    webhookStatus = 500;
    const refused = await send(JSON.stringify({ from: '+14255550125', text: 'hi' }));
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ eventId: 'evt-1', webhookStatus: 500 });
  });
});

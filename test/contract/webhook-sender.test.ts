import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { HttpWebhookSender } from '../../src/adapters/webhooks/http-webhook-sender';

const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

/** A loopback receiver answering `status` (or never, for `hang`); it records what it got. */
async function receiver(answer: number | 'hang') {
  const got: Array<{ headers: http.IncomingHttpHeaders; body: string; path: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body, path: req.url ?? '' });
      if (answer !== 'hang') res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?sig=abc`;
  return { url, got, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('HttpWebhookSender against a loopback receiver', () => {
  test('a POST the standardwebhooks library verifies: webhook-id, webhook-timestamp (wall clock), v1 signature, application/json', async () => {
    const r = await receiver(202);
    try {
      const body = JSON.stringify({ specversion: '1.0', id: 'e-1', type: 'meeting.confirmed' });
      expect(await new HttpWebhookSender().send({ url: r.url, secret: SECRET, webhookId: 'e-1', body })).toEqual({ kind: 'answered', status: 202 });
      const [request] = r.got;
      expect(request!.path).toBe('/hook?sig=abc');
      expect(request!.headers['content-type']).toBe('application/json');
      expect(request!.headers['webhook-id']).toBe('e-1');
      expect(Math.abs(Number(request!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
      expect(request!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(new Webhook(SECRET).verify(request!.body, request!.headers as Record<string, string>)).toEqual(JSON.parse(body));
      expect(() => new Webhook(`whsec_${Buffer.alloc(32, 8).toString('base64')}`).verify(request!.body, request!.headers as Record<string, string>)).toThrow('No matching signature');
    } finally {
      await r.close();
    }
  });

  test('a status is passed on as it is (410, 500, a redirect is not followed)', async () => {
    for (const status of [410, 500, 302]) {
      const r = await receiver(status);
      try {
        expect(await new HttpWebhookSender().send({ url: r.url, secret: SECRET, webhookId: 'e-2', body: '{}' })).toEqual({ kind: 'answered', status });
      } finally {
        await r.close();
      }
    }
  });

  test('no answer within the timeout, or nobody listening: no answer', async () => {
    const r = await receiver('hang');
    try {
      expect(await new HttpWebhookSender(200).send({ url: r.url, secret: SECRET, webhookId: 'e-3', body: '{}' })).toEqual({ kind: 'noAnswer', reason: 'timeout' });
    } finally {
      await r.close();
    }
    expect(await new HttpWebhookSender(2000).send({ url: r.url, secret: SECRET, webhookId: 'e-4', body: '{}' })).toEqual({ kind: 'noAnswer', reason: 'network' });
  });
});

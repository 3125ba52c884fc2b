import { AppHost, API_KEY, meetingBody, useAppHost } from '../support/app-host';
import { json, tempDir } from '../support/devhost-process';
import { listed, publish, subscribe, WebhookReceiver } from '../support/webhook-receiver';

describe('webhook subscriptions on the devhost', () => {
  let host: AppHost;
  const receivers: WebhookReceiver[] = [];
  const receiver = async (): Promise<WebhookReceiver> => {
    const r = await WebhookReceiver.start();
    receivers.push(r);
    return r;
  };
  useAppHost((started) => (host = started));
  afterAll(async () => Promise.all(receivers.map((r) => r.close())));

  test('a real action (ScheduleMeeting) reaches a subscriber as a signed CloudEvent; 500 then 200 → retried after 30 s with the same webhook-id', async () => {
    const r = await receiver();
    r.script.push(500);
    await subscribe(host, r, ['meeting.scheduled']);
    expect((await host.schedule(meetingBody('WH-1', await host.now(), 10))).status).toBe(202);
    await host.settle();
    expect(r.received.map((x) => x.status)).toEqual([500]);
    await host.advance('PT31S');
    expect(r.received.map((x) => x.status)).toEqual([500, 200]);
    const [first, second] = r.received;
    expect(second!.id).toBe(first!.id);
    expect(r.received.every((x) => x.verified)).toBe(true);
    expect(first!.headers['content-type']).toBe('application/json');
    const event = JSON.parse(second!.body) as Record<string, unknown>;
    expect(event).toMatchObject({ specversion: '1.0', id: first!.id, type: 'meeting.scheduled', subject: 'meetings/WH-1', source: `${host.url}/api`, datacontenttype: 'application/json' });
    expect(event.data).toMatchObject({ meetingId: 'WH-1', contactId: 'C-77', version: 1, status: 'scheduled' });
    // IDs only: no contact details, no text.
    expect(second!.body).not.toMatch(/bob@example\.com|4255550123|Mortgage|Main St/);
    const mine = (await listed(host)).find((s) => s.notificationUrl === r.url.replace(/\?.*$/, ''));
    expect(mine).toMatchObject({ lastDelivery: { status: 'delivered' }, failuresLast24h: 0 });
    expect(host.host.output()).not.toContain('receiver-own-signature');
  });

  test('a receiver that does not answer in 10 s is retried (same ID), then delivered', async () => {
    const r = await receiver();
    r.script.push('hang');
    await subscribe(host, r, ['reply.timeout']);
    const [id] = await publish(host, 'reply.timeout', 'hang-1');
    await host.settle(); // the attempt waits out its 10 s timeout
    expect(r.received.map((x) => x.status)).toEqual(['hang']);
    await host.advance('PT31S');
    expect(r.received.map((x) => `${x.id}:${x.status}`)).toEqual([`${id}:hang`, `${id}:200`]);
  }, 30_000);

  test('410 deletes the subscription: no more events for it', async () => {
    const r = await receiver();
    r.script.push(410);
    const created = await subscribe(host, r, ['contact.optedOut']);
    await publish(host, 'contact.optedOut', 'gone-1');
    await host.settle();
    expect((await listed(host)).map((s) => s.id)).not.toContain(created.id);
    await publish(host, 'contact.optedOut', 'gone-2');
    await host.settle();
    expect(r.received).toHaveLength(1);
  });

  test('unsubscribing through the Location URL: 204, then 404; nothing is delivered after it', async () => {
    const r = await receiver();
    const created = await subscribe(host, r, ['meeting.confirmed']);
    expect(created.location).toBe(`${host.url}/api/subscriptions/${created.id}`);
    expect((await fetch(created.location, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(created.location, { method: 'DELETE', headers: { 'x-api-key': API_KEY } })).status).toBe(204);
    expect((await fetch(created.location, { method: 'DELETE', headers: { 'x-api-key': API_KEY } })).status).toBe(404);
    await publish(host, 'meeting.confirmed', 'after-delete');
    await host.settle();
    expect(r.received).toHaveLength(0);
  });

  test('refused: bad event names (named), http to a non-loopback host, no or wrong credentials', async () => {
    const r = await receiver();
    const post = (body: unknown, headers: Record<string, string> = {}) => host.api('subscriptions', { method: 'POST', body: JSON.stringify(body), headers });
    const bad = await post({ notificationUrl: r.url, events: ['meeting.confirmed', 'meeting.nope'] });
    expect(bad.status).toBe(400);
    expect((await json<{ errors: Array<{ path: string }> }>(bad)).errors.map((e) => e.path)).toEqual(['events[1]']);
    expect((await post({ notificationUrl: 'http://example.com/hook', events: ['meeting.confirmed'] })).status).toBe(400);
    expect((await fetch(`${host.url}/api/subscriptions`)).status).toBe(401);
    expect((await fetch(`${host.url}/api/subscriptions`, { headers: { 'x-api-key': 'wrong-key-0123456789xyz' } })).status).toBe(401);
  });
});

describe('webhooks across a kill -9', () => {
  test('killed while a delivery waits for its retry: after the restart it is delivered, exactly one 2xx', async () => {
    const dataDir = tempDir('webhook-kill');
    const r = await WebhookReceiver.start();
    r.script.push(503);
    const first = await AppHost.start({ dataDir });
    let second: AppHost | undefined;
    try {
      await subscribe(first, r, ['meeting.cancelled']);
      const [id] = await publish(first, 'meeting.cancelled', 'kill-1');
      await first.settle();
      expect(r.received.map((x) => x.status)).toEqual([503]);
      await first.host.kill();
      second = await AppHost.start({ dataDir });
      await second.advance('PT1M');
      expect(r.received.map((x) => `${x.id}:${x.status}`)).toEqual([`${id}:503`, `${id}:200`]);
      await second.advance('PT2H');
      expect(r.delivered()).toEqual([id]);
      expect(r.received.every((x) => x.verified)).toBe(true);
    } finally {
      await second?.stop();
      await r.close();
    }
  }, 90_000);
});

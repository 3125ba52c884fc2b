import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { AppHost } from './app-host';
import { json } from './devhost-process';

/** One POST as the receiver got it, and whether its signature verified with the subscription's secret. */
export interface ReceivedWebhook {
  readonly id: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly status: number | 'hang';
  verified?: boolean;
}

/**
 * A loopback webhook receiver, as a subscriber would run one: it answers from `script` (an HTTP
 * status, or `hang`: never answer), then `otherwise`; it verifies every request with the
 * `standardwebhooks` library's Webhook.verify once it knows the secret, and tracks how many requests
 * were in flight at once.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly script: Array<number | 'hang'> = [];
  otherwise: number | 'hang' = 200;
  secret: string | undefined;
  peakInFlight = 0;
  private inFlight = 0;
  private constructor(private readonly server: http.Server, readonly url: string) {}

  static async start(path = '/hook?sig=receiver-own-signature'): Promise<WebhookReceiver> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => receiver.handle(req, res));
    return receiver;
  }

  /** The 2xx answers it gave, by webhook-id. */
  delivered(): string[] {
    return this.received.filter((r) => typeof r.status === 'number' && r.status >= 200 && r.status < 300).map((r) => r.id);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const status = this.script.shift() ?? this.otherwise;
      const got: ReceivedWebhook = { id: String(req.headers['webhook-id']), headers: req.headers, body, status };
      if (this.secret) {
        try {
          new Webhook(this.secret).verify(body, req.headers as Record<string, string>);
          got.verified = true;
        } catch {
          got.verified = false;
        }
      }
      this.received.push(got);
      if (status === 'hang') {
        res.on('close', () => this.inFlight--);
        return;
      }
      // A little work per request, so concurrent deliveries overlap as they would on a real receiver.
      setTimeout(() => {
        this.inFlight--;
        res.writeHead(status).end();
      }, 5);
    });
  }
}

export interface Created { id: string; secret: string; location: string }
export interface Listed { id: string; notificationUrl: string; lastDelivery?: { status: string }; failuresLast24h: number }

export async function subscribe(host: AppHost, receiver: WebhookReceiver, events: string[]): Promise<Created> {
  const res = await host.api('subscriptions', { method: 'POST', body: JSON.stringify({ notificationUrl: receiver.url, events, description: 'test receiver' }) });
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${await res.text()}`);
  const body = await json<{ id: string; secret: string }>(res);
  receiver.secret = body.secret;
  return { ...body, location: res.headers.get('location') ?? '' };
}

/** Test events through the devhost's /dev/events (the app's own publisher and consumers). */
export async function publish(host: AppHost, type: string, cause: string, count = 1): Promise<string[]> {
  const res = await fetch(`${host.url}/dev/events`, { method: 'POST', body: JSON.stringify({ type, cause, count }) });
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${await res.text()}`);
  return (await json<{ events: string[] }>(res)).events;
}

export const listed = async (host: AppHost): Promise<Listed[]> => (await json<{ subscriptions: Listed[] }>(await host.api('subscriptions'))).subscriptions;


import { Webhook } from 'standardwebhooks';
import type { WebhookAnswer, WebhookRequest, WebhookSender } from '../../ports/webhook-sender';

/** No answer within this time counts as no answer (API.md: "no answer in 10 s is retried"). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * {@link WebhookSender} over fetch, signed with the `standardwebhooks` library. `webhook-timestamp`
 * is the wall-clock time of the attempt, not the app's Clock: receivers compare it with their own
 * clock to refuse replays (5 minutes' tolerance), so it must be real time even when the devhost's
 * virtual clock runs ahead. Redirects are not followed (a receiver that moved answers 3xx: retried,
 * then failed), so a signed event never lands somewhere the subscription did not name.
 */
export class HttpWebhookSender implements WebhookSender {
  constructor(private readonly timeoutMs = WEBHOOK_TIMEOUT_MS, private readonly wallClock: () => Date = () => new Date()) {}

  async send(request: WebhookRequest): Promise<WebhookAnswer> {
    const timestamp = this.wallClock();
    const signature = new Webhook(request.secret).sign(request.webhookId, timestamp, request.body);
    try {
      const res = await fetch(request.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'webhook-id': request.webhookId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: request.body,
      });
      // The answer's body is not ours to keep; reading it frees the connection.
      await res.arrayBuffer().catch(() => undefined);
      return { kind: 'answered', status: res.status };
    } catch (err) {
      // A DOMException (the abort) is not always an Error of this realm: read its name alone.
      const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
      return { kind: 'noAnswer', reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
    }
  }
}

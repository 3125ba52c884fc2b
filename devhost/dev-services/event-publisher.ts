import type { Logger } from '../functions-host/logger';

/** Event Grid's retry schedule begins 10 s, 30 s, 1 min; locally shorter, for the same purpose. */
const RETRY_DELAYS_MS = [200, 1_000, 3_000, 10_000];

/**
 * Posts events to the app's ACS webhook as Event Grid does: the Event Grid schema (an array of one),
 * its `aeg-*` headers, the key in the endpoint URL; a 5xx or a network error is delivered again later,
 * anything else is final. Background deliveries are tracked, so a clock step can wait for them
 * (`idle`): a test that settles the clock sees the final status.
 */
export class EventPublisher {
  private readonly pending = new Set<Promise<unknown>>();

  /** `delayMs` holds each background delivery back (DEVHOST_EVENT_DELAY_MS: tests show that a clock step waits for late reports). */
  constructor(private readonly endpoint: () => string, private readonly log: Logger, private readonly delayMs = 0, private readonly subscription = 'DEVHOST') {}

  /** Posts once and answers the webhook's status (0 when it could not be reached). */
  async post(event: Record<string, unknown>, attempt = 1): Promise<number> {
    try {
      const res = await fetch(this.endpoint(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8', 'aeg-event-type': 'Notification', 'aeg-subscription-name': this.subscription,
          'aeg-delivery-count': String(attempt - 1), 'aeg-data-version': String(event.dataVersion ?? ''), 'aeg-metadata-version': '1',
        },
        body: JSON.stringify([event]),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  /** Delivers in the background, retrying 5xx and network errors; logs the event ID and status only. */
  deliver(event: Record<string, unknown>): void {
    const run = this.withRetries(event).finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  private async withRetries(event: Record<string, unknown>): Promise<void> {
    // After the caller's turn: the send that recorded the message is not held up by its report.
    await new Promise((resolve) => (this.delayMs > 0 ? setTimeout(resolve, this.delayMs) : setImmediate(resolve)));
    for (let attempt = 1; ; attempt += 1) {
      const status = await this.post(event, attempt);
      if (status >= 200 && status < 300) return;
      const delay = RETRY_DELAYS_MS[attempt - 1];
      if ((status !== 0 && status < 500) || delay === undefined) {
        this.log.warn(`event grid (devhost): event ${String(event.id)} not accepted (HTTP ${status}) after ${attempt} attempt(s)`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Waits for every background delivery; true when there was one to wait for. */
  async idle(): Promise<boolean> {
    if (this.pending.size === 0) return false;
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    return true;
  }
}

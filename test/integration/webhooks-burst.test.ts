import { AppHost, useAppHost } from '../support/app-host';
import { waitFor } from '../support/devhost-process';
import { publish, subscribe, WebhookReceiver } from '../support/webhook-receiver';

/**
 * Its own file (its own devhost and jest worker): the longest webhook test, run beside the others.
 * 3 000 deliveries, each its own orchestration, in one devhost process: about 90 s on an idle 2-core
 * machine, about three minutes when other work shares the cores. WEBHOOK_BURST_EVENTS lowers the
 * count for a quick local run.
 */
const EVENTS = Number(process.env.WEBHOOK_BURST_EVENTS ?? 1000);
describe('webhook deliveries under a burst, on the devhost', () => {
  let host: AppHost;
  useAppHost((started) => (host = started));

  test(`${EVENTS} events to 3 subscribers: each gets every event once, signed, at most 4 at a time`, async () => {
    const three = await Promise.all([WebhookReceiver.start(), WebhookReceiver.start(), WebhookReceiver.start()]);
    try {
      for (const r of three) await subscribe(host, r, ['communication.delivered']);
      const ids = await publish(host, 'communication.delivered', 'burst', EVENTS);
      await host.settle();
      for (const r of three) {
        await waitFor(async () => r.received.length, (n) => n >= EVENTS, 120_000, 'the burst');
        expect(r.received).toHaveLength(EVENTS);
        expect(r.delivered().sort()).toEqual([...ids].sort());
        expect(r.received.every((x) => x.verified)).toBe(true);
        expect(r.peakInFlight).toBeLessThanOrEqual(4);
      }
    } finally {
      await Promise.all(three.map((r) => r.close()));
    }
  }, 330_000);
});

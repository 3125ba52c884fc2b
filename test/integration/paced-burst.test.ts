import { startAcsServer, type AcsServer } from '../support/acs-server';
import { AppHost } from '../support/app-host';
import { tempDir } from '../support/devhost-process';

const N = 60;
const RATE = 1200;
const FROM = '+18005550100';

const repeatabilityId = (request: unknown): string =>
  (request as { smsRecipients?: Array<{ repeatabilityRequestId?: string }> }).smsRecipients?.[0]?.repeatabilityRequestId ?? JSON.stringify(request);

async function until(what: string, condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * [6/9]'s restart in the middle of a burst, on the real app: N SMS reminders due at one instant, paced
 * at SEND_RATES through the real ACS SMS client to the loopback ACS server (which refuses anything
 * over the same rate with 429 + Retry-After), the devhost killed with SIGKILL once some were accepted
 * and restarted on the same data: every reminder reaches ACS once, none is lost or failed, and the
 * rate held across the restart (the pacer's timeline is in storage, not in the process).
 */
describe('a paced burst of reminders across a kill -9', () => {
  let acs: AcsServer;
  beforeAll(async () => {
    acs = await startAcsServer({ ratePerMinute: { sms: RATE } });
  });
  afterAll(async () => {
    await acs.close();
  });

  test(`${N} reminders at ${RATE}/min, killed mid-burst: each accepted once, none failed, none refused for the rate`, async () => {
    const dataDir = tempDir('paced-burst-kill');
    const env = { ACS_CONNECTION_STRING: acs.connectionString, ACS_SMS_FROM: FROM, SEND_RATES: `sms=${RATE}/min`, PUBLIC_BASE_URL: 'https://comms.example.com' };
    let host = await AppHost.start({ dataDir, env });
    let alive = true;
    try {
      await host.patchSettings({ enabled: true, reminder: { sms: true, daysBefore: 1, sendAtLocalTime: null } });
      const t0 = Math.ceil(((await host.now()) + 3_600_000) / 60_000) * 60_000;
      for (let i = 0; i < N; i += 10) {
        await Promise.all(Array.from({ length: Math.min(10, N - i) }, async (_, j) => {
          const start = new Date(t0 + 86_400_000);
          const res = await host.schedule({ meetingId: `PB-${i + j}`, subject: 'Review', start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), timeZone: 'UTC', advisor: { name: 'Ana' }, contact: { contactId: `C-${i + j}`, firstName: 'Bob', phone: '+14255550123' } });
          expect(res.status).toBe(202);
        }));
      }
      await host.settle();
      acs.reset();
      // To just before the due instant: the planner reserves every slot (it wakes a minute ahead), then real time brings the burst.
      await host.advance(`PT${((t0 - 2_000 - (await host.now())) / 1000).toFixed(3)}S`);
      const accepted = (): Set<string> => new Set(acs.deliveries.map((d) => repeatabilityId(d.request)));
      await until('the first third of the burst', () => accepted().size >= N / 3, 60_000);
      await host.host.kill();
      alive = false;
      const atKill = accepted().size;
      expect(atKill).toBeLessThan(N);

      host = await AppHost.start({ dataDir, env });
      alive = true;
      await until('every reminder', () => accepted().size >= N, 90_000);
      await host.settle();
      expect(accepted().size).toBe(N);
      expect(acs.deliveries.length).toBe(N);
      const refused = acs.sendRequests('sms').filter((r) => r.answer === 429);
      expect(refused).toEqual([]);
      const failed: string[] = [];
      for (let i = 0; i < N; i++) {
        const reminder = (await host.meeting(`PB-${i}`)).communications.find((c) => c.type === 'reminder');
        if (reminder?.status === 'failed') failed.push(`PB-${i}: ${reminder.reason ?? ''}`);
        expect(reminder?.status).toMatch(/^(sent|delivered)$/);
      }
      expect(failed).toEqual([]);
    } finally {
      if (alive) await host.stop();
    }
  }, 240_000);
});

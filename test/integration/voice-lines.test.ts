import { AppHost, meetingBody } from '../support/app-host';
import { startAcsServer, type AcsServer } from '../support/acs-server';
import { startCallRelay } from '../support/call-relay';
import { waitFor } from '../support/devhost-process';

const NUMBERS = ['+14255550171', '+14255550172', '+14255550173'];

describe('voice: two concurrent calls per caller number (the real Call Automation client against the loopback server)', () => {
  let acs: AcsServer;
  let relay: Awaited<ReturnType<typeof startCallRelay>>;
  let host: AppHost;
  beforeAll(async () => {
    acs = await startAcsServer();
    relay = await startCallRelay();
    // SEND_RATES unset: the default voice=2.
    host = await AppHost.start({ env: { ACS_CONNECTION_STRING: acs.connectionString, ACS_VOICE_FROM: '+18005550100', ACS_CALLS_CALLBACK_URL: relay.url } });
    relay.target(host.url);
    await host.patchSettings({ enabled: true, confirmation: { voice: true } });
  });
  afterAll(async () => {
    await host.stop();
    await relay.close();
    await acs.close();
  });

  test('three confirmations at once: two ring, the third waits (deferred, not dialled) until one of them ends, then it rings', async () => {
    for (const to of NUMBERS) acs.calling.callee(to, 'manual');
    acs.calling.presses(NUMBERS[0] as string, ['1']);
    const now = await host.now();
    for (const [i, to] of NUMBERS.entries()) expect((await host.schedule(meetingBody(`LINES-${i}`, now, 10, { contact: { phone: to } }))).status).toBe(202);
    await host.settle();
    await waitFor(async () => acs.calling.placed(), (n) => n === 2, 15_000, 'two calls up');
    const voice = async (i: number) => ((await host.meeting(`LINES-${i}`)).communications as Array<{ channel: string; status: string; reason: string | null; outcome?: string }>).find((c) => c.channel === 'voice');
    const waiting = await waitFor(async () => (await Promise.all([0, 1, 2].map(voice))).filter((c) => c?.reason === 'deferred: paced: waiting for a free line'), (w) => w.length === 1, 15_000, 'one call waiting for a line');
    expect(waiting[0]).toMatchObject({ status: 'planned' });
    // Past its retry (+30 s) while both are still up: still two calls.
    await host.advance('PT1M');
    await host.settle();
    expect(acs.calling.placed()).toBe(2);

    // The call to the first number is answered and confirmed; when it hangs up its line is free.
    const first = acs.calling.calls.find((c) => c.to === NUMBERS[0]);
    const waitingNumber = NUMBERS.find((to) => !acs.calling.calls.some((c) => c.to === to));
    expect(first).toBeDefined();
    expect(await acs.calling.answer(first!.callConnectionId)).toBe(200);
    await waitFor(() => voice(0), (c) => c?.outcome === 'confirmed' && c.status === 'delivered', 15_000, 'the first call confirmed');
    await acs.calling.idle();
    await host.advance('PT1M');
    await host.settle();
    await waitFor(async () => acs.calling.placed(), (n) => n === 3, 15_000, 'the third call placed');
    expect(acs.calling.calls.map((c) => c.to).sort()).toEqual([...NUMBERS].sort());
    expect(acs.calling.calls.at(-1)?.to).toBe(waitingNumber);
    expect(host.host.output()).not.toMatch(/425555017/);
  });
});

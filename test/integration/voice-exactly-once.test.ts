import { AppHost, meetingBody } from '../support/app-host';
import { startAcsServer, type AcsServer } from '../support/acs-server';
import { startCallRelay } from '../support/call-relay';
import { tempDir, waitFor } from '../support/devhost-process';

const TO = '+14255550161';

describe('voice: exactly one call across a crash (the real Call Automation client against the loopback server)', () => {
  let acs: AcsServer;
  let relay: Awaited<ReturnType<typeof startCallRelay>>;
  beforeAll(async () => {
    acs = await startAcsServer();
    relay = await startCallRelay();
  });
  afterAll(async () => {
    await relay.close();
    await acs.close();
  });

  test('SIGKILL right after createCall was accepted, before CallConnected and before the ledger recorded it: the restart dials no second call, and the call still ends confirmed when answered', async () => {
    acs.calling.callee(TO, 'manual');
    acs.calling.presses(TO, ['1']);
    const dataDir = tempDir('voice-kill');
    const env = { ACS_CONNECTION_STRING: acs.connectionString, ACS_VOICE_FROM: '+18005550100', ACS_CALLS_CALLBACK_URL: relay.url };
    const first = await AppHost.start({ dataDir, env: { ...env, DEVHOST_CRASH_AFTER_SEND: '\\|confirmation\\|voice$' } });
    relay.target(first.url);
    await first.patchSettings({ enabled: true, confirmation: { voice: true } });
    const exited = new Promise<number | null>((resolve) => first.host.child.once('exit', (c, signal) => resolve(signal === 'SIGKILL' ? -9 : c)));
    expect((await first.schedule(meetingBody('VOICE-KILL-1', await first.now(), 10, { contact: { phone: TO } }))).status).toBe(202);
    expect(await exited).toBe(-9);
    expect(acs.calling.placed()).toBe(1);
    const [call] = acs.calling.calls;

    const second = await AppHost.start({ dataDir, env });
    relay.target(second.url);
    try {
      await second.settle();
      const comm = async () => ((await second.meeting('VOICE-KILL-1')).communications as Array<{ channel: string; status: string; outcome?: string }>).find((c) => c.channel === 'voice');
      // The interrupted send is resumed (with its own line back: the lease is the send's): it finds
      // the call dialled and records it sent, without dialling.
      await second.advance('PT1M');
      await waitFor(comm, (c) => c?.status === 'sent', 15_000, 'the resumed send');
      expect(acs.calling.placed()).toBe(1);
      // The customer picks up now: the call goes on with the restarted app.
      expect(await acs.calling.answer(call!.callConnectionId)).toBe(200);
      expect(await waitFor(comm, (c) => c?.outcome === 'confirmed' && c.status === 'delivered', 15_000, 'the keypad answer')).toBeDefined();
      expect((await second.meeting('VOICE-KILL-1')) as unknown).toMatchObject({ attendance: 'confirmed' });
      await acs.calling.idle();
      expect(call?.actions.map((a) => a.kind)).toEqual(['recognize', 'play', 'terminate']);
      expect(acs.calling.placed()).toBe(1);
      expect(acs.requests.filter((r) => r.url.startsWith('/calling/')).every((r) => r.authenticated)).toBe(true);
    } finally {
      await second.stop();
    }
  });
});

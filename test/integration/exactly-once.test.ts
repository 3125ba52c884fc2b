import { AppHost, kinds, meetingBody } from '../support/app-host';
import { tempDir } from '../support/devhost-process';

/**
 * Nothing lost, nothing doubled: each test breaks the flow at a point where a naive implementation
 * would lose or repeat a message, through the real app on the devhost.
 */
describe('exactly once', () => {
  test('killed right after the provider accepted a message and before the ledger recorded it: no second message after the restart, the ledger ends sent and then delivered', async () => {
    const dataDir = tempDir('exactly-once-kill');
    // The outbox (our local provider) kills the process right after it records this send.
    const first = await AppHost.start({ dataDir, env: { DEVHOST_CRASH_AFTER_SEND: '\\|confirmation\\|sms$' } });
    await first.enableAll();
    const now = await first.now();
    expect((await first.schedule(meetingBody('KILL-1', now, 10))).status).toBe(202);
    const code = await new Promise<number | null>((resolve) => first.host.child.once('exit', (c, signal) => resolve(signal === 'SIGKILL' ? -9 : c)));
    expect(code).toBe(-9);

    const second = await AppHost.start({ dataDir });
    try {
      await second.settle();
      await second.advance('PT5M'); // lets a retried send run
      const sent = await second.outbox('KILL-1');
      expect(kinds(sent)).toEqual(['confirmation/email', 'confirmation/sms']);
      const view = await second.meeting('KILL-1');
      const confirmations = view.communications.filter((c) => c.type === 'confirmation');
      // The resumed SMS finds its first record, which the outbox reports (again) as Delivered: the report
      // the kill cut off is not lost, and the ledger moves past sent.
      expect(confirmations.map((c) => `${c.channel}:${c.status}`).sort()).toEqual(['email:delivered', 'sms:delivered', 'voice:skipped', 'whatsapp:skipped']);
    } finally {
      await second.stop();
    }
  });

  test('killed while a customer\'s YES is applied (its acknowledgement accepted, not yet recorded): after the restart the meeting is confirmed and acknowledged once', async () => {
    const dataDir = tempDir('reply-kill');
    const first = await AppHost.start({ dataDir, env: { DEVHOST_CRASH_AFTER_SEND: '^reply\\|.*\\|replyConfirmed$' } });
    await first.enableAll();
    await first.patchSettings({ replies: { enabled: true } });
    expect((await first.schedule(meetingBody('KILL-REPLY-1', await first.now(), 10))).status).toBe(202);
    await first.settle();
    expect(kinds(await first.outbox('KILL-REPLY-1'))).toEqual(['confirmation/email', 'confirmation/sms']);
    const exited = new Promise<number | null>((resolve) => first.host.child.once('exit', (c, signal) => resolve(signal === 'SIGKILL' ? -9 : c)));
    const body = JSON.stringify({ from: '+14255550123', to: '+18005550100', text: 'YES' });
    await fetch(`${first.url}/dev/sms/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
    expect(await exited).toBe(-9);

    const second = await AppHost.start({ dataDir });
    try {
      await second.settle();
      await second.advance('PT5M'); // lets a retried activity run
      expect(kinds(await second.outbox('KILL-REPLY-1'))).toEqual(['confirmation/email', 'confirmation/sms', 'replyConfirmed/sms']);
      const view = (await second.meeting('KILL-REPLY-1')) as unknown as { attendance: string; replies: unknown[]; prompts: Array<{ outcome: string }> };
      expect(view).toMatchObject({ attendance: 'confirmed', replies: [{ intent: 'confirm', outcome: 'confirmed' }], prompts: [{ outcome: 'confirmed' }] });
    } finally {
      await second.stop();
    }
  });

  test('killed between storing a meeting and starting its orchestration: the reconciliation starts it, and its confirmations go out once (issue [2/9])', async () => {
    const dataDir = tempDir('orphan-kill');
    const first = await AppHost.start({ dataDir, env: { DEVHOST_CRASH_BEFORE_START: '^ORPHAN-1$' } });
    await first.enableAll();
    const now = await first.now();
    const exited = new Promise<number | null>((resolve) => first.host.child.once('exit', (c, signal) => resolve(signal === 'SIGKILL' ? -9 : c)));
    await first.schedule(meetingBody('ORPHAN-1', now, 10)).catch(() => undefined);
    expect(await exited).toBe(-9);

    const second = await AppHost.start({ dataDir });
    try {
      // Stored, and nothing runs it: only the reconciliation (every 5 minutes) can start it. Nothing
      // else would: no request names this meeting again.
      expect((await second.meeting('ORPHAN-1')).status).toBe('scheduled');
      await second.advance('PT6M');
      expect(kinds(await second.outbox('ORPHAN-1'))).toEqual(['confirmation/email', 'confirmation/sms']);
      await second.advance('PT10M'); // runs again: nothing more
      expect(kinds(await second.outbox('ORPHAN-1'))).toEqual(['confirmation/email', 'confirmation/sms']);
    } finally {
      await second.stop();
    }
  });

  test('killed between storing a deflection and starting its orchestration (no IVR retry): the reconciliation starts it, and its WhatsApp template goes out once', async () => {
    const dataDir = tempDir('deflection-orphan-kill');
    const first = await AppHost.start({ dataDir, env: { DEVHOST_CRASH_BEFORE_START: '^CA-ORPHAN-1$' } });
    const exited = new Promise<number | null>((resolve) => first.host.child.once('exit', (c, signal) => resolve(signal === 'SIGKILL' ? -9 : c)));
    const body = JSON.stringify({ business_phone: '+34910000000', recipient_phone: '34612345699', template_name: 'continue_on_whatsapp', team_id: 'mortgages' });
    await first.api('deflections', { method: 'POST', headers: { 'idempotency-key': 'CA-ORPHAN-1' }, body }).catch(() => undefined);
    expect(await exited).toBe(-9);

    const second = await AppHost.start({ dataDir });
    try {
      const deflection = async () => (await (await second.api('deflections/CA-ORPHAN-1')).json()) as { status: string; messageId: string | null };
      const sent = async () => (await second.outbox()).filter((m) => m.sendKey.startsWith('defl|CA-ORPHAN-1|'));
      // Stored (with its ticket), and nothing sends it: the IVR does not call again.
      await second.settle();
      expect(await deflection()).toMatchObject({ status: 'accepted', messageId: null });
      expect(await sent()).toEqual([]);
      // Past the minute a deflection is given to start on its own, then one timer run (every 5 minutes;
      // one advance fires a timer once, as Azure runs a past-due timer once): in one 6-minute step the
      // only run could fall inside that minute, depending on the time of day.
      await second.advance('PT1M');
      await second.advance('PT6M');
      expect((await sent()).map((m) => `${m.channel}:${m.sendKey}`)).toEqual(['whatsapp:defl|CA-ORPHAN-1|whatsapp']);
      expect((await deflection()).status).toMatch(/^(sent|delivered)$/);
      await second.advance('PT10M'); // runs again: nothing more
      expect(await sent()).toHaveLength(1);
      expect(second.host.output()).not.toMatch(/612345699/);
    } finally {
      await second.stop();
    }
  });

  test('200 concurrent ScheduleMeeting calls for 50 meetings (4 identical copies each): one confirmation per meeting and channel', async () => {
    const host = await AppHost.start();
    try {
      await host.enableAll();
      const now = await host.now();
      const ids = Array.from({ length: 50 }, (_, i) => `RACE-${i}`);
      const calls = ids.flatMap((id) => [0, 1, 2, 3].map(() => host.schedule(meetingBody(id, now, 20))));
      const replies = await Promise.all(calls.map(async (c) => { const r = await c; return { status: r.status, body: (await r.json()) as { version: number } }; }));
      expect(replies.every((r) => r.status === 202 && r.body.version === 1)).toBe(true);
      await host.settle();
      const sent = (await host.outbox()).filter((m) => m.meetingId?.startsWith('RACE-'));
      expect(sent).toHaveLength(100);
      const perMeeting = new Map<string, string[]>();
      for (const m of sent) perMeeting.set(m.meetingId as string, [...(perMeeting.get(m.meetingId as string) ?? []), `${m.type}/${m.channel}`]);
      for (const id of ids) expect((perMeeting.get(id) ?? []).sort()).toEqual(['confirmation/email', 'confirmation/sms']);
    } finally {
      await host.stop();
    }
  });
});

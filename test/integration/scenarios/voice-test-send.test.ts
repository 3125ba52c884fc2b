import { json, waitFor } from '../../support/devhost-process';
import { AppHost, useAppHost } from '../../support/app-host';
import { subscribe, WebhookReceiver } from '../../support/webhook-receiver';

interface CallView { callConnectionId: string; sendKey: string; actions: Array<{ kind: string; text?: string; voice?: string }> }
interface Preview { text: string; testSend?: { status: string; providerMessageId?: string; sendKey?: string; reason?: string } }
interface CallEvent { type: string; subject: string; data: { callId: string; sendKey: string; meetingId?: string; type: string; attempt: number; outcome: string } }

/**
 * An admin's test send of a voice template (POST /api/templates/preview with `sendTo`) on the
 * devhost's local voice channel, driven through /dev/calls: the call runs like a meeting's, with no
 * meeting behind it. Each ends with one call.* event, which is how a flow (or this test) learns it.
 */
describe('a voice template\'s test send on the devhost: the admin\'s phone rings and the call runs', () => {
  let host: AppHost;
  let receiver: WebhookReceiver;
  useAppHost((started) => (host = started));
  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    await subscribe(host, receiver, ['call.completed', 'call.failed']);
  });
  afterAll(async () => receiver.close());

  /** The local calls of a test send: its first attempt and any redial (`<sendKey>~2`). */
  const calls = async (sendKey: string): Promise<CallView[]> =>
    ((await (await fetch(`${host.url}/dev/calls`)).json()) as CallView[]).filter((c) => c.sendKey === sendKey || c.sendKey.startsWith(`${sendKey}~`));
  const drive = async (call: CallView, verb: 'answer' | 'keys' | 'hangup', body: Record<string, unknown> = {}): Promise<void> => {
    const res = await fetch(`${host.url}/dev/calls/${encodeURIComponent(call.callConnectionId)}/${verb}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    await host.settle();
  };
  const callEvents = (sendKey: string): CallEvent[] =>
    receiver.received.filter((r) => r.status === 200).map((r) => JSON.parse(r.body) as CallEvent).filter((e) => e.data.sendKey === sendKey);
  const ended = (sendKey: string) => waitFor(async () => callEvents(sendKey), (e) => e.length > 0, 10_000, `the call.* event of ${sendKey}`);
  const testSend = async (sendTo: string): Promise<{ preview: Preview; call: CallView; sendKey: string }> => {
    const res = await host.api('templates/preview', { method: 'POST', body: JSON.stringify({ type: 'reminder', channel: 'voice', locale: 'en-US', sendTo }) });
    expect(res.status).toBe(200);
    const preview = await json<Preview>(res);
    expect(preview.testSend).toMatchObject({ status: 'sent', sendKey: expect.stringMatching(/^test\|/) });
    const sendKey = preview.testSend?.sendKey as string;
    await host.settle();
    const [call] = await waitFor(() => calls(sendKey), (c) => c.length === 1, 10_000, 'the test call');
    return { preview, call: call as CallView, sendKey };
  };

  test('answered: it speaks the preview and a menu without confirm or cancel (no meeting to answer); hung up → call.completed, hungUp, no meeting in it', async () => {
    const { preview, call, sendKey } = await testSend('+14255550177');
    await drive(call, 'answer');
    const [asking] = await waitFor(() => calls(sendKey), (c) => c[0]?.actions.some((a) => a.kind === 'ask') === true, 10_000, 'the menu');
    const ask = asking?.actions.find((a) => a.kind === 'ask');
    expect(ask?.voice).toBe('en-US-JennyNeural');
    expect(ask?.text).toContain(preview.text.trim().slice(0, 60));
    expect(ask?.text).toContain('Press 9 to hear this message again.');
    expect(ask?.text).not.toMatch(/to confirm|to cancel/);
    await drive(call, 'keys', { tones: '1' }); // no confirm on the menu: like repeat
    await waitFor(() => calls(sendKey), (c) => c[0]?.actions.filter((a) => a.kind === 'ask').length === 2, 10_000, 'the repeat');
    await drive(call, 'hangup');
    const [event] = await ended(sendKey);
    expect(event).toMatchObject({ type: 'call.completed', subject: expect.stringMatching(/^tests\//), data: { sendKey, attempt: 1, outcome: 'hungUp' } });
    expect(event?.data.meetingId).toBeUndefined();
    expect(host.host.output()).not.toMatch(/4255550177/);
  });

  test('busy: call.failed with outcome busy, and a test call is not dialled again (one attempt, unlike a meeting\'s)', async () => {
    const { call, sendKey } = await testSend('+14255550178');
    await drive(call, 'answer', { result: 'busy' });
    expect((await ended(sendKey)).map((e) => `${e.type}:${e.data.outcome}`)).toEqual(['call.failed:busy']);
    await host.advance('PT40M'); // past voice.retry.afterMinutes (30)
    expect(await calls(sendKey)).toHaveLength(1);
    expect(callEvents(sendKey)).toHaveLength(1);
  });

  test('no callback ever comes (the provider lost the call): after the dial timeout it ends unknown, call.failed, never dialled again', async () => {
    const { sendKey } = await testSend('+14255550179');
    await host.advance('PT4M'); // past the 3-minute dial timeout, which only a running call orchestration keeps
    expect((await ended(sendKey)).map((e) => `${e.type}:${e.data.outcome}`)).toEqual(['call.failed:unknown']);
    await host.advance('PT40M');
    expect(await calls(sendKey)).toHaveLength(1);
  });
});

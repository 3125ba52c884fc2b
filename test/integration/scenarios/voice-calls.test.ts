import { waitFor } from '../../support/devhost-process';
import { AppHost, EVENTS_KEY, meetingBody, useAppHost } from '../../support/app-host';
import { advanceTo, reminderAt } from './scenario-support';

interface CallView { callConnectionId: string; sendKey: string; state: string; operationContext: string; actions: Array<{ kind: string; text?: string; voice?: string; target?: string; operationContext: string | null }> }
interface VoiceComm { type: string; channel: string; status: string; reason: string | null; outcome?: string; attempt?: number; retryAt?: string | null }
interface View { status: string; attendance: string; cancelledBy?: string; communications: VoiceComm[]; replies: Array<{ channel: string; intent: string; outcome: string }> }

const OFFICE = '+14255550100';

describe('voice reminder calls on the devhost: each key does what the menu says', () => {
  let host: AppHost;
  useAppHost((started) => (host = started));
  beforeAll(async () => {
    await host.patchSettings({ enabled: true, confirmation: { voice: true }, voice: { connectTo: OFFICE, retry: { attempts: 1, afterMinutes: 30 } } });
  });

  const calls = async (sendKey?: string): Promise<CallView[]> => {
    const all = (await (await fetch(`${host.url}/dev/calls`)).json()) as CallView[];
    return sendKey ? all.filter((c) => c.sendKey.startsWith(sendKey)) : all;
  };
  const drive = async (call: CallView, verb: 'answer' | 'keys' | 'hangup', body: Record<string, unknown> = {}): Promise<void> => {
    const res = await fetch(`${host.url}/dev/calls/${encodeURIComponent(call.callConnectionId)}/${verb}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    await host.settle();
  };
  const view = async (id: string): Promise<View> => (await host.meeting(id)) as unknown as View;
  const voiceComm = async (id: string): Promise<VoiceComm | undefined> => (await view(id)).communications.find((c) => c.channel === 'voice');
  /** Waits until the call ended so and its ledger row says how (delivered or failed). */
  const until = (id: string, outcome: string) => waitFor(() => voiceComm(id), (c) => c?.outcome === outcome && c.status !== 'sent', 10_000, `${id} outcome ${outcome}`);
  const ringing = (id: string, outcome: string) => waitFor(() => voiceComm(id), (c) => c?.outcome === outcome, 10_000, `${id} outcome ${outcome}`);
  /** Books a meeting; its confirmation call rings. */
  const book = async (id: string, contact: Record<string, unknown> = {}): Promise<CallView> => {
    expect((await host.schedule(meetingBody(id, await host.now(), 10, { contact: { phone: '+14255550151', ...contact } }))).status).toBe(202);
    await host.settle();
    const [call] = await waitFor(() => calls(`${id}|`), (c) => c.length === 1, 10_000, `a call for ${id}`);
    return call as CallView;
  };
  const current = async (call: CallView): Promise<CallView> => (await calls(call.sendKey)).find((c) => c.callConnectionId === call.callConnectionId) as CallView;
  const asked = async (call: CallView, times: number): Promise<CallView> =>
    waitFor(() => current(call), (c) => c.actions.filter((a) => a.kind === 'ask').length === times, 10_000, `ask #${times}`);

  test('1 confirms: the call speaks the message and the menu in the voice of the settings, then attendance is confirmed', async () => {
    const id = 'VOICE-CONFIRM-1';
    const call = await book(id);
    expect(await voiceComm(id)).toMatchObject({ type: 'confirmation', status: 'sent', outcome: 'ringing', attempt: 1 });
    await drive(call, 'answer');
    const ask = (await asked(call, 1)).actions[0];
    expect(ask?.voice).toBe('en-US-JennyNeural');
    expect(ask?.text).toMatch(/^Hello Bob, this is Contoso Bank\. Your appointment, Mortgage review, is booked for \w+day, \w+ \d+(st|nd|rd|th) at \d+(:\d\d)? (AM|PM), at Main Street branch, with Ana Pérez\. /);
    expect(ask?.text).toContain('Press 1 to confirm, press 2 to cancel, press 3 to speak with us, or press 9 to hear this message again.');
    await drive(call, 'keys', { tones: '1' });
    expect(await until(id, 'confirmed')).toMatchObject({ status: 'delivered' });
    const after = await view(id);
    expect(after).toMatchObject({ status: 'scheduled', attendance: 'confirmed', replies: [{ channel: 'voice', intent: 'confirm', outcome: 'confirmed' }] });
    const done = await waitFor(() => current(call), (c) => c.state === 'ended', 10_000, 'hang-up');
    expect(done.actions.map((a) => a.kind)).toEqual(['ask', 'say', 'hangUp']);
    expect(done.actions[1]?.text).toBe('Thank you. Your appointment is confirmed. Goodbye.');
    expect(host.host.output()).not.toMatch(/4255550151/);
  });

  test('2 cancels through CancelMeeting (cancelledBy voice)', async () => {
    const id = 'VOICE-CANCEL-1';
    const call = await book(id);
    await drive(call, 'answer');
    await asked(call, 1);
    await drive(call, 'keys', { tones: '2' });
    await until(id, 'cancelled');
    expect(await view(id)).toMatchObject({ status: 'cancelled', cancelledBy: 'voice', attendance: 'declined' });
  });

  test('3 connects to voice.connectTo (a transfer); 9 repeats at most twice, then the call says goodbye', async () => {
    const id = 'VOICE-CONNECT-1';
    const call = await book(id);
    await drive(call, 'answer');
    await asked(call, 1);
    await drive(call, 'keys', { tones: '3' });
    expect(await until(id, 'connected')).toMatchObject({ status: 'delivered' });
    expect((await current(call)).actions.find((a) => a.kind === 'transfer')?.target).toBe(OFFICE);

    const repeat = 'VOICE-REPEAT-1';
    const again = await book(repeat);
    await drive(again, 'answer');
    for (let asks = 1; asks <= 3; asks++) {
      const state = await asked(again, asks);
      if (asks > 1) expect(state.actions[state.actions.length - 1]?.text).toMatch(/^Here is the message again\. Hello Bob/);
      await drive(again, 'keys', { tones: '9' });
    }
    expect(await until(repeat, 'ended')).toMatchObject({ status: 'delivered' });
    expect((await current(again)).actions.filter((a) => a.kind === 'ask')).toHaveLength(3);
    expect((await view(repeat)).attendance).toBe('unknown');
  });

  test('no key: the message once more, then the closing sentence and hang-up (noInput)', async () => {
    const id = 'VOICE-SILENT-1';
    const call = await book(id);
    await drive(call, 'answer');
    await asked(call, 1);
    await drive(call, 'keys', { tones: '' });
    await asked(call, 2);
    await drive(call, 'keys', { tones: '' });
    expect(await until(id, 'noInput')).toMatchObject({ status: 'delivered' });
    const done = await waitFor(() => current(call), (c) => c.state === 'ended', 10_000, 'hang-up');
    expect(done.actions.map((a) => a.kind)).toEqual(['ask', 'ask', 'say', 'hangUp']);
    expect(done.actions[2]?.text).toBe('We did not receive a response. Goodbye.');
  });

  test('busy: called again after voice.retry.afterMinutes; no answer then: failed with the reason, never a third call', async () => {
    const id = 'VOICE-BUSY-1';
    const call = await book(id);
    await drive(call, 'answer', { result: 'busy' });
    const waiting = await ringing(id, 'busy');
    expect(waiting?.retryAt).not.toBeNull();
    await host.advance('PT31M');
    // The list is newest first: the retry is the first entry.
    const [retry] = (await waitFor(() => calls(`${id}|`), (c) => c.length === 2, 10_000, 'the retry')) as [CallView];
    expect(retry.sendKey).toBe(`${id}|1|confirmation|voice~2`);
    await drive(retry, 'answer', { result: 'noAnswer' });
    expect(await until(id, 'noAnswer')).toMatchObject({ status: 'failed', attempt: 2, reason: expect.stringMatching(/^voice: noAnswer \(CreateCallFailed 480\/560480\)/) });
    await host.advance('PT2H');
    expect(await calls(`${id}|`)).toHaveLength(2);
  });

  test('es-ES: the message, the date and the menu in Spanish, in the Spanish voice', async () => {
    const id = 'VOICE-ES-1';
    const call = await book(id, { locale: 'es-ES', firstName: 'Ana', timeZone: 'Europe/Madrid' });
    await drive(call, 'answer');
    const text = (await asked(call, 1)).actions[0];
    expect(text?.voice).toBe('es-ES-ElviraNeural');
    expect(text?.text).toMatch(/^Hola Ana, le llamamos de Contoso Bank\. Su cita, Mortgage review, está reservada para el (lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d+ de \w+ a las? \d+:\d\d, en Main Street branch, con Ana Pérez\. /);
    expect(text?.text).toContain('Pulse 1 para confirmar, pulse 2 para cancelar, pulse 3 para hablar con nosotros, o pulse 9 para volver a escuchar este mensaje.');
  });

  test('a duplicated callback is applied once; a stale one (an earlier step) changes nothing', async () => {
    const id = 'VOICE-DUP-1';
    const call = await book(id);
    await drive(call, 'answer');
    const first = (await asked(call, 1)).actions[0] as { operationContext: string };
    const recognized = {
      id: 'dup-recognize-1', source: `calling/callConnections/${call.callConnectionId}`, type: 'Microsoft.Communication.RecognizeCompleted', specversion: '1.0', time: new Date(await host.now()).toISOString(),
      data: { callConnectionId: call.callConnectionId, operationContext: first.operationContext, resultInformation: { code: 200, subCode: 8531 }, recognitionType: 'dtmf', dtmfResult: { tones: ['nine'] } },
    };
    const post = (events: unknown[]) => fetch(`${host.url}/api/events/calls?key=${EVENTS_KEY}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
    expect(await (await post([recognized, recognized])).json()).toMatchObject({ received: 2, stored: 1, duplicates: 1 });
    await host.settle();
    await asked(call, 2);
    // The same key again as a new event, but for the first (now stale) step: ignored.
    expect((await post([{ ...recognized, id: 'stale-recognize-1' }])).status).toBe(200);
    await host.settle();
    expect((await current(call)).actions.filter((a) => a.kind === 'ask')).toHaveLength(2);
    expect((await voiceComm(id))?.outcome).toBe('inCall');
  });

  test('/dev/calls refuses what a customer could not do, naming the field, and posts nothing', async () => {
    const id = 'VOICE-DEV-NEG-1';
    const call = await book(id);
    const post = (path: string, body: string, type = 'application/json') => fetch(`${host.url}/dev/calls/${path}`, { method: 'POST', headers: { 'content-type': type }, body, redirect: 'manual' });
    const base = encodeURIComponent(call.callConnectionId);
    expect((await post('no-such-call/answer', '{}')).status).toBe(404);
    expect((await post(`${base}/dance`, '{}')).status).toBe(404);
    expect((await fetch(`${host.url}/dev/calls/${base}/answer`)).status).toBe(405);
    expect((await post(`${base}/keys`, '{"tones":"1"}')).status).toBe(409); // nothing asked yet: answer first
    expect((await post(`${base}/answer`, '{"result":"later"}')).status).toBe(400);
    expect((await post(`${base}/answer`, '{"result":')).status).toBe(400);
    await drive(call, 'answer');
    await asked(call, 1);
    const twoKeys = await post(`${base}/keys`, '{"tones":"12"}');
    expect(twoKeys.status).toBe(400);
    expect(((await twoKeys.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['tones']);
    expect((await post(`${base}/keys`, '{"tones":1}')).status).toBe(400);
    await host.settle();
    expect((await current(call)).actions.map((a) => a.kind)).toEqual(['ask']);
    expect((await voiceComm(id))?.outcome).toBe('inCall');
    // The outbox page shows the asking call with its keypad, whose forms post here.
    const page = await (await fetch(`${host.url}/dev/outbox`)).text();
    expect(page).toContain(`action="/dev/calls/${base}/keys"`);
    expect((await post(`${base}/keys`, 'tones=1', 'application/x-www-form-urlencoded')).status).toBe(303);
    await until(id, 'confirmed');
  });

  test('the reminder call, at its time in the contact\'s zone: answered, 1 confirms, with the reminder text', async () => {
    await host.patchSettings({ reminder: { voice: true, daysBefore: 2 } });
    const id = 'VOICE-REMINDER-1';
    const body = meetingBody(id, await host.now(), 3, { contact: { phone: '+14255550152' } });
    expect((await host.schedule(body)).status).toBe(202);
    await host.settle();
    const [confirmation] = await waitFor(() => calls(`${id}|1|confirmation`), (c) => c.length === 1, 10_000, 'the confirmation call');
    await drive(confirmation as CallView, 'hangup');
    expect(await calls(`${id}|1|reminder`)).toEqual([]);
    // To the reminder's time (2 days before, at the start's wall time in New York), not past it: a call
    // nobody picks up within 3 minutes ends unknown.
    await advanceTo(host, reminderAt(body.start as string, 2) + 1_000);
    const [reminder] = (await waitFor(() => calls(`${id}|1|reminder`), (c) => c.length === 1, 10_000, 'the reminder call')) as [CallView];
    await drive(reminder, 'answer');
    expect((await asked(reminder, 1)).actions[0]?.text).toMatch(/^Hello Bob, this is Contoso Bank with a reminder\. Your appointment, Mortgage review, is on /);
    await drive(reminder, 'keys', { tones: '1' });
    await waitFor(() => view(id), (v) => v.communications.some((c) => c.type === 'reminder' && c.channel === 'voice' && c.outcome === 'confirmed' && c.status === 'delivered'), 10_000, 'the reminder confirmed');
    expect(await view(id)).toMatchObject({ attendance: 'confirmed' });
    expect(((await host.meeting(id)) as unknown as { reminderVoiceSent: boolean }).reminderVoiceSent).toBe(true);
    await host.patchSettings({ reminder: { voice: false } });
  });
});

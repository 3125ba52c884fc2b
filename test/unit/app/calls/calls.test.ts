import { HttpRequest, InvocationContext } from '@azure/functions';
import { advanceCallStep, DIAL_TIMEOUT_MS } from '../../../../src/app/calls/advance-call';
import { handleCallEvents } from '../../../../src/app/calls/call-callbacks';
import { voiceDispatchSender } from '../../../../src/channels/voice/voice-sender';
import { parseConfig } from '../../../../src/config';
import { callIdFor, DEFAULT_SETTINGS, operationContext } from '../../../../src/domain';
import { MAX_CALL_EVENTS_BYTES, callEventHandlers } from '../../../../src/http/call-events';
import type { CallEvent } from '../../../../src/ports/calls';
import { fakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';
import { record } from '../../domain/fixtures';

const KEY = 'events-key-0123456789';
const SEND_KEY = 'A-1001|1|reminder|voice';
const CALL_ID = callIdFor(SEND_KEY);

async function setup(settings = DEFAULT_SETTINGS) {
  const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', EVENTS_KEY: KEY, PUBLIC_BASE_URL: 'https://comms.example.com' }), settings: new FakeSettingsStore(settings) });
  deps.clock.set('2026-12-01T15:00:00.000Z');
  await deps.meetings.create(record());
  await deps.ledger.claim({ sendKey: SEND_KEY, about: { kind: 'meeting', id: 'A-1001' }, type: 'reminder', channel: 'voice', plannedFor: null }, deps.clock.now());
  const sender = voiceDispatchSender(deps.callControl, deps.calls, deps.clock, 'https://comms.example.com/api/events/calls?key=x');
  const sent = await sender.send({ key: SEND_KEY, about: { kind: 'meeting', id: 'A-1001' }, channel: 'voice', to: '+14255550123', content: { channel: 'voice', text: 'Hello Bob.' }, firstSentAt: deps.clock.now().toISOString(), purpose: 'reminder' });
  if (sent.status === 'sent') await deps.ledger.markSent({ kind: 'meeting', id: 'A-1001' }, SEND_KEY, sent.providerMessageId, deps.clock.now());
  const workflow = new RecordingWorkflow();
  const event = (kind: CallEvent['kind'], fields: Partial<CallEvent> = {}): CallEvent => ({
    kind, eventId: `${kind}-${Math.random()}`, type: kind, callConnectionId: 'cc-1', operationContext: operationContext(CALL_ID, 1, 0), at: deps.clock.now().toISOString(), ...fields,
  });
  return { deps, workflow, event };
}

describe('POST /api/events/calls: refused before anything is read or stored', () => {
  async function post(body: string, init: { key?: string | null; type?: string; length?: string } = {}) {
    const { deps, workflow } = await setup();
    const key = init.key === undefined ? KEY : init.key;
    const { calls } = callEventHandlers({ deps: () => deps, workflow: () => workflow });
    const req = new HttpRequest({
      url: `http://localhost/api/events/calls${key === null ? '' : `?key=${encodeURIComponent(key)}`}`, method: 'POST',
      headers: { 'content-type': init.type ?? 'application/json', ...(init.length ? { 'content-length': init.length } : {}) }, body: { string: body },
    });
    const res = await calls(req, new InvocationContext({ functionName: 'CallEvents', invocationId: 'i', logHandler: () => undefined }));
    return { status: res.status, body: res.jsonBody as { errors?: Array<{ path: string }>; unknown?: number; stored?: number }, headers: res.headers, deps, workflow };
  }
  const valid = JSON.stringify([{ id: 'e-1', type: 'Microsoft.Communication.CallConnected', time: '2026-12-01T15:00:01Z', data: { callConnectionId: 'cc-1', operationContext: operationContext(CALL_ID, 1, 0) } }]);

  test.each([
    ['no key', { key: null }, 401],
    ['a wrong key', { key: 'wrong-key-0123456789' }, 401],
    ['a body that is not JSON', { body: '[{"id":' }, 400],
    ['a body that is not JSON by its type', { type: 'text/plain' }, 415],
    ['a declared body over the limit', { length: String(MAX_CALL_EVENTS_BYTES + 1) }, 413],
    ['a body over the limit', { body: JSON.stringify([{ id: 'x'.repeat(MAX_CALL_EVENTS_BYTES), type: 't', data: { callConnectionId: 'c' } }]) }, 413],
    ['an empty array', { body: '[]' }, 400],
  ])('%s → %i, nothing stored', async (_label, init, status) => {
    const { body: text, ...rest } = init as { body?: string; key?: string | null; type?: string; length?: string };
    const res = await post(text ?? valid, rest);
    expect(res.status).toBe(status);
    expect(res.deps.calls.events.size).toBe(0);
    expect(res.workflow.callNudges).toEqual([]);
  });

  test.each([
    ['a connection ID of the wrong type', [{ id: 'e', type: 'Microsoft.Communication.CallConnected', data: { callConnectionId: 42 } }], '[0].data.callConnectionId'],
    ['no event ID', [{ type: 'Microsoft.Communication.CallConnected', data: { callConnectionId: 'cc-1' } }], '[0].id'],
    ['tones that are not a list', [{ id: 'e', type: 'Microsoft.Communication.RecognizeCompleted', data: { callConnectionId: 'cc-1', dtmfResult: { tones: 'one' } } }], '[0].data.dtmfResult.tones'],
    ['a second element without data', [{ id: 'e', type: 'Microsoft.Communication.CallConnected', data: { callConnectionId: 'cc-1' } }, { id: 'f', type: 'x' }], '[1].data'],
  ])('%s → 400 naming the field', async (_label, body, path) => {
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
    expect(res.deps.calls.events.size).toBe(0);
  });

  test('a callback for a call that is not ours → 200, ignored; one of a type we do not handle is stored and changes nothing', async () => {
    const foreign = await post(JSON.stringify([{ id: 'e-9', type: 'Microsoft.Communication.CallConnected', data: { callConnectionId: 'someone-else', operationContext: 'theirs' } }]));
    expect(foreign).toMatchObject({ status: 200, body: { unknown: 1, stored: 0 } });
    expect(foreign.deps.calls.events.size).toBe(0);
    const other = await post(JSON.stringify([{ id: 'e-8', type: 'Microsoft.Communication.ParticipantsUpdated', data: { callConnectionId: 'cc-1', operationContext: operationContext(CALL_ID, 1, 0) } }]));
    expect(other).toMatchObject({ status: 200, body: { stored: 1 } });
    expect(await advanceCallStep(other.deps, other.workflow, CALL_ID, false)).toMatchObject({ kind: 'wait' });
    expect((await other.deps.calls.get(CALL_ID))?.call.state.phase).toBe('dialling');
  });
});

describe('a call with no callback', () => {
  test('is recorded unknown after the dial deadline, never dialled again; the ledger stays sent and call.failed says unknown (no number in it)', async () => {
    const { deps, workflow } = await setup();
    expect(deps.callControl.of('dial')).toHaveLength(1);
    const early = await advanceCallStep(deps, workflow, CALL_ID, true);
    expect(early).toEqual({ kind: 'wait', until: new Date(deps.clock.now().getTime() + DIAL_TIMEOUT_MS).toISOString() });
    deps.clock.set(new Date(deps.clock.now().getTime() + DIAL_TIMEOUT_MS));
    expect(await advanceCallStep(deps, workflow, CALL_ID, true)).toEqual({ kind: 'done', outcome: 'unknown' });
    expect(deps.callControl.of('dial')).toHaveLength(1);
    expect((await deps.ledger.get({ kind: 'meeting', id: 'A-1001' }, SEND_KEY))?.status).toBe('sent');
    const failed = [...deps.eventLog.events.values()].map((row) => row.event).filter((e) => e.type === 'call.failed');
    expect(failed.map((e) => e.data)).toEqual([expect.objectContaining({ callId: CALL_ID, sendKey: SEND_KEY, outcome: 'unknown', attempt: 1, meetingId: 'A-1001', contactId: 'C-77' })]);
    expect(JSON.stringify(failed)).not.toContain('4255550123');
  });

  test('a resumed send (the same key again) finds the call dialled and does not dial', async () => {
    const { deps } = await setup();
    const sender = voiceDispatchSender(deps.callControl, deps.calls, deps.clock, 'https://x/api/events/calls?key=x');
    const again = await sender.send({ key: SEND_KEY, about: { kind: 'meeting', id: 'A-1001' }, channel: 'voice', to: '+14255550123', content: { channel: 'voice', text: 'Hello Bob.' }, firstSentAt: deps.clock.now().toISOString(), purpose: 'reminder' });
    expect(again).toEqual({ status: 'sent', providerMessageId: 'cc-1' });
    expect(deps.callControl.of('dial')).toHaveLength(1);
  });
});

describe('busy inside quiet hours', () => {
  test('the retry waits for the end of the contact\'s quiet hours', async () => {
    const { deps, workflow, event } = await setup({ ...DEFAULT_SETTINGS, quietHours: { enabled: true, start: '21:00', end: '08:00' }, voice: { ...DEFAULT_SETTINGS.voice, retry: { attempts: 1, afterMinutes: 60 } } });
    // 20:30 in New York: an hour later is inside 21:00–08:00.
    deps.clock.set('2026-12-02T01:30:00.000Z');
    await handleCallEvents(deps, workflow, [event('createFailed', { code: 486, subCode: 560486 })]);
    expect(workflow.callStarts).toEqual([CALL_ID]);
    expect(await advanceCallStep(deps, workflow, CALL_ID, false)).toEqual({ kind: 'redial', at: '2026-12-02T13:00:00.000Z' });
    expect([...deps.eventLog.events.values()].filter((row) => row.event.type.startsWith('call.'))).toEqual([]);
  });
});

describe('a test call (an admin\'s test send: about no meeting)', () => {
  test('busy ends it: call.failed busy, never a redial (the retry is a meeting\'s, bounded by its start)', async () => {
    const deps = fakeDeps({ config: parseConfig({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', EVENTS_KEY: KEY, PUBLIC_BASE_URL: 'https://comms.example.com' }) });
    const about = { kind: 'test', id: 't-1' } as const;
    const sendKey = 'test|t-1';
    await deps.ledger.claim({ sendKey, about, type: 'test', channel: 'voice', plannedFor: null }, deps.clock.now());
    const sender = voiceDispatchSender(deps.callControl, deps.calls, deps.clock, 'https://comms.example.com/api/events/calls?key=x');
    const sent = await sender.send({ key: sendKey, about, channel: 'voice', to: '+14255550123', content: { channel: 'voice', text: 'Hello Bob.' }, firstSentAt: deps.clock.now().toISOString(), purpose: 'test' });
    expect(sent.status).toBe('sent');
    const callId = callIdFor(sendKey);
    const workflow = new RecordingWorkflow();
    await handleCallEvents(deps, workflow, [{ kind: 'createFailed', eventId: 'e-1', type: 'CreateCallFailed', callConnectionId: 'cc-1', operationContext: operationContext(callId, 1, 0), at: deps.clock.now().toISOString(), code: 486, subCode: 560486 }]);
    expect(await advanceCallStep(deps, workflow, callId, false)).toEqual({ kind: 'done', outcome: 'busy' });
    expect((await deps.calls.get(callId))?.call.retryAt).toBeNull();
    const events = [...deps.eventLog.events.values()].map((row) => row.event).filter((e) => e.type.startsWith('call.'));
    expect(events.map((e) => [e.type, (e.data as { outcome: string }).outcome])).toEqual([['call.failed', 'busy']]);
  });
});

describe('a voice preview', () => {
  test('shows the spoken text, the voice and the menu of the settings in force; a cancellation notice offers no confirm or cancel', async () => {
    const { previewTemplate } = await import('../../../../src/app/preview-template');
    const deps = fakeDeps({ settings: new FakeSettingsStore({ ...DEFAULT_SETTINGS, voice: { ...DEFAULT_SETTINGS.voice, connectTo: '+14255550100' } }) });
    const reminder = await previewTemplate(deps, { ref: { type: 'reminder', channel: 'voice', locale: 'es-ES' }, meeting: undefined, template: undefined });
    expect(reminder.ok && reminder.value.preview.call).toEqual({
      voice: 'es-ES-ElviraNeural',
      menu: [{ key: '1', action: 'confirm' }, { key: '2', action: 'cancel' }, { key: '3', action: 'connect' }, { key: '9', action: 'repeat' }],
      spoken: expect.stringMatching(/^Hola .+ Pulse 1 para confirmar, pulse 2 para cancelar, pulse 3 para hablar con nosotros, o pulse 9 para volver a escuchar este mensaje\.$/),
    });
    expect(reminder.ok && reminder.value.preview.text).not.toMatch(/Pulse/);
    const notice = await previewTemplate(deps, { ref: { type: 'cancellation', channel: 'voice', locale: 'en-US' }, meeting: undefined, template: undefined });
    expect(notice.ok && notice.value.preview.call?.menu.map((m) => m.action)).toEqual(['connect', 'repeat']);
    const sms = await previewTemplate(deps, { ref: { type: 'reminder', channel: 'sms', locale: 'en-US' }, meeting: undefined, template: undefined });
    expect(sms.ok && sms.value.preview.call).toBeUndefined();
  });

  test('a voice template that speaks a link is refused, naming the field', async () => {
    const { voiceChannel } = await import('../../../../src/channels/voice');
    expect(voiceChannel.compile({ text: 'Hello {{ contactFirstName }}, cancel at {{ cancelLink }}.' })).toMatchObject({ ok: false, errors: [{ part: 'text', field: 'cancelLink', line: 1 }] });
    expect(voiceChannel.compile({ text: 'Hello {{ contactFirstName }}.' }).ok).toBe(true);
  });
});

describe('a call createCall refuses', () => {
  test('is recorded failed with the provider\'s reason, never ringing', async () => {
    const { deps } = await setup();
    deps.callControl.nextDial = { status: 'failed', kind: 'invalidRecipient', reason: 'acs-calls: createCall rejected (HTTP 400)' };
    const sender = voiceDispatchSender(deps.callControl, deps.calls, deps.clock, 'https://x/api/events/calls?key=x');
    const key = 'A-1001|1|confirmation|voice';
    expect(await sender.send({ key, about: { kind: 'meeting', id: 'A-1001' }, channel: 'voice', to: '+14255550123', content: { channel: 'voice', text: 'Hello.' }, firstSentAt: deps.clock.now().toISOString(), purpose: 'confirmation' }))
      .toMatchObject({ status: 'failed' });
    expect((await deps.calls.get(callIdFor(key)))?.call.state).toMatchObject({ phase: 'ended', outcome: 'failed', reason: 'acs-calls: createCall rejected (HTTP 400)' });
  });
});

describe('a key pressed after the meeting changed', () => {
  test('answers nothing: the call says goodbye and ends `ended`; attendance stays unknown', async () => {
    const { deps, workflow, event } = await setup();
    await handleCallEvents(deps, workflow, [event('connected')]);
    await advanceCallStep(deps, workflow, CALL_ID, false);
    expect(deps.callControl.of('ask')).toHaveLength(1);
    const stored = await deps.meetings.get('A-1001');
    await deps.meetings.replace({ ...stored!.record, status: 'cancelled', cancellation: { cancelledAt: deps.clock.now().toISOString(), source: 'portal', reason: null } }, stored!.etag);
    await handleCallEvents(deps, workflow, [event('recognized', { tone: '1', operationContext: operationContext(CALL_ID, 1, 1) })]);
    await advanceCallStep(deps, workflow, CALL_ID, false);
    expect(deps.callControl.of('say').map((a) => a.speech.text)).toEqual(['Thank you. Goodbye.']);
    expect((await deps.calls.get(CALL_ID))?.call.state).toMatchObject({ phase: 'closing', outcome: 'ended', reason: 'the meeting changed during the call' });
    expect(await deps.prompts.forMeeting('A-1001')).toEqual([]);
  });

  test('a key that answered is applied once, however often the activity runs: one prompt, one reply, one meeting.confirmed', async () => {
    const { deps, workflow, event } = await setup();
    await handleCallEvents(deps, workflow, [event('connected')]);
    await advanceCallStep(deps, workflow, CALL_ID, false);
    const pressed = event('recognized', { tone: '1', operationContext: operationContext(CALL_ID, 1, 1) });
    await handleCallEvents(deps, workflow, [pressed, pressed]);
    await advanceCallStep(deps, workflow, CALL_ID, false);
    await advanceCallStep(deps, workflow, CALL_ID, false);
    expect((await deps.prompts.forMeeting('A-1001')).map((p) => [p.channel, p.outcome])).toEqual([['voice', 'confirmed']]);
    expect(await deps.prompts.repliesFor('A-1001')).toHaveLength(1);
    expect(deps.eventLog.ofType('meeting.confirmed')).toHaveLength(1);
    expect(deps.callControl.of('say').map((a) => a.speech.text)).toEqual(['Thank you. Your appointment is confirmed. Goodbye.']);
  });
});

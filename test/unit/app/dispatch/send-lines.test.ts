import { advanceCallStep, DIAL_TIMEOUT_MS } from '../../../../src/app/calls/advance-call';
import { handleCallEvents } from '../../../../src/app/calls/call-callbacks';
import { redialCall } from '../../../../src/app/calls/redial-call';
import type { PendingSend } from '../../../../src/app/dispatch/pending-send';
import { sendOnce } from '../../../../src/app/dispatch/send-once';
import { LINE_REASON } from '../../../../src/app/dispatch/take-line';
import { voiceDispatchSender } from '../../../../src/channels/voice/voice-sender';
import { callIdFor, DEFAULT_SETTINGS, LINE_RETRY_MS, ok, operationContext, type Settings } from '../../../../src/domain';
import type { About } from '../../../../src/ports/dispatch';
import { TransientProviderError } from '../../../../src/ports/send-result';
import { fakeDeps } from '../../../fakes/fake-deps';
import { FakeSettingsStore } from '../../../fakes/fake-settings-store';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';
import { record } from '../../domain/fixtures';

// The default SEND_RATES: voice=2, two calls up at once per caller number. The voice sender is the
// real one (call rows before the dial) over the recording dialler, whose number is +18005550199.
const LINE = 'voice:+18005550199';
const keyOf = (id: string) => `${id}|1|reminder|voice`;

async function setup(settings: Settings = DEFAULT_SETTINGS) {
  const base = fakeDeps({ settings: new FakeSettingsStore(settings) });
  const deps = { ...base, senders: { ...base.senders, voice: voiceDispatchSender(base.callControl, base.calls, base.clock, 'https://comms.example.com/api/events/calls?key=x') } };
  deps.clock.set('2026-12-02T15:00:00.000Z');
  for (const id of ['A-1', 'A-2', 'A-3']) await deps.meetings.create(record({ meetingId: id }));
  const workflow = new RecordingWorkflow();
  const about = (id: string): About => ({ kind: 'meeting', id });
  const call = (id: string): PendingSend => ({
    about: about(id), key: keyOf(id), type: 'reminder', channel: 'voice', plannedFor: null,
    recheck: async () => undefined,
    compose: async () => ok({ to: '+14255550123', content: { channel: 'voice', text: 'Hello Bob.' } }),
  });
  /** A callback of the call's current connection (`cc-N` is the N-th dial). */
  const callback = (id: string, kind: 'createFailed' | 'connected', connection: string, attempt = 1) => handleCallEvents(deps, workflow, [{
    kind, eventId: `${id}-${kind}-${attempt}`, type: kind, callConnectionId: connection, operationContext: operationContext(callIdFor(keyOf(id)), attempt, 0), at: deps.clock.now().toISOString(),
    ...(kind === 'createFailed' ? { code: 486, subCode: 560486 } : {}),
  }]);
  return { deps, workflow, about, call, callback };
}

describe('a caller number\'s lines: at most SEND_RATES\' voice calls up at once', () => {
  test('a third call while two are up is deferred (paced, not an attempt, never dialled); when one ends the next goes', async () => {
    const { deps, workflow, about, call } = await setup();
    expect(await sendOnce(deps, call('A-1'))).toMatchObject({ status: 'sent' });
    expect(await sendOnce(deps, call('A-2'))).toMatchObject({ status: 'sent' });
    const third = await sendOnce(deps, call('A-3'));
    const retryAt = new Date(deps.clock.now().getTime() + LINE_RETRY_MS).toISOString();
    expect(third).toEqual({ status: 'deferred', retryAt, reason: LINE_REASON });
    expect(deps.callControl.of('dial').map((d) => d.key)).toEqual([keyOf('A-1'), keyOf('A-2')]);
    expect(await deps.ledger.get(about('A-3'), keyOf('A-3'))).toMatchObject({ status: 'claimed', attempts: 0, reason: LINE_REASON, retryAt });
    // Woken while both are still up: deferred again, still not dialled.
    deps.clock.set(retryAt);
    expect(await sendOnce(deps, call('A-3'))).toMatchObject({ status: 'deferred', reason: LINE_REASON });
    expect(deps.callControl.of('dial')).toHaveLength(2);

    // The first call ends (no callback by the dial deadline: unknown): its orchestration gives the line back.
    deps.clock.set(new Date(deps.clock.now().getTime() + DIAL_TIMEOUT_MS));
    expect(await advanceCallStep(deps, workflow, callIdFor(keyOf('A-1')), true)).toEqual({ kind: 'done', outcome: 'unknown' });
    expect(deps.lines.held(LINE)).toEqual([keyOf('A-2')]);
    // A repeated round releases nothing more.
    await advanceCallStep(deps, workflow, callIdFor(keyOf('A-1')), true);
    expect(deps.lines.held(LINE)).toEqual([keyOf('A-2')]);

    expect(await sendOnce(deps, call('A-3'))).toMatchObject({ status: 'sent' });
    expect(deps.callControl.of('dial').map((d) => d.key)).toEqual([keyOf('A-1'), keyOf('A-2'), keyOf('A-3')]);
    expect(deps.lines.held(LINE).sort()).toEqual([keyOf('A-2'), keyOf('A-3')]);
  });

  test('a send resumed after a crash mid-dial gets its own line back and never dials twice', async () => {
    const { deps, call } = await setup();
    await sendOnce(deps, call('A-1'));
    await sendOnce(deps, call('A-2'));
    // As if the ledger never heard of the dial (a crash before "sent"): the same send runs again from its claim.
    const entry = await deps.ledger.get({ kind: 'meeting', id: 'A-1' }, keyOf('A-1'));
    if (entry === undefined) throw new Error('no ledger row');
    expect(await sendOnce(deps, { ...call('A-1'), entry: { ...entry, status: 'claimed', providerMessageId: null } })).toMatchObject({ status: 'sent' });
    expect(deps.callControl.of('dial')).toHaveLength(2);
    expect(deps.lines.held(LINE).sort()).toEqual([keyOf('A-1'), keyOf('A-2')]);
  });

  test('a test call (nobody retries it) with no free line fails with the reason, never dialled', async () => {
    const { deps, about, call } = await setup();
    await sendOnce(deps, call('A-1'));
    await sendOnce(deps, call('A-2'));
    const outcome = await sendOnce(deps, { ...call('A-3'), deferrable: false });
    expect(outcome).toEqual({ status: 'failed', reason: `the caller number has no free line (paced); one is expected by ${new Date(deps.clock.now().getTime() + LINE_RETRY_MS).toISOString()}` });
    expect(await deps.ledger.get(about('A-3'), keyOf('A-3'))).toMatchObject({ status: 'failed' });
    expect(deps.callControl.of('dial')).toHaveLength(2);
  });

  test('a throttled dial keeps its line while deferred (it dials with it on the retry)', async () => {
    const { deps, call } = await setup();
    // The first createCall answers 429 (refused outright: the voice sender clears its dial mark).
    const dial = deps.callControl.dial.bind(deps.callControl);
    let first = true;
    deps.callControl.dial = async (...args: Parameters<typeof dial>) => {
      if (!first) return dial(...args);
      first = false;
      throw new TransientProviderError('recording', 'throttled', 'HTTP 429', 1_000);
    };
    expect(await sendOnce(deps, call('A-1'))).toMatchObject({ status: 'deferred' });
    expect(deps.lines.held(LINE)).toEqual([keyOf('A-1')]);
    deps.clock.set(new Date(deps.clock.now().getTime() + 60_000));
    expect(await sendOnce(deps, call('A-1'))).toMatchObject({ status: 'sent' });
    expect(deps.callControl.of('dial')).toHaveLength(1);
    expect(deps.lines.held(LINE)).toEqual([keyOf('A-1')]);
  });

  test('a call refused outright gives its line back at once', async () => {
    const { deps, call } = await setup();
    deps.callControl.nextDial = { status: 'failed', kind: 'permanent', reason: 'invalid number' };
    expect(await sendOnce(deps, call('A-1'))).toMatchObject({ status: 'failed' });
    expect(deps.lines.held(LINE)).toEqual([]);
  });

  test('the retry after busy takes a line too: none free → the retry moves on, not dialled; freed → dialled', async () => {
    const { deps, workflow, call, callback } = await setup({ ...DEFAULT_SETTINGS, voice: { ...DEFAULT_SETTINGS.voice, retry: { attempts: 1, afterMinutes: 5 } } });
    await sendOnce(deps, call('A-1'));
    await sendOnce(deps, call('A-2'));
    // A-1 is busy: its attempt ended, its line is free, and A-3 takes it meanwhile.
    await callback('A-1', 'createFailed', 'cc-1');
    const redial = await advanceCallStep(deps, workflow, callIdFor(keyOf('A-1')), false);
    expect(redial).toMatchObject({ kind: 'redial' });
    expect(deps.lines.held(LINE)).toEqual([keyOf('A-2')]);
    expect(await sendOnce(deps, call('A-3'))).toMatchObject({ status: 'sent' });

    deps.clock.set(redial.kind === 'redial' ? redial.at : '');
    const moved = await redialCall(deps, callIdFor(keyOf('A-1')));
    const later = new Date(deps.clock.now().getTime() + LINE_RETRY_MS).toISOString();
    expect(moved).toEqual({ kind: 'redial', at: later });
    expect((await deps.calls.get(callIdFor(keyOf('A-1'))))?.call.retryAt).toBe(later);
    expect(await advanceCallStep(deps, workflow, callIdFor(keyOf('A-1')), false)).toEqual({ kind: 'redial', at: later });
    expect(deps.callControl.of('dial')).toHaveLength(3);

    // A-3 is busy too (it has retries left, but its line is given back now).
    await callback('A-3', 'createFailed', 'cc-3');
    expect(await advanceCallStep(deps, workflow, callIdFor(keyOf('A-3')), false)).toMatchObject({ kind: 'redial' });
    deps.clock.set(later);
    expect(await redialCall(deps, callIdFor(keyOf('A-1')))).toMatchObject({ kind: 'wait' });
    expect(deps.callControl.of('dial').map((d) => d.key).at(-1)).toBe(`${keyOf('A-1')}~2`);
    expect(deps.lines.held(LINE).sort()).toEqual([keyOf('A-1'), keyOf('A-2')]);
  });

  test('the local outbox (no provider) has no lines: nothing is leased', async () => {
    const deps = fakeDeps();
    const outbox = { ...deps, senders: { ...deps.senders, voice: Object.assign(Object.create(deps.senders.voice) as typeof deps.senders.voice, { provider: 'outbox' }) } };
    for (const id of ['A-1', 'A-2', 'A-3']) {
      const pending: PendingSend = { about: { kind: 'meeting', id }, key: keyOf(id), type: 'reminder', channel: 'voice', plannedFor: null, recheck: async () => undefined, compose: async () => ok({ to: '+14255550123', content: { channel: 'voice', text: 'Hi.' } }) };
      expect(await sendOnce(outbox, pending)).toMatchObject({ status: 'sent' });
    }
    expect(deps.lines.asked).toEqual([]);
  });
});

import { advanceCall, initialCallState, MAX_PLAYS, type CallState, type MachineEvent } from '../../../../src/domain';
import type { MenuAction, MenuKey } from '../../../../src/domain/settings/voice-settings';

const MENU: Array<[MenuKey, MenuAction]> = [['1', 'confirm'], ['2', 'cancel'], ['3', 'connect'], ['9', 'repeat'], ['0', 'end']];
const T0 = '2026-12-01T10:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
const dialling = initialCallState(T0);

/** Runs events through the machine; returns the last state and every effect kind, in order. */
function run(events: MachineEvent[], start: CallState = dialling): { state: CallState; effects: string[] } {
  let state = start;
  const effects: string[] = [];
  for (const event of events) {
    const step = advanceCall(state, event, MENU);
    state = step.state;
    effects.push(...step.effects.map((e) => ('closing' in e ? `${e.kind}:${e.closing}` : 'again' in e ? `${e.kind}${e.again ? ':again' : ''}` : e.kind)));
  }
  return { state, effects };
}
const connected: MachineEvent = { kind: 'connected', attempt: 1, step: 0, at: at(1) };
/** A key pressed at the current step (the machine numbers steps from 1 after CallConnected). */
const key = (tone: string, step: number, s = 2): MachineEvent => ({ kind: 'recognized', attempt: 1, step, tone, at: at(s) });
const silence = (step: number): MachineEvent => ({ kind: 'recognizeFailed', attempt: 1, step, code: 400, subCode: 8510, at: at(3) });
const played = (step: number): MachineEvent => ({ kind: 'playCompleted', attempt: 1, step, at: at(4) });

describe('the call state machine', () => {
  test.each([
    ['1 confirms, says so, hangs up', [connected, key('1', 1), played(2)], 'confirmed', ['ask', 'confirm', 'say:confirmed', 'hangUp']],
    ['2 cancels, says so, hangs up', [connected, key('2', 1), played(2)], 'cancelled', ['ask', 'cancel', 'say:cancelled', 'hangUp']],
    ['3 transfers; accepted ends the call', [connected, key('3', 1), { kind: 'transferAccepted', attempt: 1, step: 2, at: at(5) }], 'connected', ['ask', 'transfer']],
    ['0 (end) says goodbye', [connected, key('0', 1), played(2)], 'ended', ['ask', 'say:goodbye', 'hangUp']],
    ['9 repeats at most twice, then goodbye', [connected, key('9', 1), key('9', 2), key('9', 3), played(4)], 'ended', ['ask', 'ask:again', 'ask:again', 'say:goodbye', 'hangUp']],
    ['a key not in the menu repeats like 9', [connected, key('7', 1), key('1', 2), played(3)], 'confirmed', ['ask', 'ask:again', 'confirm', 'say:confirmed', 'hangUp']],
    ['no key: once more, then noInput', [connected, silence(1), silence(2), played(3)], 'noInput', ['ask', 'ask:again', 'say:noInput', 'hangUp']],
    ['no key, then 1: confirmed', [connected, silence(1), key('1', 2), played(3)], 'confirmed', ['ask', 'ask:again', 'confirm', 'say:confirmed', 'hangUp']],
    ['the customer hangs up mid-menu', [connected, { kind: 'disconnected', attempt: 1, step: 0, code: 200, subCode: 0, at: at(3) }], 'hungUp', ['ask']],
    ['busy', [{ kind: 'createFailed', attempt: 1, step: 0, code: 486, subCode: 560486, at: at(1) }], 'busy', []],
    ['no answer', [{ kind: 'createFailed', attempt: 1, step: 0, code: 480, subCode: 560480, at: at(1) }], 'noAnswer', []],
    ['declined before connecting', [{ kind: 'disconnected', attempt: 1, step: 0, code: 487, subCode: 10024, at: at(1) }], 'declined', []],
    ['blocked as spam: failed', [{ kind: 'createFailed', attempt: 1, step: 0, code: 403, subCode: 510403, at: at(1) }], 'failed', []],
    ['a transfer that fails: sorry, goodbye', [connected, key('3', 1), { kind: 'transferFailed', attempt: 1, step: 2, code: 500, subCode: 0, at: at(5) }, played(3)], 'ended', ['ask', 'transfer', 'say:connectFailed', 'hangUp']],
    ['no callback after the dial: unknown, nothing to hang up', [{ kind: 'timeout', at: at(200) }], 'unknown', []],
    ['silence mid-call past the deadline: hung up, unknown', [connected, { kind: 'timeout', at: at(400) }], 'unknown', ['ask', 'hangUp']],
  ] as const)('%s', (_label, events, outcome, effects) => {
    const result = run([...events] as MachineEvent[]);
    expect(result.state.phase).toBe('ended');
    expect(result.state.outcome).toBe(outcome);
    expect(result.effects).toEqual(effects);
  });

  test('duplicates and stale callbacks change nothing: a second CallConnected, a key of an earlier step, another attempt', () => {
    const asked = run([connected]).state;
    for (const event of [connected, key('1', 0), { ...key('1', 1), attempt: 2 }]) {
      const step = advanceCall(asked, event as MachineEvent, MENU);
      expect(step.state).toBe(asked);
      expect(step.effects).toEqual([]);
    }
    // The same key twice (a redelivered RecognizeCompleted): the second is for an old step.
    const once = run([connected, key('1', 1), key('1', 1)]);
    expect(once.effects.filter((e) => e === 'confirm')).toHaveLength(1);
  });

  test('any order: a key that comes after the hang-up still confirms; one after a normal end does not', () => {
    const hungUp = run([connected, { kind: 'disconnected', attempt: 1, at: at(3) }, key('1', 1)]);
    expect(hungUp.state.outcome).toBe('confirmed');
    expect(hungUp.effects).toEqual(['ask', 'confirm']);
    const ended = run([connected, key('0', 1), played(2), key('1', 1)]);
    expect(ended.state.outcome).toBe('ended');
  });

  test(`the message is spoken at most ${MAX_PLAYS} times whatever is pressed`, () => {
    const result = run([connected, key('9', 1), silence(2), key('9', 3), key('9', 4)]);
    expect(result.effects.filter((e) => e.startsWith('ask'))).toHaveLength(MAX_PLAYS);
  });

  test('a menu without confirm (a cancellation notice) treats 1 as a repeat', () => {
    const step = advanceCall(run([connected]).state, key('1', 1), [['9', 'repeat']]);
    expect(step.effects.map((e) => e.kind)).toEqual(['ask']);
  });
});

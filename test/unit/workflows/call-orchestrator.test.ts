import { callOrchestrator } from '../../../src/workflows/call-orchestrator';
import { ACTIVITY, EVENT } from '../../../src/workflows/names';
import type { CallStep } from '../../../src/workflows/steps';
import { runOrchestrator } from '../../support/orchestration-fake';

const input = { callId: '0123456789abcdef0123456789abcdef' };
const wait = (until: string): CallStep => ({ kind: 'wait', until });

describe('callOrchestrator', () => {
  test('a nudge wins the race: the activity runs again (not timed out) and the losing deadline is cancelled', () => {
    const steps: CallStep[] = [wait('2030-01-01T00:03:00.000Z'), { kind: 'done', outcome: 'confirmed' }];
    const inputs: unknown[] = [];
    const { trace, output } = runOrchestrator(callOrchestrator, {
      input, race: () => ({ event: EVENT.callEvent, data: { at: 'callback' } }),
      activity: (name, activityInput) => {
        expect(name).toBe(ACTIVITY.advanceCall);
        inputs.push(activityInput);
        return steps.shift();
      },
    });
    expect(output).toBe('confirmed');
    expect(inputs).toEqual([{ callId: input.callId, timedOut: false }, { callId: input.callId, timedOut: false }]);
    expect(trace).toContainEqual({ cancelled: '2030-01-01T00:03:00.000Z' });
  });

  test('the deadline wins: the activity is told it timed out (and ends the call unknown)', () => {
    const steps: CallStep[] = [wait('2030-01-01T00:03:00.000Z'), { kind: 'done', outcome: 'unknown' }];
    const inputs: unknown[] = [];
    const { output } = runOrchestrator(callOrchestrator, { input, race: () => 'timer', activity: (_name, activityInput) => (inputs.push(activityInput), steps.shift()) });
    expect(output).toBe('unknown');
    expect(inputs[1]).toEqual({ callId: input.callId, timedOut: true });
  });

  test('busy: it sleeps until the retry time, dials again through its own activity, then waits for that attempt', () => {
    const steps: CallStep[] = [{ kind: 'redial', at: '2030-01-01T00:30:00.000Z' }, { kind: 'done', outcome: 'noAnswer' }];
    const names: string[] = [];
    const { trace, output } = runOrchestrator(callOrchestrator, {
      input, race: () => 'timer',
      activity: (name) => {
        names.push(name);
        return name === ACTIVITY.redialCall ? wait('2030-01-01T00:33:00.000Z') : steps.shift();
      },
    });
    expect(output).toBe('noAnswer');
    expect(names).toEqual([ACTIVITY.advanceCall, ACTIVITY.redialCall, ACTIVITY.advanceCall]);
    expect(trace).toContainEqual(expect.objectContaining({ timer: '2030-01-01T00:30:00.000Z' }));
  });
});

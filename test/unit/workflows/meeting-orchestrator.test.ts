import type { SendOutcome } from '../../../src/app/dispatch/send-outcome';
import { meetingOrchestrator } from '../../../src/workflows/meeting-orchestrator';
import { ACTIVITY, EVENT } from '../../../src/workflows/names';
import type { MeetingRef, PlanStep, SendRequest } from '../../../src/workflows/steps';
import { runOrchestrator, type Raise, type RaceWinner, type TraceEntry } from '../../support/orchestration-fake';
import { ABOUT, MEETING, at, done, inTurn, planned, script, send, sendOf, sleep, sleepThen, slept } from './scripts';

const sent: SendOutcome = { status: 'sent', providerMessageId: 'pm-1' };
const deferred = (retryAt: string): SendOutcome => ({ status: 'deferred', retryAt, reason: 'throttled' });
const changed: RaceWinner = { event: EVENT.meetingChanged };
const recorded = (sendKey: string, reason: string): TraceEntry => ({
  all: [{ activity: ACTIVITY.recordFailure, input: { about: ABOUT, sendKey, reason }, retry: true }],
});
/** The send activity, answering per key from `outcomes` in turn. */
const sendsBy = (outcomes: Record<string, () => SendOutcome>) => (input: SendRequest) => {
  const outcome = outcomes[input.sendKey];
  if (!outcome) throw new Error(`no outcome scripted for ${input.sendKey}`);
  return outcome();
};
const down = new Error('provider down');

describe('meetingOrchestrator', () => {
  describe('sleep: a timer for `until` races MeetingChanged, and either way it plans again', () => {
    test.each<[string, RaceWinner, TraceEntry[]]>([
      ['the timer wins', 'timer', [slept(at(60), 'timer')]],
      ['the event wins: the losing timer is cancelled', changed, [{ raised: EVENT.meetingChanged }, slept(at(60), EVENT.meetingChanged), { cancelled: at(60) }]],
    ])('%s', (_, winner, sleeping) => {
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(sleep(at(60)), done('started')) }, { race: () => winner }));
      expect(trace).toEqual([planned, ...sleeping, planned, { output: 'started' }]);
    });
  });

  test('online: the Teams meeting is synced first, then it plans again; a sync that keeps failing pauses 15 minutes', () => {
    const synced = { activity: ACTIVITY.syncOnline, input: { meetingId: MEETING }, retry: true };
    const online: PlanStep = { kind: 'online' };
    const ok = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(online, send('k1'), done('started')), syncOnline: () => ({ outcome: 'created' }), send: () => sent }));
    expect(ok.trace).toEqual([planned, synced, planned, { all: [sendOf('k1')] }, planned, { output: 'started' }]);
    const failing = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(online, done('started')), syncOnline: inTurn<{ outcome: 'created' }>(down) }));
    expect(failing.trace).toEqual([planned, { ...synced, threw: 'provider down' }, slept(at(15), 'timer'), planned, { output: 'started' }]);
  });

  test('send: every due key is sent at once, with retry, about the meeting; all sent → plans again', () => {
    const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(send('k1', 'k2'), done('started')), send: () => sent }));
    expect(trace).toEqual([planned, { all: [sendOf('k1'), sendOf('k2')] }, planned, { output: 'started' }]);
  });

  describe('send deferred: sleeps until the earliest retryAt, racing MeetingChanged', () => {
    test('the timer wins: the sends deferred to that time go again at once, without planning; then it plans', () => {
      const outcomes = { k1: () => deferred(at(30)), k2: inTurn(deferred(at(10)), sent), k3: () => sent };
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(send('k1', 'k2', 'k3'), done('started')), send: sendsBy(outcomes) }, { race: () => 'timer' }));
      expect(trace).toEqual([planned, { all: [sendOf('k1'), sendOf('k2'), sendOf('k3')] }, slept(at(10), 'timer'), { all: [sendOf('k2')] }, planned, { output: 'started' }]);
    });

    test('the event wins: it plans again', () => {
      const outcomes = { k1: () => deferred(at(30)), k2: () => deferred(at(10)), k3: () => sent };
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(send('k1', 'k2', 'k3'), done('started')), send: sendsBy(outcomes) }, { race: () => changed }));
      expect(trace).toEqual([planned, { all: [sendOf('k1'), sendOf('k2'), sendOf('k3')] }, { raised: EVENT.meetingChanged }, slept(at(10), EVENT.meetingChanged), { cancelled: at(10) }, planned, { output: 'started' }]);
    });
  });

  describe('a sleep with sends lined up (the planner reserved their slots ahead)', () => {
    test('the timer rings: they are sent straight away, each with its slot, then it plans', () => {
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(sleepThen(at(60), ['k1', at(60)], ['k2']), done('started')), send: () => sent }));
      expect(trace).toEqual([planned, slept(at(60), 'timer'), { all: [sendOf('k1', undefined, at(60)), sendOf('k2')] }, planned, { output: 'started' }]);
    });

    test('a change ends the sleep: nothing is sent, it plans again', () => {
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(sleepThen(at(60), ['k1', at(60)]), done('started')) }, { race: () => changed }));
      expect(trace).toEqual([planned, { raised: EVENT.meetingChanged }, slept(at(60), EVENT.meetingChanged), { cancelled: at(60) }, planned, { output: 'started' }]);
    });
  });

  describe('send failed (the host retries exhausted)', () => {
    test('pauses 15 minutes, then plans again', () => {
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(send('k1'), done('started')), send: inTurn<SendOutcome>(down) }));
      expect(trace).toEqual([planned, { all: [sendOf('k1', 'provider down')] }, slept(at(15), 'timer'), planned, { output: 'started' }]);
    });

    test('pauses 15 min × the rounds; after 3 rounds in a row records the faulted key only, with the reason, and the plan goes on', () => {
      const planStep = inTurn(send('k1', 'k2'), send('k1', 'k2'), send('k1', 'k2'), done('started'));
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep, send: sendsBy({ k1: () => sent, k2: inTurn<SendOutcome>(down, down, down) }), recordFailure: () => undefined }));
      const round = { all: [sendOf('k1'), sendOf('k2', 'provider down')] };
      expect(trace).toEqual([
        planned, round, slept(at(15), 'timer'),
        planned, round, slept(at(15 + 30), 'timer'),
        planned, round, recorded('k2', 'could not be sent: provider down'),
        planned, { output: 'started' },
      ]);
    });

    test('a success resets the count: the round after it pauses 15 minutes again', () => {
      const planStep = inTurn(send('k1'), send('k1'), send('k1'), send('k1'), done('started'));
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep, send: inTurn<SendOutcome>(down, down, sent, down) }));
      expect(trace).toEqual([
        planned, { all: [sendOf('k1', 'provider down')] }, slept(at(15), 'timer'),
        planned, { all: [sendOf('k1', 'provider down')] }, slept(at(45), 'timer'),
        planned, { all: [sendOf('k1')] },
        planned, { all: [sendOf('k1', 'provider down')] }, slept(at(60), 'timer'),
        planned, { output: 'started' },
      ]);
    });

    test('recording the failure failing too pauses 15 minutes, and the plan goes on', () => {
      const { trace } = runOrchestrator(
        meetingOrchestrator,
        script({ planStep: inTurn(send('k1'), done('started')), send: inTurn<SendOutcome>(down), recordFailure: inTurn<void>(new Error('table down')) }, { input: { meetingId: MEETING, failedRounds: 2 } }),
      );
      const reason = 'could not be sent: provider down';
      expect(trace).toEqual([
        planned, { all: [sendOf('k1', 'provider down')] },
        { all: [{ activity: ACTIVITY.recordFailure, input: { about: ABOUT, sendKey: 'k1', reason }, retry: true, threw: 'table down' }] },
        slept(at(15), 'timer'),
        planned, { output: 'started' },
      ]);
    });

    test('the plan activity throwing pauses 15 min × the rounds and plans again; the orchestration never fails', () => {
      const planStep = inTurn(new Error('table down'), new Error('table down'), done('started'));
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep }));
      const failedPlan = { ...planned, threw: 'table down' };
      expect(trace).toEqual([failedPlan, slept(at(15), 'timer'), failedPlan, slept(at(45), 'timer'), planned, { output: 'started' }]);
    });
  });

  // Regression: failedRounds counts *consecutive* failing cycles (steps.ts). Once only a send success
  // reset it, so two old planning failures (even carried across continue-as-new) made the next send
  // give up at once.
  test('a cycle that plans and sleeps fine resets the count: a later send failure pauses, not gives up', () => {
    const planStep = inTurn(new Error('table down'), new Error('table down'), sleep(at(100)), send('k1'), done('started'));
    const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep, send: inTurn<SendOutcome>(down), recordFailure: () => undefined }));
    expect(trace).toContainEqual(slept(at(100), 'timer'));
    expect(trace).not.toContainEqual(recorded('k1', 'could not be sent: provider down'));
    expect(trace).toContainEqual(slept(at(115), 'timer'));
  });

  test.each(['meeting started', 'cancellation done'])('done: returns the reason (%s)', (reason) => {
    const { trace, output } = runOrchestrator(meetingOrchestrator, script({ planStep: inTurn(done(reason)) }));
    expect(output).toBe(reason);
    expect(trace).toEqual([planned, { output: reason }]);
  });

  describe('continue-as-new after 8 cycles', () => {
    test('with { meetingId } alone when no round failed', () => {
      const planStep = inTurn(...Array.from({ length: 8 }, (_, i) => sleep(at(i + 1))));
      const { trace, output } = runOrchestrator(meetingOrchestrator, script({ planStep }));
      expect(output).toBeUndefined();
      expect(trace.filter((e) => 'activity' in e && e.activity === ACTIVITY.planStep)).toHaveLength(8);
      expect(trace.slice(-2)).toEqual([{ continueAsNew: { meetingId: MEETING } }, { output: undefined }]);
    });

    test('carrying failedRounds when the last rounds failed', () => {
      const planStep = inTurn(...Array.from({ length: 7 }, () => sleep(at(1))), new Error('table down'));
      const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep }));
      expect(trace.slice(-2)).toEqual([{ continueAsNew: { meetingId: MEETING, failedRounds: 1 } }, { output: undefined }]);
    });

    test('failedRounds carried in counts toward giving up, and giving up resets it', () => {
      const { trace } = runOrchestrator(
        meetingOrchestrator,
        script({ planStep: inTurn(send('k1'), send('k2'), done('started')), send: inTurn<SendOutcome>(down, down), recordFailure: () => undefined }, { input: { meetingId: MEETING, failedRounds: 2 } }),
      );
      expect(trace).toEqual([
        planned, { all: [sendOf('k1', 'provider down')] }, recorded('k1', 'could not be sent: provider down'),
        planned, { all: [sendOf('k2', 'provider down')] }, slept(at(15), 'timer'),
        planned, { output: 'started' },
      ]);
    });
  });
});

describe('meetingOrchestrator, replayed', () => {
  test('is deterministic: the same script twice gives the same trace', () => {
    // Every path at once: sleeps won by either side, a fan-out with a deferral, failed rounds, a give-up.
    const run = () => {
      const planStep = inTurn(sleep(at(60)), sleep(at(120)), send('k1', 'k2'), send('k3'), send('k3'), send('k3'), done('started'));
      const send_ = sendsBy({ k1: () => sent, k2: inTurn(deferred(at(200)), sent), k3: inTurn<SendOutcome>(down, down, down) });
      const race = inTurn<RaceWinner>('timer', changed, 'timer', 'timer', 'timer');
      return runOrchestrator(meetingOrchestrator, script({ planStep, send: send_, recordFailure: () => undefined }, { race })).trace;
    };
    const first = run();
    expect(first).toContainEqual(recorded('k3', 'could not be sent: provider down'));
    expect(run()).toEqual(first);
  });
});

describe('meetingOrchestrator, MeetingChanged raised while it plans', () => {
  // durable-functions 3.5 buffers an event no open waiter takes and hands it to the next
  // waitForExternalEvent, but it gives an event to the latest waiter of that name that is still
  // open, and the waiter of a sleep whose timer won stays open for the rest of the execution.
  /** Plans `steps` in turn; the plan numbered `changedAt` (from 0) sees MeetingChanged raised while it runs. */
  const planning = (changedAt: number, ...steps: PlanStep[]) => {
    const next = inTurn(...steps);
    let n = 0;
    return (_: MeetingRef, raise: Raise) => {
      if (n++ === changedAt) raise(EVENT.meetingChanged);
      return next();
    };
  };

  test('in the first cycle: the buffered change wakes the next sleep at once', () => {
    const { trace } = runOrchestrator(meetingOrchestrator, script({ planStep: planning(0, sleep(at(120)), done('started')) }));
    expect(trace).toEqual([{ raised: EVENT.meetingChanged }, planned, slept(at(120), EVENT.meetingChanged), { cancelled: at(120) }, planned, { output: 'started' }]);
  });

  // Regression: once a fresh waiter was made per sleep, the one left open by the first sleep (its
  // timer won) took the change, so the next sleep waited out its timer on a plan that may predate
  // the change (a reschedule, a cancellation).
  test('after a sleep the timer won: the change still ends the next sleep before its timer', () => {
    const { trace, output } = runOrchestrator(meetingOrchestrator, script({ planStep: planning(1, sleep(at(60)), sleep(at(120)), done('started')) }));
    expect(output).toBe('started');
    expect(trace).toContainEqual({ raised: EVENT.meetingChanged });
    expect(trace).not.toContainEqual(slept(at(120), 'timer'));
  });
});

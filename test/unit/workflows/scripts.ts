import type { Raise, Script, TaskTrace, TraceEntry } from '../../support/orchestration-fake';
import type { ActivityInput, ActivityResult } from '../../../src/workflows/call-activity';
import { ACTIVITY, EVENT } from '../../../src/workflows/names';
import type { PlanStep } from '../../../src/workflows/steps';

/** Shared by the orchestrator tests: a typed way to script activities, and the trace lines they expect. */

type Key = keyof typeof ACTIVITY;
/** Each activity by its `createActivities` key, typed from the factory; an unscripted one faults visibly. */
export type Handlers = { readonly [K in Key]?: (input: ActivityInput<K>, raise: Raise) => ActivityResult<K> };

export const START = '2030-01-01T00:00:00.000Z';
export const MEETING = 'm1';
export const ABOUT = { kind: 'meeting', id: MEETING } as const;

/** `minutes` after START, as the ISO string the fake's timers show. */
export const at = (minutes: number): string => new Date(Date.parse(START) + minutes * 60_000).toISOString();

export function script(handlers: Handlers, more: Omit<Script, 'activity'> = {}): Script {
  return {
    input: { meetingId: MEETING },
    start: START,
    ...more,
    activity: (name, input, raise) => {
      const key = (Object.keys(ACTIVITY) as Key[]).find((k) => ACTIVITY[k] === name);
      const handler = key && (handlers[key] as ((input: unknown, raise: Raise) => unknown) | undefined);
      if (!handler) throw new Error(`unscripted activity ${name}`);
      return handler(input, raise);
    },
  };
}

/** Answers with `results` in turn (an Error is thrown); past the end it says so by throwing. */
export function inTurn<T>(...results: readonly (T | Error)[]): () => T {
  let next = 0;
  return () => {
    const result = results[next++];
    if (result === undefined) throw new Error('the script ran out of answers');
    if (result instanceof Error) throw result;
    return result;
  };
}

export const sleep = (until: string): PlanStep => ({ kind: 'sleep', until });
/** A sleep with sends lined up for its end (`[key, slot?]`). */
export const sleepThen = (until: string, ...then: Array<[string, string?]>): PlanStep => ({ kind: 'sleep', until, then: then.map(([sendKey, slot]) => ({ sendKey, ...(slot !== undefined ? { slot } : {}) })) });
export const send = (...sendKeys: string[]): PlanStep => ({ kind: 'send', sendKeys });
export const done = (reason: string): PlanStep => ({ kind: 'done', reason });

export const planned: TaskTrace = { activity: ACTIVITY.planStep, input: { meetingId: MEETING }, retry: true };
export const sendOf = (sendKey: string, threw?: string, slot?: string): TaskTrace => ({
  activity: ACTIVITY.send,
  input: { about: ABOUT, sendKey, ...(slot === undefined ? {} : { slot }) },
  retry: true,
  ...(threw === undefined ? {} : { threw }),
});
/** A sleep: the timer raced against MeetingChanged, and who won. */
export const slept = (until: string, winner: 'timer' | typeof EVENT.meetingChanged): TraceEntry => ({
  any: [{ timer: until }, { event: EVENT.meetingChanged }],
  winner,
});

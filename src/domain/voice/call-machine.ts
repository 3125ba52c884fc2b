import type { MenuAction, MenuKey } from '../settings/voice-settings';

/** How a call ended (GetMeeting's `outcome`, `call.completed` / `call.failed`). */
export const CALL_OUTCOMES = ['confirmed', 'cancelled', 'connected', 'ended', 'noInput', 'hungUp', 'noAnswer', 'busy', 'declined', 'failed', 'unknown'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Outcomes of a call the customer (or their voicemail) picked up: the message was heard. */
export const ANSWERED_OUTCOMES: ReadonlySet<CallOutcome> = new Set(['confirmed', 'cancelled', 'connected', 'ended', 'noInput', 'hungUp']);
/** Outcomes a later attempt may change (settings.voice.retry). */
export const RETRIED_OUTCOMES: ReadonlySet<CallOutcome> = new Set(['busy', 'noAnswer']);

/** Times the message is spoken at most: the first time and two repeats. */
export const MAX_PLAYS = 3;

export type CallPhase = 'dialling' | 'asking' | 'closing' | 'transferring' | 'ended';

/** The state of one call, as its orchestration's activity keeps it. */
export interface CallState {
  readonly phase: CallPhase;
  /** 1 for the first dial; a retry after busy / no answer is 2. */
  readonly attempt: number;
  /** The media step whose callbacks count (older ones are stale); part of every operationContext. */
  readonly step: number;
  /** Times the message has been spoken. */
  readonly plays: number;
  /** Recognitions that heard no key. */
  readonly silences: number;
  readonly outcome: CallOutcome | null;
  /** Safe: codes only. */
  readonly reason: string | null;
  /** When the last callback of this attempt arrived (or the dial): the silence deadline starts there. */
  readonly lastEventAt: string;
}

/** A callback as the machine reads it. */
export interface MachineEvent {
  readonly kind: 'connected' | 'disconnected' | 'createFailed' | 'recognized' | 'recognizeFailed' | 'playCompleted' | 'playFailed' | 'transferAccepted' | 'transferFailed' | 'other' | 'timeout';
  readonly attempt?: number;
  readonly step?: number;
  readonly tone?: string;
  readonly code?: number;
  readonly subCode?: number;
  readonly at: string;
}

/** The closing sentences a call says before it hangs up. */
export type Closing = 'confirmed' | 'cancelled' | 'noInput' | 'goodbye' | 'connectFailed';

/** What the activity does for a transition: speak, act on the meeting, transfer, hang up. */
export type CallEffect =
  | { readonly kind: 'ask'; readonly step: number; readonly again: boolean }
  | { readonly kind: 'say'; readonly step: number; readonly closing: Closing }
  | { readonly kind: 'transfer'; readonly step: number }
  | { readonly kind: 'hangUp' }
  | { readonly kind: 'confirm' }
  | { readonly kind: 'cancel' };

export const initialCallState = (at: string): CallState => ({ phase: 'dialling', attempt: 1, step: 0, plays: 0, silences: 0, outcome: null, reason: null, lastEventAt: at });

const code = (e: MachineEvent): string => `${e.code ?? '?'}/${e.subCode ?? '?'}`;

/** Why a call did not connect, from CreateCallFailed's (or an early CallDisconnected's) result codes. */
export function notConnectedOutcome(e: MachineEvent): CallOutcome {
  if (e.code === 486 || e.code === 600 || e.subCode === 560486) return 'busy';
  if (e.code === 480 || e.code === 408 || e.subCode === 560480) return 'noAnswer';
  if (e.code === 487 || e.code === 603 || e.subCode === 10024) return 'declined';
  return 'failed';
}

type Step = { readonly state: CallState; readonly effects: readonly CallEffect[] };

/**
 * One transition of a call: pure, so every path (each key, silence, busy, hang-up, duplicates and
 * stale callbacks) is tested as a table. Callbacks of another attempt or an older media step are
 * ignored (out of order, or duplicated); a call that ended changes no more, except that a key
 * pressed just before the customer hung up still confirms or cancels.
 *
 * @param menu - the keys on offer (`activeMenu`; a cancellation notice's menu has no confirm or cancel)
 */
export function advanceCall(state: CallState, event: MachineEvent, menu: ReadonlyArray<readonly [MenuKey, MenuAction]>): Step {
  const same = (s: CallState) => ({ state: s, effects: [] });
  if (event.attempt !== undefined && event.attempt !== state.attempt) return same(state);
  const at = { ...state, lastEventAt: event.at > state.lastEventAt ? event.at : state.lastEventAt };
  const next = (s: Partial<CallState>, effects: CallEffect[] = []): Step => ({ state: { ...at, ...s }, effects });
  const isMedia = event.kind === 'recognized' || event.kind === 'recognizeFailed' || event.kind === 'playCompleted' || event.kind === 'playFailed' || event.kind === 'transferAccepted' || event.kind === 'transferFailed';
  const stale = isMedia && event.step !== undefined && event.step !== state.step;
  if (state.phase === 'ended') {
    // The key came after the hang-up's callback (any order): the answer still counts.
    if (event.kind === 'recognized' && !stale && state.outcome === 'hungUp') {
      const action = menu.find(([key]) => key === event.tone)?.[1];
      if (action === 'confirm') return next({ outcome: 'confirmed' }, [{ kind: 'confirm' }]);
      if (action === 'cancel') return next({ outcome: 'cancelled' }, [{ kind: 'cancel' }]);
    }
    return same(state);
  }
  if (stale) return same(state);
  const ask = (again: boolean): Step => next({ phase: 'asking', step: state.step + 1, plays: state.plays + 1 }, [{ kind: 'ask', step: state.step + 1, again }]);
  const close = (outcome: CallOutcome, closing: Closing, effects: CallEffect[] = []): Step =>
    next({ phase: 'closing', step: state.step + 1, outcome }, [...effects, { kind: 'say', step: state.step + 1, closing }]);
  switch (event.kind) {
    case 'connected':
      return state.phase === 'dialling' ? ask(false) : same(state);
    case 'createFailed':
      return state.phase === 'dialling' ? next({ phase: 'ended', outcome: notConnectedOutcome(event), reason: `CreateCallFailed ${code(event)}` }) : same(state);
    case 'disconnected':
      if (state.phase === 'dialling') return next({ phase: 'ended', outcome: notConnectedOutcome(event), reason: `CallDisconnected ${code(event)}` });
      if (state.phase === 'asking') return next({ phase: 'ended', outcome: 'hungUp' });
      return next({ phase: 'ended', outcome: state.outcome ?? 'hungUp' });
    case 'recognized': {
      if (state.phase !== 'asking') return same(state);
      const action = menu.find(([key]) => key === event.tone)?.[1];
      if (action === 'confirm') return close('confirmed', 'confirmed', [{ kind: 'confirm' }]);
      if (action === 'cancel') return close('cancelled', 'cancelled', [{ kind: 'cancel' }]);
      if (action === 'connect') return next({ phase: 'transferring', step: state.step + 1, outcome: 'connected' }, [{ kind: 'transfer', step: state.step + 1 }]);
      if (action === 'end') return close('ended', 'goodbye');
      // `repeat`, or a key the menu does not have: the message again, at most MAX_PLAYS times in all.
      return state.plays < MAX_PLAYS ? ask(true) : close('ended', 'goodbye');
    }
    case 'recognizeFailed': {
      if (state.phase !== 'asking') return same(state);
      const silence = event.subCode === 8510 || event.subCode === 8532;
      if (!silence) return next({ phase: 'closing', step: state.step + 1, outcome: 'failed', reason: `RecognizeFailed ${code(event)}` }, [{ kind: 'say', step: state.step + 1, closing: 'goodbye' }]);
      // No key: the message once more, then the closing sentence (a voicemail got the message).
      if (state.silences === 0 && state.plays < MAX_PLAYS) {
        const again = ask(true);
        return { ...again, state: { ...again.state, silences: 1 } };
      }
      return close('noInput', 'noInput');
    }
    case 'playCompleted':
    case 'playFailed':
      return state.phase === 'closing' ? next({ phase: 'ended' }, [{ kind: 'hangUp' }]) : same(state);
    case 'transferAccepted':
      return state.phase === 'transferring' ? next({ phase: 'ended', outcome: 'connected' }) : same(state);
    case 'transferFailed':
      return state.phase === 'transferring' ? next({ phase: 'closing', step: state.step + 1, outcome: 'ended', reason: `CallTransferFailed ${code(event)}` }, [{ kind: 'say', step: state.step + 1, closing: 'connectFailed' }]) : same(state);
    case 'timeout':
      // No callback for too long: a dial nobody reported on is `unknown` (never dialled again); a call
      // that went silent mid-way is hung up with what it had.
      if (state.phase === 'dialling') return next({ phase: 'ended', outcome: 'unknown', reason: 'no callback from the provider' });
      return next({ phase: 'ended', outcome: state.outcome ?? 'unknown', reason: state.reason ?? 'no callback from the provider' }, [{ kind: 'hangUp' }]);
    default:
      return same(state);
  }
}

/**
 * Which queue a send waits in: `urgent` (cancellation notices, answers to a customer's reply) or
 * `normal` (confirmations, reminders, test sends).
 */
export type PacingLane = 'urgent' | 'normal';

/** A sender's pacer: the next free slot of each lane, epoch milliseconds. */
export interface PacerState {
  readonly normalNextMs: number;
  readonly urgentNextMs: number;
}

/**
 * Every `URGENT_EVERY`-th slot of a sender's timeline is kept for the urgent lane while the normal
 * lane is busy, so a cancellation notice never waits behind a 10 000-reminder queue. The normal lane
 * alone drains at 24/25 of the rate (1.04 × N ÷ rate for a burst); an urgent send also takes a normal
 * slot when that comes sooner (with no burst it goes at once).
 */
export const URGENT_EVERY = 25;
/** The urgent lane's share of a busy sender's rate. */
export const URGENT_SHARE = 1 / URGENT_EVERY;
/** Slots are spaced this much wider than 60 000 ÷ rate, so float rounding never squeezes one more into a minute. */
const SAFETY = 1.001;

/** Milliseconds between two slots of a sender's timeline at `perMinute`. */
export function slotIntervalMs(perMinute: number): number {
  return (60_000 / perMinute) * SAFETY;
}

const isUrgentSlot = (index: number): boolean => index % URGENT_EVERY === 0;

/** The first slot index at or after `fromMs` of the given kind. */
function firstSlot(fromMs: number, interval: number, urgent: boolean): number {
  let index = Math.ceil(fromMs / interval - 1e-9);
  if (urgent) return Math.ceil(index / URGENT_EVERY) * URGENT_EVERY;
  if (isUrgentSlot(index)) index += 1;
  return index;
}

/**
 * Reserves the next slot. A sender's slots lie on one timeline, `interval` apart (so no minute ever
 * holds more than the rate, whatever the lanes do), every 25th kept for urgent sends. A slot is at
 * or after `nowMs` and after the lane's last reservation; the lane's cursor moves past it (a
 * next-free-slot token bucket without burst credit: an idle sender banks nothing). Requests are
 * served in the order they ask, so within a burst the earliest due (the first to ask) goes first.
 */
export function reserveSlot(state: PacerState, lane: PacingLane, nowMs: number, perMinute: number): { slotMs: number; state: PacerState } {
  const interval = slotIntervalMs(perMinute);
  const normal = firstSlot(Math.max(nowMs, state.normalNextMs), interval, false);
  if (lane === 'urgent') {
    const urgent = firstSlot(Math.max(nowMs, state.urgentNextMs), interval, true);
    if (urgent < normal) return { slotMs: urgent * interval, state: { ...state, urgentNextMs: (urgent + 1) * interval } };
  }
  return { slotMs: normal * interval, state: { ...state, normalNextMs: (normal + 1) * interval } };
}

/** After a provider's 429 with Retry-After: no lane hands out a slot before `untilMs`. */
export function holdPacer(state: PacerState, untilMs: number): PacerState {
  return { normalNextMs: Math.max(state.normalNextMs, untilMs), urgentNextMs: Math.max(state.urgentNextMs, untilMs) };
}

/** The lane of a message type: cancellation notices and reply answers go ahead of everything else. */
export function laneOf(type: string): PacingLane {
  return type === 'cancellation' || type.startsWith('reply') ? 'urgent' : 'normal';
}

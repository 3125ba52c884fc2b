/**
 * Which queue a send waits in: `urgent` (cancellation notices, answers to a customer's reply) or
 * `normal` (confirmations, reminders, test sends).
 */
export type PacingLane = 'urgent' | 'normal';

/** A sender's pacer: its timeline of slots so far. */
export interface PacerState {
  /** The first free slot at the end of the timeline (epoch ms); 0 for a sender never used. */
  readonly nextMs: number;
  /** Slots inside the normal lane's reservations kept for urgent sends, ascending. */
  readonly spareMs: readonly number[];
  /** Normal reservations since the timeline was last idle: every `URGENT_EVERY`-th leaves a spare. */
  readonly normalCount: number;
}

/** A sender that never sent. */
export const IDLE_PACER: PacerState = Object.freeze({ nextMs: 0, spareMs: Object.freeze([]) as readonly number[], normalCount: 0 });

/**
 * While the normal lane queues, every `URGENT_EVERY`-th slot is left spare for the urgent lane, so a
 * cancellation notice never waits behind a 10 000-reminder burst. The burst then drains at 49/50 of
 * the rate (1.02 × N ÷ rate; the urgent lane then has 2 % of the rate, 12 a minute at 600/min).
 */
export const URGENT_EVERY = 50;
/** The urgent lane's share of a busy sender's rate. */
export const URGENT_SHARE = 1 / URGENT_EVERY;
/** Slots are spaced this much wider than 60 000 ÷ rate, so float rounding never squeezes one more into a minute. */
const SAFETY = 1.001;

/** Milliseconds between two slots of a sender's timeline at `perMinute`. */
export function slotIntervalMs(perMinute: number): number {
  return (60_000 / perMinute) * SAFETY;
}

/**
 * Reserves the next slot. A sender's slots are one timeline, each at least one interval after the
 * one before (so no minute ever holds more than the rate, whatever the lanes do), and never before
 * `nowMs` (next-free-slot scheduling, a token bucket without burst credit: an idle sender banks
 * nothing, and its first slot is now). A normal send takes the end of the timeline, skipping a spare
 * for the urgent lane every 50th; an urgent send takes the earliest spare still ahead, else the end.
 * Requests are served in the order they ask, so within a burst the earliest due goes first.
 * `notBeforeMs` (default `nowMs`) reserves ahead: a send due a little later (the planner reserves a
 * minute before a reminder is due) gets a slot no earlier than that; spares are kept until `nowMs`.
 */
export function reserveSlot(state: PacerState, lane: PacingLane, nowMs: number, perMinute: number, notBeforeMs: number = nowMs): { slotMs: number; state: PacerState } {
  const interval = slotIntervalMs(perMinute);
  const from = Math.max(nowMs, notBeforeMs);
  const kept = state.spareMs.filter((s) => s >= nowMs);
  const idle = state.nextMs <= from;
  const end = Math.max(from, state.nextMs);
  if (lane === 'urgent') {
    const at = kept.findIndex((s) => s >= from);
    const spare = at >= 0 ? kept[at] : undefined;
    if (spare !== undefined) return { slotMs: spare, state: { ...state, spareMs: kept.filter((_, i) => i !== at) } };
    return { slotMs: end, state: { ...state, nextMs: end + interval, spareMs: kept } };
  }
  const count = idle ? 0 : state.normalCount;
  // Not on an idle timeline's first slot: a send with nothing ahead of it goes now.
  if (!idle && count % URGENT_EVERY === URGENT_EVERY - 1) {
    return { slotMs: end + interval, state: { nextMs: end + 2 * interval, spareMs: [...kept, end], normalCount: count + 1 } };
  }
  return { slotMs: end, state: { nextMs: end + interval, spareMs: kept, normalCount: count + 1 } };
}

/** After a provider's 429 with Retry-After: no slot before `untilMs` (spares before it are dropped). */
export function holdPacer(state: PacerState, untilMs: number): PacerState {
  return { ...state, nextMs: Math.max(state.nextMs, untilMs), spareMs: state.spareMs.filter((s) => s >= untilMs) };
}

/** The lane of a message type: cancellation notices and reply answers go ahead of everything else. */
export function laneOf(type: string): PacingLane {
  return type === 'cancellation' || type.startsWith('reply') ? 'urgent' : 'normal';
}

import { holdPacer, IDLE_PACER, laneOf, reserveSlot, URGENT_SHARE, type PacerState, type PacingLane } from '../../../src/domain';

const IDLE: PacerState = IDLE_PACER;

/** Reserves one slot per lane in `lanes`, all asked at `nowMs`; returns the slots in order. */
function reserveAll(lanes: readonly PacingLane[], perMinute: number, nowMs = 1_000_000, start = IDLE): number[] {
  let state = start;
  return lanes.map((lane) => {
    const next = reserveSlot(state, lane, nowMs, perMinute);
    state = next.state;
    return next.slotMs;
  });
}

/** The most slots inside any window (t − 60 s, t]. */
function busiestMinute(slots: readonly number[]): number {
  const sorted = [...slots].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= 60_000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('reserveSlot', () => {
  test('reserving ahead (notBefore): no slot before it, the timeline continues from it, and spares in between stay for urgent sends', () => {
    const ahead = reserveSlot(IDLE, 'normal', 0, 600, 60_000);
    expect(ahead.slotMs).toBe(60_000);
    expect(reserveSlot(ahead.state, 'normal', 0, 600, 60_000).slotMs).toBeGreaterThan(60_000);
    const withSpare: PacerState = { nextMs: 70_000, spareMs: [10_000, 65_000], normalCount: 3 };
    // An urgent send due at 60 s takes the first spare from then on; the earlier one stays for sends due now.
    const urgent = reserveSlot(withSpare, 'urgent', 0, 600, 60_000);
    expect(urgent.slotMs).toBe(65_000);
    expect(urgent.state.spareMs).toEqual([10_000]);
  });

  test('an idle sender grants the first slot now, in either lane', () => {
    expect(reserveSlot(IDLE, 'normal', 5_000, 600).slotMs).toBe(5_000);
    expect(reserveSlot(IDLE, 'urgent', 5_000, 600).slotMs).toBe(5_000);
  });

  test('every slot is at or after the time it was asked', () => {
    expect(reserveAll(['normal', 'urgent', 'normal', 'urgent'], 7, 1_234_567).every((slot) => slot >= 1_234_567)).toBe(true);
  });

  test('a burst of 2 000 at 600/min: never more than 600 in any minute, drained within 5 % of N ÷ rate', () => {
    const slots = reserveAll(Array.from({ length: 2_000 }, () => 'normal'), 600);
    expect(busiestMinute(slots)).toBeLessThanOrEqual(600);
    const drainMs = (slots.at(-1) as number) - (slots[0] as number);
    expect(drainMs / ((2_000 / 600) * 60_000)).toBeLessThanOrEqual(1.05);
    expect(new Set(slots).size).toBe(2_000); // slots are distinct and in asking order
    expect([...slots].sort((a, b) => a - b)).toEqual(slots);
  });

  test('urgent sends asked behind a burst of reminders go within one urgent interval, and the rate still holds', () => {
    const lanes: PacingLane[] = [...Array.from({ length: 1_000 }, () => 'normal' as const), 'urgent', 'urgent', 'urgent'];
    const slots = reserveAll(lanes, 600);
    const urgent = slots.slice(1_000);
    const lastReminder = slots[999] as number;
    expect(urgent.every((slot) => slot < lastReminder)).toBe(true);
    expect((urgent[2] as number) - 1_000_000).toBeLessThanOrEqual((3 / URGENT_SHARE + 2) * (60_000 / 600) * 1.01);
    expect(busiestMinute(slots)).toBeLessThanOrEqual(600);
  });

  test('mixed lanes at a low rate (email 30/min): at most 30 in any minute', () => {
    const lanes = Array.from({ length: 300 }, (_, i): PacingLane => (i % 7 === 0 ? 'urgent' : 'normal'));
    expect(busiestMinute(reserveAll(lanes, 30))).toBeLessThanOrEqual(30);
  });

  test('a slot is never before now, and an idle lane does not bank credit', () => {
    const { state } = reserveSlot(IDLE, 'normal', 0, 60);
    expect(reserveSlot(state, 'normal', 3_600_000, 60).slotMs).toBe(3_600_000);
  });

  test('a 429 hold moves both lanes past its Retry-After', () => {
    const held = holdPacer(IDLE, 30_000);
    expect(reserveSlot(held, 'normal', 1_000, 600).slotMs).toBe(30_000);
    expect(reserveSlot(held, 'urgent', 1_000, 600).slotMs).toBe(30_000);
  });

  test.each([['cancellation', 'urgent'], ['replyConfirmed', 'urgent'], ['replyHelp', 'urgent'], ['reminder', 'normal'], ['confirmation', 'normal'], ['test', 'normal']])('%s goes in the %s lane', (type, lane) => {
    expect(laneOf(type)).toBe(lane);
  });
});

/**
 * The devhost's virtual clock: real time plus an offset that only grows. Advancing it (POST
 * /dev/clock) makes due durable timers fire and is what the app reads as "now" through its Clock port.
 */
export class VirtualClock {
  constructor(private offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock forward to `at` (never backwards). */
  moveTo(at: number): void {
    const offset = at - Date.now();
    if (offset > this.offsetMs) this.offsetMs = offset;
  }
}

/**
 * Where the app finds the devhost's clock. The app's system clock adapter reads this global when it
 * is present (only under the devhost) and falls back to the real time otherwise.
 */
export const CLOCK_GLOBAL = Symbol.for('meeting-communications.devhost.now');

export function exposeClock(clock: VirtualClock): void {
  (globalThis as Record<symbol, unknown>)[CLOCK_GLOBAL] = () => clock.now();
}

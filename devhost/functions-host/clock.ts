/**
 * The host's virtual clock: real time plus an offset that only grows. Timer triggers and durable
 * timers fire on it; the dev services advance it and hand it to the app.
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

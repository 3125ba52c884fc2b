/** Where the app reads the current time. Domain code never reads a clock; it receives `now`. */
export interface Clock {
  now(): Date;
  /** Waits `ms` milliseconds (a fake clock in tests may advance its `now` instead of waiting). */
  sleep(ms: number): Promise<void>;
}

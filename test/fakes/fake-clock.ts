import type { Clock } from '../../src/ports/clock';

/** A {@link Clock} that tests set: `sleep(ms)` advances `now` by `ms` and resolves at once. */
export class FakeClock implements Clock {
  private current: number;
  /** Every sleep asked for, in milliseconds, in order. */
  readonly sleeps: number[] = [];
  /** Runs after each sleep (time has advanced): what "happens meanwhile", e.g. a send gets recorded. */
  afterSleep: (() => Promise<void> | void) | undefined;

  constructor(start: Date | string = '2026-11-20T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
    await this.afterSleep?.();
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

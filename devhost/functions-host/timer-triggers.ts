import { CronExpressionParser } from 'cron-parser';
import type { FunctionsCore } from './functions-core';
import type { Registration, RpcTypedData } from './core-types';
import type { VirtualClock } from './clock';
import { invokeFunction, toError } from './invoke';
import type { Logger } from './logger';

interface Entry { reg: Registration; schedule: string; next: number; last?: number }

/** Resolves `%Setting%` in a schedule the way the host does. */
export function resolveSchedule(schedule: string, env: NodeJS.ProcessEnv): string {
  return schedule.replace(/%([^%]+)%/g, (_m, name: string) => {
    const value = env[name];
    if (value === undefined) throw new Error(`The schedule refers to app setting '${name}', which is not set.`);
    return value;
  });
}

/** The first occurrence of a six-field NCRONTAB schedule strictly after `after`. */
export function nextOccurrence(schedule: string, after: number, tz = 'UTC'): number {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`'${schedule}' is not a six-field NCRONTAB expression ({second} {minute} {hour} {day} {month} {day-of-week}).`);
  return CronExpressionParser.parse(schedule, { currentDate: new Date(after), tz }).next().toDate().getTime();
}

/**
 * Runs timerTrigger functions on the virtual clock. When the clock jumps over several occurrences,
 * the function runs once with isPastDue, as the host does after downtime.
 */
export class TimerTriggers {
  private readonly entries: Entry[] = [];
  private handle: NodeJS.Timeout | undefined;
  private paused = false;

  constructor(
    private readonly core: FunctionsCore,
    private readonly clock: VirtualClock,
    private readonly log: Logger,
    private readonly inputs: (binding: { type: string }) => RpcTypedData | undefined = () => undefined,
    private readonly tz = process.env.WEBSITE_TIME_ZONE ?? 'UTC',
  ) {}

  async start(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const reg of this.core.registrations.values()) {
      if (reg.trigger.type !== 'timerTrigger') continue;
      const schedule = resolveSchedule(String(reg.trigger.schedule ?? ''), process.env);
      const entry: Entry = { reg, schedule, next: nextOccurrence(schedule, now, this.tz) };
      this.entries.push(entry);
      if (reg.trigger.runOnStartup === true) await this.fire(entry, now, false);
    }
    this.arm();
  }

  /** The next occurrence of any timer trigger. */
  nextAt(): number | undefined {
    return this.entries.reduce<number | undefined>((min, e) => (min === undefined || e.next < min ? e.next : min), undefined);
  }

  /** Fires every trigger due at `now`; with `skipUntil`, the next run is the first after it. */
  async fireDue(now: number, skipUntil = now): Promise<void> {
    for (const e of this.entries) {
      if (e.next > now) continue;
      const following = nextOccurrence(e.schedule, e.next, this.tz);
      await this.fire(e, now, following <= skipUntil);
      e.next = nextOccurrence(e.schedule, Math.max(now, skipUntil), this.tz);
    }
  }

  private async fire(e: Entry, now: number, isPastDue: boolean): Promise<void> {
    const input = { Schedule: { AdjustForDST: true }, ScheduleStatus: { Last: new Date(e.last ?? now).toISOString(), Next: new Date(e.next).toISOString(), LastUpdated: new Date(now).toISOString() }, IsPastDue: isPastDue };
    e.last = now;
    try {
      await invokeFunction(this.core, e.reg, { triggerData: { json: JSON.stringify(input) }, extraInputs: this.inputs }, this.log);
    } catch (err) {
      this.log.error(`timer function ${e.reg.metadata.name} failed: ${toError(err).message}`);
    }
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.arm();
  }

  arm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    const next = this.nextAt();
    if (this.paused || next === undefined) return;
    const delay = Math.min(Math.max(0, next - this.clock.now().getTime()), 60_000);
    this.handle = setTimeout(() => void this.fireDue(this.clock.now().getTime()).finally(() => this.arm()), delay);
    this.handle.unref();
  }

  stop(): void {
    this.paused = true;
    if (this.handle) clearTimeout(this.handle);
  }
}

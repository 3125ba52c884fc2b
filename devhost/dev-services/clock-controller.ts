import type { VirtualClock } from '../functions-host/clock';
import type { TimerTriggers } from '../functions-host/timer-triggers';
import type { Engine } from '../durable/engine';

/**
 * Moves the virtual clock forward in steps: to each due timer in order, firing it and letting the
 * work it causes settle before the next step, so a 30-day jump replays 30 days faithfully.
 */
export class ClockController {
  private running: Promise<unknown> = Promise.resolve();

  /**
   * `durable.engine` is read at each step: the durable extension may start after this controller is made.
   * `othersIdle` waits for work outside the engine that a step causes (the delivery reports the outbox
   * posts to the app's webhook) and says whether there was any, so a step ends only when all is quiet.
   */
  constructor(
    private readonly clock: VirtualClock,
    private readonly durable: { readonly engine: Engine },
    private readonly triggers: TimerTriggers,
    private readonly persist: () => Promise<void>,
    private readonly othersIdle: () => Promise<boolean> = async () => false,
  ) {}

  private async settle(): Promise<void> {
    do await this.engine.idle();
    while (await this.othersIdle());
  }

  private get engine(): Engine {
    return this.durable.engine;
  }

  advance(ms: number): Promise<{ now: string; timersFired: number }> {
    const run = this.running.then(() => this.step(this.clock.now().getTime() + ms));
    this.running = run.catch(() => undefined);
    return run;
  }

  private async step(target: number): Promise<{ now: string; timersFired: number }> {
    this.engine.setPaused(true);
    this.triggers.setPaused(true);
    let fired = 0;
    try {
      for (;;) {
        await this.settle();
        const durable = (await this.engine.timerIndex.next())?.at;
        const trigger = this.triggers.nextAt();
        const next = Math.min(durable ?? Infinity, trigger ?? Infinity);
        if (next > target) break;
        this.clock.moveTo(next);
        // Saved at every step: after a kill, the app's time must not go back before what it saw.
        await this.persist();
        const now = Math.max(next, this.clock.now().getTime());
        if (durable !== undefined && durable <= now) fired += await this.engine.fireDueTimers(now);
        if (trigger !== undefined && trigger <= now) await this.triggers.fireDue(now, target);
      }
      this.clock.moveTo(target);
      await this.settle();
      await this.persist();
      return { now: this.clock.now().toISOString(), timersFired: fired };
    } finally {
      this.engine.setPaused(false);
      this.triggers.setPaused(false);
    }
  }
}

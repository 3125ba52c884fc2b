import type { OrchestrationContext, OrchestrationHandler, RetryOptions, Task } from 'durable-functions';

/**
 * A scripted stand-in for `context.df`, just the part the orchestrators use, to drive an
 * orchestrator's generator in a unit test without a host. Each yielded task is resolved at once by
 * the test's script, and what the orchestrator did is recorded as a readable trace.
 *
 * Where it matters it behaves like durable-functions 3.5: a faulted task is thrown into the
 * generator; `Task.all` faults at its first faulted member (later members stay pending);
 * cancelling a completed timer throws; a `Task.any`/`Task.all` over a member that completed before it
 * was yielded is refused (the SDK would never resolve it); and an event goes to the most recently
 * yielded open waiter of that name (the SDK pops its list), or is buffered for the next one.
 */

/** Who wins a race of a timer against an event: the timer fires, or the event is raised. */
export type RaceWinner = 'timer' | { readonly event: string; readonly data?: unknown };
/** Raises an event while an activity runs, as another caller of raiseEvent would. */
export type Raise = (event: string, data?: unknown) => void;

export interface Script {
  readonly input?: unknown;
  /** The orchestration's clock at the start; it moves only when a timer fires. */
  readonly start?: string;
  /** Runs activity `name`: returns its result, or throws to fault it (the host's retries exhausted). */
  readonly activity: (name: string, input: unknown, raise: Raise) => unknown;
  /** Decides a race of a timer and an event that no buffered event has decided. Default: the timer. */
  readonly race?: (timerAt: string, event: string) => RaceWinner;
  /** A guard against a script that makes the orchestrator loop forever. */
  readonly maxYields?: number;
}

/** One task as the trace shows it; `threw` is set when an activity faulted. */
export type TaskTrace =
  | { readonly activity: string; readonly input: unknown; readonly retry: boolean; readonly threw?: string }
  | { readonly timer: string }
  | { readonly event: string };

/** One step of the trace, in the order the orchestrator did it. */
export type TraceEntry =
  | TaskTrace
  | { readonly all: readonly TaskTrace[] }
  | { readonly any: readonly TaskTrace[]; readonly winner: string }
  | { readonly cancelled: string }
  | { readonly raised: string }
  | { readonly continueAsNew: unknown }
  | { readonly output: unknown };

class FakeTask implements Task {
  isCompleted = false;
  isFaulted = false;
  result?: unknown;
  constructor(readonly kind: 'activity' | 'timer' | 'event' | 'all' | 'any', readonly label: string, readonly children: readonly FakeTask[] = []) {}
  settle(result: unknown, faulted = false): void {
    Object.assign(this, { isCompleted: true, isFaulted: faulted, result });
  }
  /** Set by whoever creates the task: how the trace shows it and, for an activity, how it runs. */
  describe: () => TaskTrace = () => ({ event: this.label });
  run = (): void => {};
}

class FakeTimer extends FakeTask {
  isCanceled = false;
  constructor(readonly at: string, private readonly onCancel: (at: string) => void) {
    super('timer', 'timer');
    this.describe = () => ({ timer: at });
  }
  cancel(): void {
    if (this.isCompleted) throw new Error('Cannot cancel a completed task.'); // as the SDK's DFTimerTask
    this.isCanceled = true;
    this.onCancel(this.at);
  }
}

/** Runs `handler` to its end under `script`; returns the trace (ending in its output) and the output. */
export function runOrchestrator(handler: OrchestrationHandler, script: Script): { trace: TraceEntry[]; output: unknown } {
  const trace: TraceEntry[] = [];
  let now = new Date(script.start ?? '2030-01-01T00:00:00.000Z').getTime();
  const openWaiters = new Map<string, FakeTask[]>();
  const buffered = new Map<string, unknown[]>();

  const raise: Raise = (event, data) => {
    trace.push({ raised: event });
    const waiter = openWaiters.get(event)?.pop();
    if (waiter) waiter.settle(data);
    else buffered.set(event, [...(buffered.get(event) ?? []), data]);
  };
  /** Like the SDK's trackOpenTask: a waiter opens when first yielded and takes a buffered event. */
  const open = (task: FakeTask): void => {
    task.children.forEach(open);
    if (task.kind !== 'event' || task.isCompleted) return;
    const queue = buffered.get(task.label) ?? [];
    if (queue.length > 0) task.settle(queue.shift());
    else openWaiters.set(task.label, [...(openWaiters.get(task.label) ?? []), task]);
  };

  const activity = (name: string, input: unknown, retry: boolean): FakeTask => {
    const task = new FakeTask('activity', name);
    let threw: string | undefined;
    task.describe = () => ({ activity: name, input, retry, ...(threw === undefined ? {} : { threw }) });
    task.run = () => {
      try {
        task.settle(script.activity(name, input, raise));
      } catch (error) {
        threw = error instanceof Error ? error.message : String(error);
        task.settle(error, true);
      }
    };
    return task;
  };

  const resolve = (task: FakeTask): void => {
    if (task.isCompleted) return;
    if (task instanceof FakeTimer) {
      now = Math.max(now, new Date(task.at).getTime());
      task.settle(undefined);
    } else if (task.kind === 'activity') task.run();
    else if (task.kind === 'event') throw new Error(`the orchestrator waits for ${task.label} alone and nothing raises it`);
    else if (task.kind === 'all') {
      for (const child of task.children) {
        resolve(child);
        if (child.isFaulted) return task.settle(child.result, true);
      }
      task.settle(task.children.map((c) => c.result));
    } else {
      const timer = task.children.find((c): c is FakeTimer => c instanceof FakeTimer);
      const event = task.children.find((c) => c.kind === 'event');
      if (!task.children.some((c) => c.isCompleted)) {
        const winner = timer && event && script.race ? script.race(timer.at, event.label) : 'timer';
        if (winner !== 'timer') raise(winner.event, winner.data);
        else resolve(timer ?? task.children[0]!); // no timer: the first member finishes first
      }
      task.settle(task.children.find((c) => c.isCompleted));
    }
  };

  const df = {
    isReplaying: false,
    getInput: () => script.input,
    get currentUtcDateTime() {
      return new Date(now);
    },
    callActivity: (name: string, input?: unknown) => activity(name, input, false),
    callActivityWithRetry: (name: string, _retry: RetryOptions, input?: unknown) => activity(name, input, true),
    createTimer: (fireAt: Date) => new FakeTimer(fireAt.toISOString(), (at) => trace.push({ cancelled: at })),
    waitForExternalEvent: (name: string) => new FakeTask('event', name),
    Task: { all: (tasks: Task[]) => new FakeTask('all', 'all', tasks.map(own)), any: (tasks: Task[]) => new FakeTask('any', 'any', tasks.map(own)) },
    continueAsNew: (input: unknown) => void trace.push({ continueAsNew: input }),
  };

  const generator = handler({ df } as unknown as OrchestrationContext);
  let step = generator.next();
  for (let yields = 1; !step.done; yields++) {
    if (yields > (script.maxYields ?? 200)) throw new Error(`more than ${script.maxYields ?? 200} yields: does the script make the orchestrator loop?`);
    const task = own(step.value);
    // The SDK's Task.any/all hear only of members completing after they are yielded: it would hang.
    if (task.children.some((c) => c.isCompleted)) throw new Error(`the orchestrator yielded a Task.${task.kind} over a task already completed: durable-functions 3.5 would wait forever`);
    open(task);
    resolve(task);
    const winner = task.kind === 'any' && task.result instanceof FakeTask ? task.result : undefined;
    if (task.kind === 'all') trace.push({ all: task.children.map((c) => c.describe()) });
    else if (task.kind === 'any') trace.push({ any: task.children.map((c) => c.describe()), winner: winner?.label ?? '?' });
    else trace.push(task.describe());
    step = task.isFaulted ? generator.throw(task.result) : generator.next(task.result);
  }
  trace.push({ output: step.value });
  return { trace, output: step.value };
}

function own(task: Task): FakeTask {
  if (task instanceof FakeTask) return task;
  throw new Error('the orchestrator yielded a task that did not come from the fake');
}

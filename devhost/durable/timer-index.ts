import { timerBucket, type DurableStore, type StoredTimer } from './store';

const DAY = 86_400_000;

/**
 * Durable timers due soonest, kept in memory one day-bucket at a time; the rest stay in Table storage
 * (partitioned by UTC day) so memory does not grow with the number of pending timers.
 */
export class TimerIndex {
  private heap: StoredTimer[] = [];
  /** Every stored timer due before this instant is in `heap`. */
  private loadedUntil = 0;
  private exhausted = false;

  constructor(private readonly store: DurableStore) {}

  /** Records a timer written to storage. */
  add(t: StoredTimer): void {
    if (t.at < this.loadedUntil) this.push(t);
    else this.exhausted = false;
  }

  remove(t: StoredTimer): void {
    this.heap = this.heap.filter((x) => !(x.instanceId === t.instanceId && x.executionId === t.executionId && x.taskId === t.taskId && x.at === t.at));
  }

  /** The earliest pending timer, loading the next non-empty day from storage when needed. */
  async next(): Promise<StoredTimer | undefined> {
    while (this.heap.length === 0 && !this.exhausted) {
      const bucket = await this.store.firstTimerBucketFrom(timerBucket(this.loadedUntil));
      if (!bucket) {
        this.exhausted = true;
        break;
      }
      const start = Date.UTC(Number(bucket.slice(0, 4)), Number(bucket.slice(4, 6)) - 1, Number(bucket.slice(6, 8)));
      for (const t of await this.store.loadTimerBucket(bucket)) if (t.at >= this.loadedUntil) this.push(t);
      this.loadedUntil = start + DAY;
    }
    return this.heap[0];
  }

  private push(t: StoredTimer): void {
    const i = this.heap.findIndex((x) => x.at > t.at);
    if (i === -1) this.heap.push(t);
    else this.heap.splice(i, 0, t);
  }
}

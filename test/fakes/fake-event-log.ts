import type { DomainEvent } from '../../src/domain/events/domain-event';
import type { EventLog } from '../../src/ports/event-log';

/** In-memory {@link EventLog}; `failAppend` makes the next append throw, as storage might. */
export class FakeEventLog implements EventLog {
  readonly events = new Map<string, { event: DomainEvent; dispatchedAt: string | null }>();
  failAppend: Error | undefined;

  async append(event: DomainEvent): Promise<{ appended: boolean; pending: boolean }> {
    if (this.failAppend) {
      const error = this.failAppend;
      this.failAppend = undefined;
      throw error;
    }
    const existing = this.events.get(event.id);
    if (existing) return { appended: false, pending: existing.dispatchedAt === null };
    this.events.set(event.id, { event, dispatchedAt: null });
    return { appended: true, pending: true };
  }

  async get(eventId: string): Promise<DomainEvent | undefined> {
    return this.events.get(eventId)?.event;
  }

  async markDispatched(event: Pick<DomainEvent, 'id' | 'time'>, at: Date): Promise<void> {
    const row = this.events.get(event.id);
    if (row && row.dispatchedAt === null) row.dispatchedAt = at.toISOString();
  }

  async pending(before: Date, limit: number): Promise<DomainEvent[]> {
    return [...this.events.values()]
      .filter((row) => row.dispatchedAt === null && row.event.time < before.toISOString())
      .map((row) => row.event)
      .sort((a, b) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id))
      .slice(0, limit);
  }

  /** The events of one type, in publication order (for assertions). */
  ofType(type: DomainEvent['type']): DomainEvent[] {
    return [...this.events.values()].map((row) => row.event).filter((e) => e.type === type);
  }
}

import type { Delivery, DeliveryHealth, DeliveryStore } from '../../src/ports/delivery-store';

const key = (subscriptionId: string, eventId: string): string => `${subscriptionId}|${eventId}`;
const changedAt = (d: Delivery): string => d.lastAttemptAt ?? d.createdAt;

/** An in-memory {@link DeliveryStore}: one row per subscription × event. */
export class FakeDeliveryStore implements DeliveryStore {
  readonly rows = new Map<string, Delivery>();

  async record(d: Pick<Delivery, 'eventId' | 'subscriptionId' | 'eventType' | 'createdAt'>): Promise<Delivery> {
    const existing = this.rows.get(key(d.subscriptionId, d.eventId));
    if (existing) return { ...existing };
    const fresh: Delivery = { ...d, status: 'pending', attempts: 0 };
    this.rows.set(key(d.subscriptionId, d.eventId), fresh);
    return { ...fresh };
  }

  async get(subscriptionId: string, eventId: string): Promise<Delivery | undefined> {
    const row = this.rows.get(key(subscriptionId, eventId));
    return row ? { ...row } : undefined;
  }

  async update(delivery: Delivery): Promise<void> {
    this.rows.set(key(delivery.subscriptionId, delivery.eventId), { ...delivery });
  }

  async health(subscriptionId: string, since: Date): Promise<DeliveryHealth> {
    const recent = [...this.rows.values()].filter((d) => d.subscriptionId === subscriptionId && changedAt(d) >= since.toISOString());
    const last = recent.sort((a, b) => changedAt(b).localeCompare(changedAt(a)))[0];
    const failures = recent.filter((d) => d.status === 'retrying' || d.status === 'failed').length;
    if (!last) return { failures };
    return { failures, last: { status: last.status, at: changedAt(last), ...(last.lastHttpStatus !== undefined ? { httpStatus: last.lastHttpStatus } : {}) } };
  }
}

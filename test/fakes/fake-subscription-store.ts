import type { StoredSubscription, SubscriptionStore } from '../../src/ports/subscription-store';

/** An in-memory {@link SubscriptionStore}, listed oldest first. */
export class FakeSubscriptionStore implements SubscriptionStore {
  readonly rows = new Map<string, StoredSubscription>();

  async create(subscription: StoredSubscription): Promise<void> {
    if (this.rows.has(subscription.id)) throw Object.assign(new Error('exists'), { statusCode: 409 });
    this.rows.set(subscription.id, { ...subscription, events: [...subscription.events] });
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    const row = this.rows.get(id);
    return row ? { ...row, events: [...row.events] } : undefined;
  }

  async list(): Promise<StoredSubscription[]> {
    return [...this.rows.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((r) => ({ ...r, events: [...r.events] }));
  }

  async delete(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
}

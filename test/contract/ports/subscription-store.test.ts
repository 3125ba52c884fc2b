import { randomUUID } from 'node:crypto';
import { TableDeliveryStore } from '../../../src/adapters/tables/table-delivery-store';
import { TableSubscriptionStore } from '../../../src/adapters/tables/table-subscription-store';
import { DELIVERIES_TABLE, SUBSCRIPTIONS_TABLE } from '../../../src/adapters/tables/table-client';
import type { DeliveryStore } from '../../../src/ports/delivery-store';
import type { StoredSubscription, SubscriptionStore } from '../../../src/ports/subscription-store';
import { rawTable, useAzurite } from '../../integration/stores/store-fixtures';
import { FakeDeliveryStore } from '../../fakes/fake-delivery-store';
import { FakeSubscriptionStore } from '../../fakes/fake-subscription-store';

const connectionString = useAzurite();

const subscription = (createdAt: string, overrides: Partial<StoredSubscription> = {}): StoredSubscription => ({
  id: randomUUID(), notificationUrl: 'https://hooks.example.com/in?sig=abc', events: ['meeting.confirmed', 'communication.failed'],
  secret: `whsec_${Buffer.alloc(32, 3).toString('base64')}`, createdAt, createdBy: 'api-key', ...overrides,
});

/** What every {@link SubscriptionStore} must do, for the fake and the Table adapter alike. */
function subscriptionStoreContract(make: () => SubscriptionStore): void {
  test('stores, reads back, lists oldest first and deletes once', async () => {
    const store = make();
    const older = subscription('2026-11-20T09:00:00.000Z', { description: 'CRM flow' });
    const newer = subscription('2026-11-20T10:00:00.000Z');
    await store.create(newer);
    await store.create(older);
    expect(await store.get(older.id)).toEqual(older);
    expect(await store.get(newer.id)).toEqual(newer);
    const listed = (await store.list()).filter((s) => s.id === older.id || s.id === newer.id);
    expect(listed).toEqual([older, newer]);
    expect(await store.delete(older.id)).toBe(true);
    expect(await store.delete(older.id)).toBe(false);
    expect(await store.get(older.id)).toBeUndefined();
    expect(await store.get('no-such-id')).toBeUndefined();
  });

  test('an ID Table storage could not key is simply not there', async () => {
    const store = make();
    expect(await store.get('a/b')).toBeUndefined();
    expect(await store.delete('a#b')).toBe(false);
  });
}

/** What every {@link DeliveryStore} must do. */
function deliveryStoreContract(make: () => DeliveryStore): void {
  const base = { eventType: 'meeting.confirmed' as const, createdAt: '2026-11-20T09:00:00.000Z' };

  test('records a delivery once per subscription × event; updates replace its state', async () => {
    const store = make();
    const ref = { eventId: randomUUID(), subscriptionId: randomUUID() };
    const first = await store.record({ ...ref, ...base });
    expect(first).toEqual({ ...ref, ...base, status: 'pending', attempts: 0 });
    await store.update({ ...first, status: 'retrying', attempts: 1, firstAttemptAt: '2026-11-20T09:00:01.000Z', lastAttemptAt: '2026-11-20T09:00:01.000Z', lastHttpStatus: 0, nextAttemptAt: '2026-11-20T09:00:31.000Z' });
    const again = await store.record({ ...ref, ...base, createdAt: '2026-11-20T09:05:00.000Z' });
    expect(again).toMatchObject({ status: 'retrying', attempts: 1, lastHttpStatus: 0, createdAt: base.createdAt });
    await store.update({ ...again, status: 'delivered', attempts: 2, lastHttpStatus: 200 });
    expect(await store.get(ref.subscriptionId, ref.eventId)).toMatchObject({ status: 'delivered', attempts: 2, lastHttpStatus: 200 });
    expect(await store.get(ref.subscriptionId, randomUUID())).toBeUndefined();
  });

  test('health: the newest delivery and the failing ones since a time, per subscription', async () => {
    const store = make();
    const sub = randomUUID();
    const row = async (minute: number, status: 'delivered' | 'retrying' | 'failed', httpStatus: number): Promise<void> => {
      const at = `2026-11-20T09:${String(minute).padStart(2, '0')}:00.000Z`;
      const d = await store.record({ eventId: randomUUID(), subscriptionId: sub, ...base, createdAt: at });
      await store.update({ ...d, status, attempts: 1, firstAttemptAt: at, lastAttemptAt: at, lastHttpStatus: httpStatus });
    };
    await row(1, 'failed', 500);
    await row(10, 'retrying', 503);
    await row(20, 'delivered', 200);
    await row(15, 'failed', 0);
    expect(await store.health(sub, new Date('2026-11-20T09:05:00.000Z'))).toEqual({ failures: 2, last: { status: 'delivered', at: '2026-11-20T09:20:00.000Z', httpStatus: 200 } });
    expect(await store.health(randomUUID(), new Date(0))).toEqual({ failures: 0 });
  });
}

describe('FakeSubscriptionStore', () => subscriptionStoreContract(() => new FakeSubscriptionStore()));
describe('TableSubscriptionStore (Azurite)', () => {
  subscriptionStoreContract(() => new TableSubscriptionStore(connectionString()));

  test('a corrupt row is reported and skipped in the list, and named (never its data) when read', async () => {
    const reported: string[] = [];
    const store = new TableSubscriptionStore(connectionString(), (e) => reported.push(e.message));
    await store.list();
    await rawTable(connectionString(), SUBSCRIPTIONS_TABLE).upsertEntity({ partitionKey: 'subscription', rowKey: 'bad-1', notificationUrl: 'https://x', events: '["nope"]', secret: 'whsec_x', createdAt: 'yesterday', createdBy: 'x' });
    expect((await store.list()).map((s) => s.id)).not.toContain('bad-1');
    expect(reported).toEqual(['Subscriptions: stored row bad-1 is corrupt (events.0, createdAt)']);
    await expect(store.get('bad-1')).rejects.toThrow('Subscriptions: stored row bad-1 is corrupt');
  });
});
describe('FakeDeliveryStore', () => deliveryStoreContract(() => new FakeDeliveryStore()));
describe('TableDeliveryStore (Azurite)', () => {
  deliveryStoreContract(() => new TableDeliveryStore(connectionString()));

  test('a corrupt row is named with its keys', async () => {
    const store = new TableDeliveryStore(connectionString());
    await store.record({ eventId: 'warm', subscriptionId: 'warm', eventType: 'meeting.confirmed', createdAt: '2026-11-20T09:00:00.000Z' });
    await rawTable(connectionString(), DELIVERIES_TABLE).upsertEntity({ partitionKey: 's-bad', rowKey: 'e-bad', status: 'sideways' });
    await expect(store.get('s-bad', 'e-bad')).rejects.toThrow(/Deliveries: stored row s-bad\/e-bad is corrupt/);
  });
});

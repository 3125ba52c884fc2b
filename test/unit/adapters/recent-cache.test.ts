import { RecentCache } from '../../../src/adapters/caching/recent-cache';
import { recentSettings, recentSubscriptions, recentTemplates } from '../../../src/adapters/caching/cached-stores';
import { DEFAULT_SETTINGS } from '../../../src/domain';
import { FakeSettingsStore } from '../../fakes/fake-settings-store';
import { FakeSubscriptionStore } from '../../fakes/fake-subscription-store';
import { FakeTemplateStore } from '../../fakes/fake-template-store';

/** A cache on a hand-moved clock, and a counter of the reads that reached the store. */
function setup() {
  let now = 0;
  const advance = (ms: number): void => void (now += ms);
  const cache = <K, V>() => new RecentCache<K, V>(1_000, () => now);
  return { advance, cache };
}

describe('RecentCache', () => {
  test('reuses a value for its max age, then loads again', async () => {
    const { advance, cache } = setup();
    const c = cache<string, number>();
    let loads = 0;
    const load = async () => ++loads;
    expect(await c.get('k', load)).toBe(1);
    advance(999);
    expect(await c.get('k', load)).toBe(1);
    advance(1);
    expect(await c.get('k', load)).toBe(2);
  });

  test('concurrent misses share one load; a failed load is not kept', async () => {
    const { cache } = setup();
    const c = cache<string, number>();
    let loads = 0;
    const [a, b] = await Promise.all([c.get('k', async () => ++loads), c.get('k', async () => ++loads)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    const failing = cache<string, number>();
    await expect(failing.get('k', async () => { throw new Error('storage down'); })).rejects.toThrow('storage down');
    expect(await failing.get('k', async () => 7)).toBe(7);
  });
});

describe('the stores read through it', () => {
  test('settings: a save here is seen at once; a save elsewhere within the max age', async () => {
    const { advance, cache } = setup();
    const store = new FakeSettingsStore();
    const settings = recentSettings(store, cache());
    const first = await settings.get();
    const on = { ...DEFAULT_SETTINGS, enabled: true };
    // Saved through this instance: seen at once.
    const saved = await settings.replace(on, first.etag, { at: new Date(0), by: null });
    if (!saved.ok) throw new Error('expected the save to succeed');
    expect((await settings.get()).settings.enabled).toBe(true);
    // Saved through another instance (straight to the store): seen after the max age.
    await store.replace({ ...on, enabled: false }, saved.stored.etag, { at: new Date(0), by: null });
    expect((await settings.get()).settings.enabled).toBe(true);
    advance(1_000);
    expect((await settings.get()).settings.enabled).toBe(false);
  });

  test('settings: a refused save (stale ETag) forgets what it held', async () => {
    const { cache } = setup();
    const store = new FakeSettingsStore();
    const settings = recentSettings(store, cache());
    const first = await settings.get();
    await store.replace({ ...DEFAULT_SETTINGS, enabled: true }, first.etag, { at: new Date(0), by: null });
    expect(await settings.replace(DEFAULT_SETTINGS, first.etag, { at: new Date(0), by: null })).toEqual({ ok: false, reason: 'conflict' });
    expect((await settings.get()).settings.enabled).toBe(true);
  });

  test('templates: a save and a reset here are seen at once, per type × channel × locale', async () => {
    const { cache } = setup();
    const store = new FakeTemplateStore();
    const templates = recentTemplates(store, cache());
    expect(await templates.get('reminder', 'sms', 'en-US')).toBeUndefined();
    await templates.put('reminder', 'sms', 'en-US', { text: 'Hi {{ contact.firstName }}' }, { at: new Date(0), by: 'admin' });
    expect((await templates.get('reminder', 'sms', 'en-US'))?.template).toEqual({ text: 'Hi {{ contact.firstName }}' });
    expect(await templates.get('reminder', 'sms', 'es-ES')).toBeUndefined();
    await templates.delete('reminder', 'sms', 'en-US');
    expect(await templates.get('reminder', 'sms', 'en-US')).toBeUndefined();
  });

  test('subscriptions: one created or deleted here is listed (or not) at once', async () => {
    const { cache } = setup();
    const store = new FakeSubscriptionStore();
    const subscriptions = recentSubscriptions(store, cache());
    expect(await subscriptions.list()).toEqual([]);
    const sub = { id: 's1', notificationUrl: 'https://example.com/hook', events: ['meeting.confirmed' as const], secret: 'whsec_x', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'api-key' };
    await subscriptions.create(sub);
    expect((await subscriptions.list()).map((s) => s.id)).toEqual(['s1']);
    await subscriptions.delete('s1');
    expect(await subscriptions.list()).toEqual([]);
  });
});

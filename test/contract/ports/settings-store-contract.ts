import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain';
import type { SettingsStore } from '../../../src/ports/settings-store';

const enabled: Settings = { ...DEFAULT_SETTINGS, enabled: true, reminder: { ...DEFAULT_SETTINGS.reminder, sms: true, daysBefore: 3 } };

/**
 * What every {@link SettingsStore} must do, against the fake and the Table adapter. `make` gives a
 * store nobody has saved to yet; the tests run in order on it.
 */
export function settingsStoreContract(make: () => SettingsStore): void {
  let store: SettingsStore;
  beforeAll(() => {
    store = make();
  });

  test('before any save: the defaults, and the same ETag on every read', async () => {
    const first = await store.get();
    expect(first).toEqual({ settings: DEFAULT_SETTINGS, etag: expect.stringMatching(/\S/), updatedAt: null, updatedBy: null });
    expect((await store.get()).etag).toBe(first.etag);
  });

  test('a save with the current ETag stores the document and the audit fields under a new ETag', async () => {
    const { etag } = await store.get();
    const at = new Date('2026-11-05T10:00:00Z');
    const saved = await store.replace(enabled, etag, { at, by: 'admin@contoso.com' });
    expect(saved).toEqual({ ok: true, stored: { settings: enabled, etag: expect.any(String), updatedAt: at.toISOString(), updatedBy: 'admin@contoso.com' } });
    expect(saved.ok && saved.stored.etag).not.toBe(etag);
    expect(await store.get()).toEqual(saved.ok && saved.stored);
  });

  test('a save with a stale ETag → conflict, and nothing changes', async () => {
    const read = await store.get();
    expect((await store.replace({ ...enabled, defaultLocale: 'es-ES' }, read.etag, { at: new Date('2026-11-06T10:00:00Z'), by: 'one' })).ok).toBe(true);
    expect(await store.replace(DEFAULT_SETTINGS, read.etag, { at: new Date('2026-11-06T10:00:01Z'), by: 'two' })).toEqual({ ok: false, reason: 'conflict' });
    expect(await store.get()).toMatchObject({ settings: { defaultLocale: 'es-ES' }, updatedBy: 'one' });
  });
}

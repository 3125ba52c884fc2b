import { DEFAULT_SETTINGS, type Settings } from '../../../src/domain';
import { CorruptRowError, SETTINGS_TABLE } from '../../../src/adapters/tables/table-client';
import { TableSettingsStore } from '../../../src/adapters/tables/table-settings-store';
import { rawTable, useAzurite } from './store-fixtures';

const connectionString = useAzurite();
const store = (): TableSettingsStore => new TableSettingsStore(connectionString());

const enabled: Settings = { ...DEFAULT_SETTINGS, enabled: true, reminder: { ...DEFAULT_SETTINGS.reminder, sms: true, daysBefore: 3 } };

// The tests share one settings row and run in order: first read, then writes.
describe('TableSettingsStore', () => {
  test('the first reads (even concurrent ones) store the defaults and agree on one ETag', async () => {
    const reads = await Promise.all(Array.from({ length: 5 }, () => store().get()));
    for (const read of reads) expect(read).toEqual({ settings: DEFAULT_SETTINGS, etag: reads[0]!.etag, updatedAt: null, updatedBy: null });
    expect(reads[0]!.etag).toMatch(/\S/);
    expect((await store().get()).etag).toBe(reads[0]!.etag);
  });

  test('replace with the current ETag saves the document and the audit fields', async () => {
    const { etag } = await store().get();
    const at = new Date('2026-11-05T10:00:00Z');
    const result = await store().replace(enabled, etag, { at, by: 'admin@contoso.com' });
    expect(result).toEqual({ ok: true, stored: { settings: enabled, etag: expect.any(String), updatedAt: at.toISOString(), updatedBy: 'admin@contoso.com' } });
    expect(result.ok && result.stored.etag).not.toBe(etag);
    expect(await store().get()).toEqual(result.ok && result.stored);
  });

  test('replace with a stale ETag → conflict, nothing changed', async () => {
    const current = await store().get();
    const first = await store().replace({ ...enabled, defaultLocale: 'es-ES' }, current.etag, { at: new Date('2026-11-06T10:00:00Z'), by: 'one' });
    expect(first.ok).toBe(true);
    const second = await store().replace(DEFAULT_SETTINGS, current.etag, { at: new Date('2026-11-06T10:00:01Z'), by: 'two' });
    expect(second).toEqual({ ok: false, reason: 'conflict' });
    expect(await store().get()).toMatchObject({ settings: { defaultLocale: 'es-ES' }, updatedBy: 'one' });
  });

  test('a replace without a known author records updatedBy null', async () => {
    const { etag } = await store().get();
    const result = await store().replace(enabled, etag, { at: new Date('2026-11-07T10:00:00Z'), by: null });
    expect(result.ok).toBe(true);
    expect(await store().get()).toMatchObject({ updatedAt: '2026-11-07T10:00:00.000Z', updatedBy: null });
  });

  test('a corrupt document throws an error naming the field, not the data', async () => {
    const table = rawTable(connectionString(), SETTINGS_TABLE);
    await table.upsertEntity({ partitionKey: 'settings', rowKey: 'current', document: JSON.stringify({ ...enabled, reminder: { daysBefore: 'secret-value' } }) }, 'Replace');
    const error = await store().get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect((error as Error).message).toMatch(/Settings: stored row settings\/current is corrupt .*document\.reminder\.daysBefore/);
    expect((error as Error).message).not.toContain('secret-value');
    // Once the row is gone the defaults are stored again.
    await table.deleteEntity('settings', 'current');
    expect((await store().get()).settings).toEqual(DEFAULT_SETTINGS);
  });
});

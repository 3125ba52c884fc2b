import { defaultTemplate } from '../../../src/adapters/templates/default-templates';
import { OverrideTemplateSource } from '../../../src/adapters/templates/override-template-source';
import { CorruptRowError, TEMPLATES_TABLE } from '../../../src/adapters/tables/table-client';
import { TableTemplateStore } from '../../../src/adapters/tables/table-template-store';
import { rawTable, useAzurite } from './store-fixtures';

const connectionString = useAzurite();
const store = (): TableTemplateStore => new TableTemplateStore(connectionString());

const email = (n: number) => ({ subject: `Subject ${n} {{ subject }}`, html: `<p>Hi {{ contactFirstName }} (${n})</p>`, text: `Hi {{ contactFirstName }} (${n})` });
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 5, 10, minute));

describe('TableTemplateStore', () => {
  test('no override → undefined; put → version 1 in force, with who and when', async () => {
    expect(await store().get('confirmation', 'email', 'en-US')).toBeUndefined();
    const saved = await store().put('confirmation', 'email', 'en-US', email(1), { at: at(0), by: 'admin-ana' });
    expect(saved).toEqual({ version: 1, savedAt: at(0).toISOString(), savedBy: 'admin-ana', template: email(1) });
    expect(await store().get('confirmation', 'email', 'en-US')).toEqual(saved);
    // Other channels and locales are separate templates.
    expect(await store().get('confirmation', 'sms', 'en-US')).toBeUndefined();
    expect(await store().get('confirmation', 'email', 'es-ES')).toBeUndefined();
  });

  test('twelve saves keep the newest ten versions, newest first; the last one is in force', async () => {
    for (let n = 1; n <= 12; n += 1) await store().put('reminder', 'sms', 'es-ES', { text: `v${n} {{ startTime }}` }, { at: at(n), by: `admin-${n}` });
    const history = await store().history('reminder', 'sms', 'es-ES');
    expect(history.map((v) => v.version)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(history[0]).toEqual({ version: 12, savedAt: at(12).toISOString(), savedBy: 'admin-12', template: { text: 'v12 {{ startTime }}' } });
    expect((await store().get('reminder', 'sms', 'es-ES'))?.version).toBe(12);
    const rows: string[] = [];
    for await (const row of rawTable(connectionString(), TEMPLATES_TABLE).listEntities({ queryOptions: { filter: "PartitionKey eq 'reminder|sms|es-ES'" } })) rows.push(row.rowKey ?? '');
    expect(rows).toHaveLength(11);
    expect(rows).toContain('current');
    expect(rows).toContain('v|000012');
  });

  test('delete goes back to the default and keeps the history; the next save continues the numbering', async () => {
    await store().put('cancellation', 'email', 'en-US', email(1), { at: at(1), by: 'a' });
    await store().put('cancellation', 'email', 'en-US', email(2), { at: at(2), by: 'a' });
    expect(await store().delete('cancellation', 'email', 'en-US')).toBe(true);
    expect(await store().get('cancellation', 'email', 'en-US')).toBeUndefined();
    expect(await store().delete('cancellation', 'email', 'en-US')).toBe(false);
    expect((await store().history('cancellation', 'email', 'en-US')).map((v) => v.version)).toEqual([2, 1]);
    expect((await store().put('cancellation', 'email', 'en-US', email(3), { at: at(3), by: 'a' })).version).toBe(3);
  });

  test('concurrent saves get distinct versions, and the highest is in force', async () => {
    const saved = await Promise.all([1, 2, 3, 4].map((n) => store().put('reminder', 'email', 'en-US', email(n), { at: at(n), by: `admin-${n}` })));
    expect(saved.map((v) => v.version).sort()).toEqual([1, 2, 3, 4]);
    const current = await store().get('reminder', 'email', 'en-US');
    const newest = saved.find((v) => v.version === 4);
    expect(current).toEqual(newest);
  });

  test('a 100 000-character HTML part (emoji across the chunk boundaries) survives the round trip', async () => {
    // 29 999 characters, then pairs: the first emoji straddles the 30 000-character cut.
    const html = `<p>${'a'.repeat(29_996)}${'😀'.repeat(35_000)}`.slice(0, 99_999);
    const template = { subject: 'Big', html, text: 'x'.repeat(20_000) };
    await store().put('confirmation', 'email', 'es-ES', template, { at: at(0), by: 'a' });
    expect((await store().get('confirmation', 'email', 'es-ES'))?.template).toEqual(template);
  });

  test('a corrupt current row throws an error naming the field, not the data', async () => {
    await rawTable(connectionString(), TEMPLATES_TABLE).upsertEntity({ partitionKey: 'cancellation|sms|en-US', rowKey: 'current', version: 'secret', savedAt: 'x', savedBy: 'y', textParts: 1, text0: 'hi' }, 'Replace');
    const error = await store().get('cancellation', 'sms', 'en-US').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect((error as Error).message).toMatch(/Templates: stored row cancellation\|sms\|en-US\/current is corrupt .*version/);
    expect((error as Error).message).not.toContain('secret');
  });
});

describe('OverrideTemplateSource', () => {
  const warnings: string[] = [];
  const source = (): OverrideTemplateSource => new OverrideTemplateSource(store(), { warn: (m) => warnings.push(m) });

  test('per channel: an email override replaces the email parts only; SMS stays the default', async () => {
    await store().put('confirmation', 'email', 'en-US', email(7), { at: at(0), by: 'a' });
    expect(await source().get('confirmation', 'email', 'en-US')).toEqual(email(7));
    expect(await source().get('confirmation', 'sms', 'en-US')).toEqual(defaultTemplate('confirmation', 'en-US').sms);
    expect(await source().get('reminder', 'sms', 'es-ES')).toMatchObject({ text: 'v12 {{ startTime }}' });
    expect(await source().get('reminder', 'email', 'es-ES')).toEqual(defaultTemplate('reminder', 'es-ES').email);
  });

  test('an override that no longer compiles, or a corrupt row, falls back to the default with a warning', async () => {
    const table = rawTable(connectionString(), TEMPLATES_TABLE);
    await table.upsertEntity({ partitionKey: 'reminder|sms|en-US', rowKey: 'current', version: 3, savedAt: at(0).toISOString(), savedBy: 'a', textParts: 1, text0: 'Hi {{ removedField }}' }, 'Replace');
    expect(await source().get('reminder', 'sms', 'en-US')).toEqual(defaultTemplate('reminder', 'en-US').sms);
    expect(warnings.some((w) => w.includes('reminder/sms/en-US') && w.includes('version 3') && !w.includes('removedField'))).toBe(true);
    expect(await source().get('cancellation', 'sms', 'en-US')).toEqual(defaultTemplate('cancellation', 'en-US').sms);
    expect(warnings.some((w) => w.includes('cancellation/sms/en-US') && w.includes('corrupt'))).toBe(true);
  });
});

import { configSchema } from '../../src/config/schema';
import { LOCALE_NAMES, SUPPORTED_LOCALES } from '../../src/domain';
import { adminPageHtml } from '../../src/http/admin/page-html';

/** Every list of locales is SUPPORTED_LOCALES: adding a locale there reaches configuration and the admin page. */
describe('the supported locales, declared once', () => {
  const config = (locale: string) => configSchema.safeParse({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', DEFAULT_PAGE_LOCALE: locale });

  test('DEFAULT_PAGE_LOCALE accepts each supported locale and nothing else', () => {
    for (const locale of SUPPORTED_LOCALES) expect(config(locale).data?.DEFAULT_PAGE_LOCALE).toBe(locale);
    for (const other of ['fr-FR', 'en', 'es-es']) expect(config(other).error?.issues.map((i) => i.path.join('.'))).toEqual(['DEFAULT_PAGE_LOCALE']);
  });

  test('the admin page\'s two language pickers offer each supported locale, by its own name, in order', () => {
    const page = adminPageHtml({ assets: '/api/manage', api: '/api' });
    const pickers = ['s-locale', 't-locale'].map((id) => page.match(new RegExp(`<select id="${id}"[^>]*>(.*?)</select>`))?.[1] ?? '');
    const listed = (picker: string) => [...picker.matchAll(/<option value="([^"]+)">([^<]+)<\/option>/g)].map(([, value, name]) => [value, name]);
    const expected = SUPPORTED_LOCALES.map((locale) => [locale, LOCALE_NAMES[locale]]);
    expect(pickers.map(listed)).toEqual([expected, expected]);
    expect(expected).toContainEqual(['es-ES', 'Español (España)']);
  });
});

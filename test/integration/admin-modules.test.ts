import { AppHost, useAppHost } from '../support/app-host';
import { emitInMemory } from '../support/tsconfig-files';

/**
 * The admin page's browser code reaches the browser as the ES modules `tsc -p web/admin` writes,
 * served by name from /api/manage/{asset}; nothing else can be reached through that route.
 */
describe('the admin page modules: GET /api/manage/{module}.js', () => {
  let host: AppHost;
  useAppHost((started) => (host = started));
  const compiled = emitInMemory('web/admin/tsconfig.json');
  const get = (asset: string): Promise<Response> => fetch(`${host.url}/api/manage/${asset}`);

  test('serves each module exactly as compiled from web/admin, as JavaScript', async () => {
    expect([...compiled.keys()]).toContain('app.js');
    for (const [name, text] of compiled) {
      const res = await get(name);
      expect({ name, status: res.status, type: res.headers.get('content-type') }).toEqual({ name, status: 200, type: 'text/javascript; charset=utf-8' });
      expect({ name, body: await res.text() }).toEqual({ name, body: text });
    }
  });

  test('every import of a module names another served module (the browser resolves them beside the page)', () => {
    for (const [name, text] of compiled) {
      for (const [, specifier] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
        expect({ name, specifier }).toEqual({ name, specifier: expect.stringMatching(/^\.\/[a-z-]+\.js$/) });
        expect(compiled.has((specifier ?? '').slice(2))).toBe(true);
      }
    }
  });

  test.each([
    // Not modules: sources, maps, configs, other cases, prototype keys.
    'main.ts', 'app.js.map', 'tsconfig.json', 'APP.JS', 'app.js%00', 'hasOwnProperty', '__proto__',
    // Files that do exist relative to dist/web/admin, named through encoded separators.
    '..%2F..%2Fsrc%2Fhttp%2Fadmin-page.js', '%2E%2E%2F%2E%2E%2F%2E%2E%2Fpackage.json', '..%5C..%5C..%5Cpackage.json', '%2Fetc%2Fpasswd',
  ])('%s is not served (404 problem)', async (asset) => {
    const res = await get(asset);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

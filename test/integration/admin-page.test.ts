import ts from 'typescript';
import { AppHost, useAppHost } from '../support/app-host';

/**
 * GET /api/manage serves the admin page without credentials (it holds no data), under a strict CSP,
 * never cached; its one script and one stylesheet come from the same origin.
 */
describe('the admin page: GET /api/manage', () => {
  let host: AppHost;
  useAppHost((started) => (host = started));

  const get = (path: string): Promise<Response> => fetch(`${host.url}/api/${path}`);
  const directives = (res: Response): Map<string, string> =>
    new Map((res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name ?? '', sources.join(' ')]));

  test('serves the HTML with no credentials, a strict CSP, no-store and no referrer', async () => {
    const res = await get('manage');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = directives(res);
    expect(Object.fromEntries(csp)).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'connect-src': "'self'",
      'img-src': "'self' data:",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
    });
    expect(csp.has('frame-src')).toBe(false);

    const page = await res.text();
    expect(page).toMatch(/^<!doctype html>/);
    // No inline script: every <script> has a src on this origin, and no inline event handlers.
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/api/manage/app.js">']);
    expect(page).not.toMatch(/<script[^>]*>[^<]/);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).toContain('<link rel="stylesheet" href="/api/manage/app.css">');
    expect(page).toContain('data-api="/api"');
    expect(page).toContain('<iframe id="preview-html" title="Email preview" sandbox=""></iframe>');
  });

  test('every form control has a label', async () => {
    const page = await (await get('manage')).text();
    const ids = [...page.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(15);
    for (const id of ids) expect(page).toContain(`<label for="${id}"`);
  });

  test('serves the script and the stylesheet with their content types, no credentials needed', async () => {
    const js = await get('manage/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await js.text();
    // It parses as an ES module, and is one as tsc writes it: no CommonJS (the browser has no require).
    expect(ts.transpileModule(script, { reportDiagnostics: true, fileName: 'app.js', compilerOptions: { allowJs: true } }).diagnostics).toEqual([]);
    expect(script).not.toMatch(/\brequire\(|\bexports\b|\b\w+_\d+\.\w+/);

    const css = await get('manage/app.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain(':focus-visible');
  });

  test('has nothing else under the page, and the data routes still need credentials', async () => {
    for (const path of ['manage/app.ts', 'manage/__proto__', 'manage/constructor']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await get('settings')).status).toBe(401);
  });
});

import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { APP_CSS } from './admin/app-css';
import { adminModules } from './admin/admin-modules';
import { adminPageHtml } from './admin/page-html';
import { problem } from './problem';

/**
 * The route of the admin page. Not `admin`: the Functions host reserves every route that starts with
 * "admin" or "runtime" (whatever the route prefix) and refuses to register such a function
 * ("The specified route conflicts with one or more built in routes").
 */
export const ADMIN_PAGE_ROUTE = 'manage';

/**
 * The page's policy: script and stylesheet only from this origin (no inline script), API calls
 * only to this origin, no forms posting anywhere, no framing. `style-src 'unsafe-inline'` is for the
 * template preview alone: its srcdoc iframe inherits this policy and email HTML is styled inline.
 * That iframe is `sandbox=""` (no script, an opaque origin); frame-src (from default-src) stops
 * its links navigating, and no images (but data:) or fonts load, so inline styles reach nothing.
 */
const CSP = ["default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "connect-src 'self'", "img-src 'self' data:", "form-action 'none'", "base-uri 'none'", "frame-ancestors 'none'"].join('; ');

const respond = (contentType: string, body: string): HttpResponseInit => ({
  status: 200,
  headers: {
    'content-type': contentType,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
  },
  body,
});

/** The page's path as requested (`/api/manage`), without a trailing slash. */
const pagePath = (req: HttpRequest): string => new URL(req.url).pathname.replace(/\/+$/, '');

/**
 * GET /api/manage — the admin page. It holds no data, so it is served without credentials; the
 * script reads and writes everything through the API with the admin's bearer token
 * (Communications.Admin role), pasted at sign-in.
 *
 * On Azure, also put the page behind App Service authentication (Entra ID): require sign-in for
 * /api/manage and /api/manage/* and list the API's own routes under `globalValidation.excludedPaths`
 * (auth settings v2), since they authorise each call themselves (bearer token or x-api-key) and
 * flows call them without a browser session. Then only staff can even load the page.
 */
export function adminPageHandler(req: HttpRequest): HttpResponseInit {
  const path = pagePath(req);
  return respond('text/html; charset=utf-8', adminPageHtml({ assets: path, api: path.slice(0, path.lastIndexOf('/')) }));
}

/**
 * GET /api/manage/{asset} — the page's stylesheet and its ES modules, compiled from web/admin (no
 * credentials: they hold no data). `asset` is looked up by exact name, never joined to a path.
 */
export function adminAssetHandler(req: HttpRequest): HttpResponseInit {
  const name = req.params.asset ?? '';
  if (name === 'app.css') return respond('text/css; charset=utf-8', APP_CSS);
  const script = adminModules().get(name);
  return script !== undefined ? respond('text/javascript; charset=utf-8', script) : problem(404, 'Not found', 'The admin page has no such file.');
}

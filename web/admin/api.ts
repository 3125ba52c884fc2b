/*
 * Browser code: the admin page's ES modules, compiled by web/admin/tsconfig.json (DOM lib, no Node)
 * and served as-is from /api/manage/{module}.js. Relative imports name the compiled file (`./api.js`)
 * because the browser resolves them against the page's URL, with no bundler in between.
 */

/** A reply from the API: status, ETag and the parsed JSON body (or the raw text, or null). */
export interface ApiReply {
  readonly status: number;
  readonly etag: string | null;
  readonly body: unknown;
}

/** What the page asks of the API. */
export interface AdminApi {
  readonly signedIn: () => boolean;
  readonly signIn: (token: string) => void;
  readonly signOut: () => void;
  readonly call: (method: string, path: string, options?: { body?: unknown; ifMatch?: string | null }) => Promise<ApiReply>;
}

/**
 * The API client: the admin's bearer token lives in sessionStorage (gone when the tab closes, never
 * in a cookie, so no CSRF surface) and goes with every call. `root` is the API's base path (`/api`).
 */
export function adminApi(storage: Storage, root: string): AdminApi {
  const key = 'meeting-communications.admin-token';
  return {
    signedIn: () => Boolean(storage.getItem(key)),
    signIn: (token) => storage.setItem(key, token.trim().replace(/^Bearer\s+/i, '')),
    signOut: () => storage.removeItem(key),
    call: async (method, path, options = {}) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      const token = storage.getItem(key);
      if (token) headers.authorization = `Bearer ${token}`;
      if (options.ifMatch) headers['if-match'] = options.ifMatch;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      let res: Response;
      try {
        res = await fetch(`${root}/${path}`, { method, headers, cache: 'no-store', body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      } catch {
        return { status: 0, etag: null, body: { detail: 'The service could not be reached.' } };
      }
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      return { status: res.status, etag: res.headers.get('etag'), body };
    },
  };
}

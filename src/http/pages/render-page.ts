import { randomBytes } from 'node:crypto';
import type { HttpResponseInit } from '@azure/functions';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Marks trusted markup built here, so page bodies escape everything else. */
export interface Html { readonly html: string }
export const html = (strings: TemplateStringsArray, ...values: Array<string | Html>): Html => ({
  html: strings.reduce((out, s, i) => out + s + (i < values.length ? (typeof values[i] === 'string' ? escapeHtml(values[i] as string) : (values[i] as Html).html) : ''), ''),
});

const STYLE = `
:root{color-scheme:light}
body{font:17px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f4f5f7;color:#1a1a1a}
main{max-width:34rem;margin:2.5rem auto;padding:1.75rem;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.45rem;margin:0 0 1rem}dl{margin:1rem 0}dt{font-weight:600;margin-top:.6rem}dd{margin:0}
button{font:inherit;font-weight:600;color:#fff;background:#a4262c;border:0;border-radius:6px;padding:.7rem 1.2rem;cursor:pointer}
button:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}.hint{color:#4a4a4a;font-size:.95rem}`;

/**
 * A customer page: no scripts at all, one nonce-bound inline style, a strict Content-Security-Policy,
 * no referrer (the URL carries the token) and no caching.
 */
export function page(status: number, lang: string, title: string, body: Html, head = false): HttpResponseInit {
  const nonce = randomBytes(16).toString('base64');
  const doc = `<!doctype html><html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head><body><main>${body.html}</main></body></html>`;
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    },
    body: head ? undefined : doc,
  };
}

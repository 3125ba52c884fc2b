/*
 * The customer deep-link pages' routes, declared once: functions/links.ts registers them, messages
 * and previews link to them, logs mask the tokens in them, and the connector leaves them out.
 */

/** The Functions route prefix (host.json `extensions.http.routePrefix`); a test ties the two together. */
export const API_ROUTE_PREFIX = 'api';

/** The first segment of every deep-link route. */
export const LINK_ROUTE_SEGMENT = 'links';

/** GET/HEAD: the page that shows the meeting and a Cancel button. */
export const LINK_PAGE_ROUTE = `${LINK_ROUTE_SEGMENT}/{token}`;

/** POST: the Cancel button's form. */
export const LINK_CANCEL_ROUTE = `${LINK_PAGE_ROUTE}/cancel`;

/**
 * The link page's URL for a token: `${publicBaseUrl}/api/links/${token}`, the token URL-encoded and a
 * path prefix of the base kept (a trailing slash is not doubled). The base is not checked here.
 */
export function linkPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/${API_ROUTE_PREFIX}/${LINK_ROUTE_SEGMENT}/${encodeURIComponent(token)}`;
}

/** A deep-link token in a path: the segment after `/links/`, up to the next `/`, query, fragment or space. */
const TOKEN_IN_PATH = new RegExp(`/${LINK_ROUTE_SEGMENT}/[^/?#\\s]+`, 'g');

/** A URL or path with every deep-link token replaced by `…`: a token is a bearer secret, never logged. */
export function maskLinkTokens(url: string): string {
  return url.replace(TOKEN_IN_PATH, `/${LINK_ROUTE_SEGMENT}/…`);
}

import { fail, ok, type FieldError, type Result } from '../result';
import { isLinkTokenFormat } from './link-token';
import { linkPageUrl } from './link-route';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['meetingId', 'token']);

/** Printable ASCII without space, quotes, `<>`, backslash, `^` or backtick: what a URL may hold unescaped. */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%{}]+$/;

/**
 * Checks a portal cancel-URL template: an https URL (at most 2000 characters) containing `{meetingId}`,
 * optionally `{token}`, and no other `{…}` placeholder. It is copied into every message, an email's
 * `href` included, so it must be exactly one URL: no spaces or line breaks (nothing can follow it),
 * no backslashes (browsers read them as `/`), no credentials, placeholders in the path, query or
 * fragment only (a token in the host name would leak to DNS), and `{` `}` only around a placeholder.
 * Returns the problem, or undefined when valid.
 */
export function checkCancelUrlTemplate(template: string): string | undefined {
  if (template.length > 2000) return 'must be at most 2000 characters';
  if (!URL_CHARACTERS.test(template)) return 'must be one URL of printable characters: no spaces, line breaks, quotes, <, >, backslashes or non-ASCII (percent-encode them)';
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  const unknown = names.find((name) => !KNOWN_PLACEHOLDERS.has(name));
  if (unknown !== undefined) return `has an unknown placeholder {${unknown}} (allowed: {meetingId}, {token})`;
  if (/[{}]/.test(template.replace(PLACEHOLDER, ''))) return 'may use { and } only around {meetingId} and {token}';
  if (!names.includes('meetingId')) return 'must contain {meetingId}';
  const sample = template.replace(PLACEHOLDER, 'x');
  if (!URL.canParse(sample) || new URL(sample).protocol !== 'https:') return 'must be an https URL';
  const url = new URL(sample);
  if (url.username !== '' || url.password !== '' || /^https:\/\/[^/?#]*@/i.test(sample)) return 'must not carry credentials';
  const authority = /^https:\/\/([^/?#]*)/i.exec(template)?.[1] ?? '';
  if (/\{[^{}]*\}/.test(authority)) return 'may use {meetingId} and {token} only in the path, query or fragment, never in the host';
  return undefined;
}

/**
 * Checks the public base URL of this app (from configuration, never from a request's Host header):
 * http or https, no query, no fragment, no credentials. Returns the problem, or undefined when valid.
 */
export function checkPublicBaseUrl(baseUrl: string): string | undefined {
  if (!URL.canParse(baseUrl)) return 'must be an absolute http(s) URL';
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.search !== '' || baseUrl.includes('?')) return 'must not have a query';
  if (url.hash !== '' || baseUrl.includes('#')) return 'must not have a fragment';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  return undefined;
}

/** Inputs of {@link buildCancelLink}. */
export interface CancelLinkInput {
  /** This app's public base URL, e.g. `https://comms.contoso.com` (a path prefix is kept). */
  readonly publicBaseUrl: string;
  /** The deep-link token (not its hash); required unless a portal template without `{token}` is used. */
  readonly token: string | null | undefined;
  readonly meetingId: string;
  /** The settings' `portal.cancelUrlTemplate`, or null for the built-in pages. */
  readonly cancelUrlTemplate: string | null | undefined;
}

/**
 * Builds the cancel link for a message: the link page ({@link linkPageUrl}), or the institution's
 * portal template with `{meetingId}` and `{token}` URL-encoded. Any missing or invalid input is an
 * error naming it, so a link can never contain "undefined" or "null".
 */
export function buildCancelLink(input: CancelLinkInput): Result<string> {
  const { publicBaseUrl, token, meetingId, cancelUrlTemplate } = input;
  const errors: FieldError[] = [];
  if (typeof meetingId !== 'string' || meetingId === '') errors.push({ path: 'meetingId', message: 'is required' });
  const templated = typeof cancelUrlTemplate === 'string';
  const needsToken = !templated || cancelUrlTemplate.includes('{token}');
  if (needsToken && (typeof token !== 'string' || !isLinkTokenFormat(token))) {
    errors.push({ path: 'token', message: 'must be a link token (22–24 base64url characters)' });
  }
  const problem = templated ? checkCancelUrlTemplate(cancelUrlTemplate) : checkPublicBaseUrl(publicBaseUrl);
  if (problem !== undefined) errors.push({ path: templated ? 'cancelUrlTemplate' : 'publicBaseUrl', message: problem });
  if (errors.length > 0) return fail(...errors);
  if (templated) {
    const values: Record<string, string> = { meetingId, token: token ?? '' };
    return ok(cancelUrlTemplate.replace(PLACEHOLDER, (_match, name: string) => encodeURIComponent(values[name] ?? '')));
  }
  return ok(linkPageUrl(publicBaseUrl, token ?? ''));
}

/** Hosts a plain-http notification URL may name: this machine only. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a notification URL is refused, or undefined when it is acceptable: https anywhere; http only
 * to loopback, and only off Azure (on Azure `onAzure` is true and everything must be https, so an
 * event can never leave in clear text). No credentials in the URL: the signature authenticates us.
 */
export function notificationUrlProblem(value: string, onAzure: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol !== 'http:') return 'must use https';
  if (onAzure) return 'must use https (plain http is accepted only to loopback, off Azure)';
  if (!LOOPBACK.has(url.hostname)) return 'must use https (plain http only to 127.0.0.1, localhost or [::1])';
  return undefined;
}

/**
 * The URL without its query string and fragment: what may be listed and logged. Power Automate's
 * callback URLs carry their own signature (`sig=`) in the query, which is a credential.
 */
export function withoutQuery(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** The host (and port) alone: what the admin page shows. */
export function hostOf(value: string): string {
  try {
    return new URL(value).host;
  } catch {
    return '(invalid URL)';
  }
}

/** The route Call Automation posts a call's callbacks to (API.md `POST /api/events/calls`). */
export const CALLS_ROUTE = 'events/calls';

/**
 * Where Call Automation posts a call's callbacks: `callbackUrl` (ACS_CALLS_CALLBACK_URL) when set,
 * else the app's own route under its public base URL, with the events key as `?key=` (the route
 * refuses anything without it).
 */
export function callsCallbackUrl(settings: { readonly ACS_CALLS_CALLBACK_URL?: string | undefined; readonly PUBLIC_BASE_URL: string; readonly EVENTS_KEY?: string | undefined }): string {
  const url = new URL(settings.ACS_CALLS_CALLBACK_URL ?? `${settings.PUBLIC_BASE_URL.replace(/\/$/, '')}/api/${CALLS_ROUTE}`);
  url.searchParams.set('key', settings.EVENTS_KEY ?? '');
  return url.toString();
}

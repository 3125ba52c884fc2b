import type { Browser, Page } from 'playwright-core';
import type { AppHost } from './app-host';
import { json } from './devhost-process';

/** Waits until the page's status region (aria-live) says `text`. */
export const status = (page: Page, text: string | RegExp): Promise<void> => page.getByRole('status').filter({ hasText: text }).waitFor();

/** A fresh admin token from the devhost's issuer: tokens age with its virtual clock, which tests move on. */
export async function adminToken(host: AppHost): Promise<string> {
  const res = await fetch(`${host.url}/dev/token`, { method: 'POST', body: JSON.stringify({ roles: ['Communications.Admin'], subject: 'admin-ana' }) });
  return (await json<{ access_token: string }>(res)).access_token;
}

/**
 * Opens the admin page (GET /api/manage) in a new browser context, so with its own sessionStorage,
 * and signs in with a pasted token unless told not to. Script errors and CSP violations (the policy
 * blocking something the page needs) are pushed to `problems`.
 */
export async function openAdminPage(host: AppHost, browser: Browser, problems: string[], signIn = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  const res = await page.goto(`${host.url}/api/manage`);
  if (res?.status() !== 200) throw new Error(`GET /api/manage: ${res?.status()}`);
  if (!signIn) return page;
  await page.getByLabel('Access token').fill(await adminToken(host));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await status(page, 'Signed in.');
  return page;
}

import type { Browser, Page } from 'playwright-core';
import { adminToken, openAdminPage, status } from '../support/admin-page';
import { AppHost, kinds, meetingBody } from '../support/app-host';
import { launchChromium } from '../support/browser';
import { json } from '../support/devhost-process';

interface SettingsView {
  enabled: boolean; reminder: { email: boolean; sms: boolean; daysBefore: number; lateBooking: string }; defaultLocale: string;
  replies: { enabled: boolean; timeoutHours: number; acknowledge: boolean; keywords: Record<'confirm' | 'cancel' | 'reschedule', string[]> };
}

/**
 * An admin signs in to the admin page in a real browser with a token from the devhost's issuer and
 * changes the settings, which then govern what is sent; two admins saving over each other get
 * "changed by someone else" instead of a silent overwrite. (Templates: admin-page-templates.test.ts.)
 */
describe('the admin page in a browser: settings', () => {
  let host: AppHost;
  let browser: Browser;
  const problems: string[] = [];
  beforeAll(async () => {
    [host, browser] = await Promise.all([AppHost.start(), launchChromium()]);
    // Reminder SMS on (master still off), so the page has something to switch off.
    await host.patchSettings({ reminder: { sms: true } });
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const open = (signIn = true): Promise<Page> => openAdminPage(host, browser, problems, signIn);
  const settings = async (): Promise<SettingsView> => json<SettingsView>(await host.api('settings'));
  const reminder = (page: Page, channel: 'Email' | 'SMS') => page.getByRole('group', { name: 'Reminder', exact: true }).getByLabel(channel, { exact: true });

  test('keyboard only: sign in and reach the settings, with a visible focus ring', async () => {
    const page = await open(false);
    expect(await page.locator('#dev-curl').textContent()).toBe(`curl -X POST ${host.url}/dev/token -d '{"roles":["Communications.Admin"]}'`);
    const focused = (): Promise<{ id: string; outline: string }> => page.evaluate(() => ({ id: document.activeElement?.id ?? '', outline: getComputedStyle(document.activeElement as Element).outlineStyle }));
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ id: 'token', outline: 'solid' });
    await page.keyboard.insertText(await adminToken(host));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await status(page, 'Signed in.');
    expect((await focused()).id).toBe('settings-title');
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ id: 's-enabled', outline: 'solid' });
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Send communications (master switch)').isChecked()).toBe(true);
    await page.context().close(); // not saved: the settings are unchanged
  });

  test('sign in, switch reminder SMS off and remind 5 days before; the values persist', async () => {
    const page = await open();
    expect(await reminder(page, 'SMS').isChecked()).toBe(true);
    await reminder(page, 'SMS').uncheck();
    await page.getByLabel('Days before the meeting (1–30)').fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status(page, 'Settings saved.');

    await page.reload();
    await status(page, 'Signed in.'); // the token is still in this tab's sessionStorage
    expect(await reminder(page, 'SMS').isChecked()).toBe(false);
    expect(await page.getByLabel('Days before the meeting (1–30)').inputValue()).toBe('5');
    expect(await page.locator('#settings-audit').textContent()).toContain('by admin-ana');
    expect((await settings()).reminder).toMatchObject({ sms: false, daysBefore: 5 });
    await page.context().close();
  });

  test('voice calls: the office number to connect to and a male Spanish voice; the menu the form does not show is kept', async () => {
    const page = await open();
    await page.getByLabel('Office number for "press 3 to speak with us" (E.164; empty: not offered)').fill('+14255550100');
    await page.getByLabel('Voice for es-ES').selectOption('male');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status(page, 'Settings saved.');
    const voice = ((await settings()) as unknown as { voice: { connectTo: string | null; voices: Record<string, { gender: string }>; menu: Record<string, string> } }).voice;
    expect(voice).toMatchObject({ connectTo: '+14255550100', voices: { 'es-ES': { gender: 'male' }, 'en-US': { gender: 'female' } }, menu: { '1': 'confirm', '9': 'repeat' } });
    await page.getByLabel('Office number for "press 3 to speak with us" (E.164; empty: not offered)').fill('');
    // The status already reads "Settings saved." from the first save: wait for this save's answer instead.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/settings') && r.request().method() !== 'GET');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect((await saved).status()).toBe(200);
    await status(page, 'Settings saved.');
    expect(((await settings()) as unknown as { voice: { connectTo: string | null } }).voice.connectTo).toBeNull();
    await page.context().close();
  });

  test('invalid values are shown next to their fields, and nothing changes', async () => {
    const page = await open();
    const days = page.getByLabel('Days before the meeting (1–30)');
    const url = page.getByLabel('Portal cancel URL template');
    await days.fill('45');
    await url.fill('http://portal.example.com/cancel');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status(page, 'Not saved: 2 problems to fix.');
    expect(await days.getAttribute('aria-invalid')).toBe('true');
    expect(await url.getAttribute('aria-describedby')).toMatch(/^s-cancel-url-help settings-form-error-\d$/);
    expect(await page.locator('#settings-form .field-error').count()).toBe(2);
    expect(['s-days', 's-cancel-url']).toContain(await page.evaluate(() => document.activeElement?.id));
    expect((await settings()).reminder.daysBefore).toBe(5);

    await days.fill('5');
    await url.fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status(page, 'Settings saved.');
    expect(await page.locator('#settings-form .field-error').count()).toBe(0);
    expect(await url.getAttribute('aria-describedby')).toBe('s-cancel-url-help');
    await page.context().close();
  });

  test('replies: switch them on, wait 6 hours, extra confirm words; a carrier word is refused next to its field', async () => {
    const page = await open();
    await page.getByLabel('Customers can answer confirmation and reminder SMS').check();
    await page.getByLabel('Wait for an answer (hours, 1–24)').fill('6');
    await page.getByLabel('Extra words to confirm').fill('ok, Vale');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status(page, 'Settings saved.');
    expect((await settings()).replies).toEqual({ enabled: true, timeoutHours: 6, acknowledge: true, keywords: { confirm: ['OK', 'VALE'], cancel: [], reschedule: [] } });
    expect(await page.getByLabel('Extra words to confirm').inputValue()).toBe('OK, VALE');

    const cancel = page.getByLabel('Extra words to cancel');
    await cancel.fill('stop');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status(page, 'Not saved: 1 problem to fix.');
    expect(await cancel.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#settings-form .field-error').textContent()).toContain('carrier keyword');
    expect((await settings()).replies.keywords.cancel).toEqual([]);
    await page.context().close();
  });

  test('switched on from the page, a reminder goes by email 5 days before, and no SMS', async () => {
    const page = await open();
    await page.getByLabel('Send communications (master switch)').check();
    await reminder(page, 'Email').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await status(page, 'Settings saved.');
    expect(await settings()).toMatchObject({ enabled: true, reminder: { email: true, sms: false, daysBefore: 5 } });
    await page.context().close();

    const now = await host.now();
    expect((await host.schedule(meetingBody('ADMIN-1', now, 10))).status).toBe(202);
    await host.settle();
    expect(await host.outbox('ADMIN-1')).toEqual([]);
    await host.advance('P5DT1H');
    expect(kinds(await host.outbox('ADMIN-1'))).toEqual(['reminder/email']);
  });

  test('two admins: the second save is refused with "changed by someone else — reload"', async () => {
    const [first, second] = [await open(), await open()];
    await first.getByLabel('Booked after the reminder time').selectOption('sendNow');
    await first.getByRole('button', { name: 'Save settings' }).click();
    await status(first, 'Settings saved.');

    await second.getByLabel('Default language').selectOption('es-ES');
    await second.getByRole('button', { name: 'Save settings' }).click();
    await status(second, /changed by someone else/);
    const stale = second.locator('#settings-stale');
    expect(await stale.isVisible()).toBe(true);
    expect(await stale.textContent()).toContain('Changed by someone else — reload');
    expect(await settings()).toMatchObject({ defaultLocale: 'en-US', reminder: { lateBooking: 'sendNow' } });

    await second.getByRole('button', { name: 'Reload' }).click();
    await status(second, 'Settings reloaded');
    expect(await stale.isVisible()).toBe(false);
    expect(await second.getByLabel('Booked after the reminder time').inputValue()).toBe('sendNow');
    expect(await second.getByLabel('Default language').inputValue()).toBe('en-US');
    await Promise.all([first.context().close(), second.context().close()]);
  });
});

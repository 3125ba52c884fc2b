import type { Browser, Page } from 'playwright-core';
import { openAdminPage, status } from '../support/admin-page';
import { AppHost } from '../support/app-host';
import { launchChromium, screenshotPath } from '../support/browser';
import { json } from '../support/devhost-process';

/**
 * The admin page's template editor in a real browser: live preview of unsaved edits (SMS with its
 * segment counter, email in a sandboxed frame), errors at their line and column, save and reset.
 * Also takes docs/admin-page.png.
 */
describe('the admin page in a browser: templates', () => {
  let host: AppHost;
  let browser: Browser;
  const problems: string[] = [];
  beforeAll(async () => {
    [host, browser] = await Promise.all([AppHost.start(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });
  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const open = (): Promise<Page> => openAdminPage(host, browser, problems);

  test('preview the confirmation SMS (en-US) with its segment counter, then the email', async () => {
    const page = await open();
    await page.getByLabel('Message', { exact: true }).selectOption('confirmation');
    await page.getByLabel('Channel', { exact: true }).selectOption('sms');
    await page.getByLabel('Language', { exact: true }).selectOption('en-US');
    const counter = page.locator('#sms-counter').filter({ hasText: /segment/ });
    await counter.waitFor();
    expect(await counter.textContent()).toMatch(/^(GSM-7|UCS-2) · \d+ segments? · \d+ characters$/);
    expect(await page.locator('#preview-text').textContent()).toContain('appointment confirmed');
    expect(await page.getByLabel('SMS text').inputValue()).toContain('{{ contactFirstName }}');

    // An unsaved edit is previewed (debounced): an unknown field is shown at its line and column...
    await page.getByLabel('SMS text').fill('Hi {{ nickname }}');
    await page.locator('.field-error').filter({ hasText: /nickname.*\(line 1, column \d+\)/ }).waitFor();
    // ...and a valid one with its new counter.
    await page.getByLabel('SMS text').fill('Hi {{ contactFirstName }}, see you soon.');
    await page.locator('#preview-text').filter({ hasText: 'see you soon' }).waitFor();
    expect(await counter.textContent()).toMatch(/· 1 segment · \d+ characters$/);

    // The email: subject, the HTML in the sandboxed frame (styled inline, no script), the text part.
    await page.getByLabel('Channel', { exact: true }).selectOption('email');
    await page.locator('#preview-subject').filter({ hasText: /\S/ }).waitFor();
    expect(await page.locator('#preview-html').getAttribute('sandbox')).toBe('');
    expect(await page.frameLocator('#preview-html').locator('body').textContent()).toContain('Hello Bob');
    expect(await page.locator('#preview-text').textContent()).toContain('Bob');
    expect(await page.locator('#sms-counter').isVisible()).toBe(false);
    // The whole page in one viewport: a full-page capture leaves a cross-process frame below the fold blank.
    await page.setViewportSize({ width: 1280, height: await page.evaluate(() => document.documentElement.scrollHeight) });
    await page.screenshot({ path: screenshotPath('admin-page.png'), fullPage: true });
    await page.context().close();
  });

  test('save a customised template, then reset it to the shipped default', async () => {
    const page = await open();
    const template = async (): Promise<{ text: string; source: string }> => json(await host.api('templates/cancellation/sms/es-ES'));
    for (const [label, value] of [['Message', 'cancellation'], ['Channel', 'sms'], ['Language', 'es-ES']]) await page.getByLabel(label as string, { exact: true }).selectOption(value as string);
    await page.locator('#preview-text').filter({ hasText: 'se ha anulado su cita' }).waitFor();
    expect(await page.locator('#template-source').textContent()).toBe('The shipped default.');
    await page.getByLabel('SMS text').fill('Hola {{ contactFirstName }}, cita cancelada.');
    await page.getByRole('button', { name: 'Save template' }).click();
    await status(page, 'Template saved.');
    expect(await template()).toMatchObject({ text: 'Hola {{ contactFirstName }}, cita cancelada.', source: 'custom' });

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset to default' }).click();
    await status(page, 'Template reset to the shipped default.');
    expect((await template()).source).toBe('default');
    expect(await page.getByLabel('SMS text').inputValue()).toBe((await template()).text);
    await page.context().close();
  });

  test('a reply template can only be picked for SMS: from email the channel moves to SMS, and it previews', async () => {
    const page = await open();
    const channel = page.getByLabel('Channel', { exact: true });
    await channel.selectOption('email');
    await page.locator('#preview-subject').filter({ hasText: /\S/ }).waitFor();
    await page.getByLabel('Message', { exact: true }).selectOption('replyWhich');
    await page.locator('#preview-text').filter({ hasText: '2 = ' }).waitFor();
    expect(await channel.inputValue()).toBe('sms');
    expect(await page.locator('#t-channel option[value="email"]').isDisabled()).toBe(true);
    expect(await page.locator('#sms-counter').textContent()).toMatch(/^GSM-7 · 1 segment · /);
    await page.getByLabel('Message', { exact: true }).selectOption('reminder');
    expect(await page.locator('#t-channel option[value="email"]').isDisabled()).toBe(false);
    await page.context().close();
  });
});

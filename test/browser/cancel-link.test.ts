import type { Browser } from 'playwright-core';
import { AppHost, kinds, meetingBody } from '../support/app-host';
import { launchChromium, screenshotPath } from '../support/browser';

/**
 * A customer opens the link from their confirmation in a real browser, presses Cancel, sees the
 * confirmation page, and the cancellation notice reaches the outbox.
 */
describe('the cancel link in a browser', () => {
  let host: AppHost;
  let browser: Browser;
  beforeAll(async () => {
    [host, browser] = await Promise.all([AppHost.start({ env: { PUBLIC_BASE_URL: 'devhost' } }), launchChromium()]);
    await host.enableAll();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  test('open the link from the outbox, cancel, see the result, get the notice', async () => {
    const now = await host.now();
    await host.schedule(meetingBody('WEB-1', now, 10, { subject: 'Pension review' }));
    await host.settle();
    const email = (await host.outbox('WEB-1')).find((m) => m.type === 'confirmation' && m.channel === 'email');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/api\/links\/[A-Za-z0-9_-]+)/.exec(email?.text ?? '')?.[1];
    expect(link?.startsWith(host.url)).toBe(true);

    const page = await browser.newPage({ locale: 'en-US' });
    const opened = await page.goto(link as string);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Cancel your appointment?');
    expect(await page.textContent('main')).toContain('Pension review');
    expect((await host.meeting('WEB-1')).status).toBe('scheduled');

    await page.getByRole('button', { name: 'Cancel this appointment' }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your appointment is cancelled');
    await page.screenshot({ path: screenshotPath('cancel-page.png') });

    await host.settle();
    expect((await host.meeting('WEB-1')).status).toBe('cancelled');
    expect(kinds(await host.outbox('WEB-1'))).toEqual(['cancellation/email', 'cancellation/sms', 'confirmation/email', 'confirmation/sms']);

    // The link is spent: opening it again shows the "no longer valid" page.
    const again = await page.goto(link as string);
    expect(again?.status()).toBe(404);
    await page.close();
  });
});

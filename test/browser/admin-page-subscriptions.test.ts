import type { Browser } from 'playwright-core';
import { openAdminPage, status } from '../support/admin-page';
import { AppHost } from '../support/app-host';
import { launchChromium } from '../support/browser';
import { listed, publish, subscribe, WebhookReceiver } from '../support/webhook-receiver';

/** The admin page's Subscriptions section in a real browser: what it lists, what it hides, delete. */
describe('the admin page in a browser: subscriptions', () => {
  let host: AppHost;
  let browser: Browser;
  let failing: WebhookReceiver;
  let fine: WebhookReceiver;
  const problems: string[] = [];
  beforeAll(async () => {
    [host, browser, failing, fine] = await Promise.all([AppHost.start(), launchChromium(), WebhookReceiver.start('/flow?sig=flow-signature'), WebhookReceiver.start()]);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await Promise.all([failing?.close(), fine?.close()]);
  });

  test('lists each subscription by description and host (never its path, query or secret), with failures of the last 24 h; Delete removes one', async () => {
    failing.otherwise = 500;
    const crm = await subscribe(host, failing, ['meeting.confirmed', 'meeting.cancelled']);
    await subscribe(host, fine, ['contact.optedOut']);
    await publish(host, 'meeting.confirmed', 'page-1');
    await publish(host, 'contact.optedOut', 'page-2');
    await host.settle();

    const page = await openAdminPage(host, browser, problems);
    const rows = page.locator('#subscriptions-rows tr');
    await rows.nth(1).waitFor();
    const cells = async (i: number): Promise<string[]> => rows.nth(i).locator('td').allTextContents();
    const first = await cells(0);
    expect(first.slice(0, 3)).toEqual(['test receiver', new URL(failing.url).host, 'meeting.confirmed, meeting.cancelled']);
    expect(first[4]).toMatch(/^retrying \(HTTP 500\), /);
    expect(first[5]).toBe('1');
    const second = await cells(1);
    expect(second[4]).toMatch(/^delivered \(HTTP 200\), /);
    expect(second[5]).toBe('0');
    const text = await page.locator('#subscriptions-table').innerText();
    expect(text).not.toMatch(/flow-signature|\/flow|whsec_/);

    await page.getByRole('button', { name: 'Delete subscription test receiver' }).first().click();
    await status(page, 'Subscription test receiver deleted.');
    await page.locator('#subscriptions-rows tr').nth(1).waitFor({ state: 'detached' });
    expect((await listed(host)).map((s) => s.id)).not.toContain(crm.id);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

/* Browser code: an ES module of the admin page (see ./api.ts). */
import type { AdminApi, ApiReply } from './api.js';
import type { PageUi } from './ui.js';

/** A subscription as GET /api/subscriptions lists it (no secret; the URL without its query string). */
interface Listed {
  readonly id: string;
  readonly notificationUrl: string;
  readonly events: readonly string[];
  readonly description?: string;
  readonly createdAt: string;
  readonly lastDelivery?: { readonly status: string; readonly at: string; readonly httpStatus?: number };
  readonly failuresLast24h: number;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
};
const when = (iso: string): string => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

/**
 * The Subscriptions section: who receives which events (Power Automate triggers and other webhooks),
 * how their deliveries went, and a delete button each. Text goes in through textContent only: a
 * description is whatever the creating flow sent.
 */
export function subscriptionsList(api: AdminApi, ui: PageUi, doc: Document) {
  const body = ui.el<HTMLTableSectionElement>('subscriptions-rows');
  const empty = ui.el('subscriptions-empty');
  const cell = (row: HTMLTableRowElement, text: string): HTMLTableCellElement => {
    const td = doc.createElement('td');
    td.textContent = text;
    row.append(td);
    return td;
  };
  const render = (subscriptions: readonly Listed[]): void => {
    body.replaceChildren();
    empty.hidden = subscriptions.length > 0;
    for (const s of subscriptions) {
      const row = doc.createElement('tr');
      row.dataset.id = s.id;
      const name = s.description ?? hostOf(s.notificationUrl);
      cell(row, s.description ?? '—');
      cell(row, hostOf(s.notificationUrl));
      cell(row, s.events.join(', '));
      cell(row, when(s.createdAt));
      const last = s.lastDelivery;
      cell(row, last ? `${last.status}${last.httpStatus !== undefined ? ` (HTTP ${last.httpStatus || 'no answer'})` : ''}, ${when(last.at)}` : 'none yet');
      cell(row, String(s.failuresLast24h)).classList.toggle('problem', s.failuresLast24h > 0);
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = 'Delete';
      button.setAttribute('aria-label', `Delete subscription ${name}`);
      button.addEventListener('click', () => void remove(s.id, name));
      cell(row, '').append(button);
      body.append(row);
    }
  };
  const load = async (): Promise<ApiReply> => {
    const reply = await api.call('GET', 'subscriptions');
    if (reply.status === 200) render((reply.body as { subscriptions: Listed[] }).subscriptions);
    else if (reply.status !== 401 && reply.status !== 403) ui.announce(`Could not read the subscriptions. ${ui.problemText(reply)}`, true);
    return reply;
  };
  const remove = async (id: string, name: string): Promise<void> => {
    const reply = await api.call('DELETE', `subscriptions/${encodeURIComponent(id)}`);
    if (reply.status === 204 || reply.status === 404) {
      await load();
      ui.announce(`Subscription ${name} deleted.`);
      ui.el('subscriptions-title').focus();
    } else if (reply.status !== 401 && reply.status !== 403) {
      ui.announce(`Not deleted. ${ui.problemText(reply)}`, true);
    }
  };
  ui.el('subscriptions-refresh').addEventListener('click', () => void load().then((r) => r.status === 200 && ui.announce('Subscriptions refreshed.')));
  return { load };
}

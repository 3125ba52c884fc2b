import type { OutboxInboundSms, OutboxMessage } from '../../src/adapters/devhost-hooks';

export const esc = (s: string | null): string => (s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One SMS thread: a customer and one of our sender numbers, both directions, oldest first. */
export interface Conversation {
  readonly customer: string;
  readonly sender: string;
  readonly lines: ReadonlyArray<{ readonly direction: 'out' | 'in'; readonly text: string; readonly at: string; readonly note: string }>;
}

/** Groups the outbox's SMS (to the customer, from us) and the customers' SMS (from them, to us) by (customer, sender). */
export function conversations(messages: readonly OutboxMessage[], inbound: readonly OutboxInboundSms[]): Conversation[] {
  const threads = new Map<string, { customer: string; sender: string; lines: Array<Conversation['lines'][number]> }>();
  const thread = (customer: string, sender: string) => {
    const key = `${customer}\u0000${sender}`;
    let found = threads.get(key);
    if (!found) threads.set(key, (found = { customer, sender, lines: [] }));
    return found;
  };
  for (const m of messages.filter((x) => x.channel === 'sms')) thread(m.to, m.from).lines.push({ direction: 'out', text: m.text, at: m.createdAt, note: `${m.type} · ${m.sendKey}` });
  for (const r of inbound) thread(r.from, r.to).lines.push({ direction: 'in', text: r.text, at: r.createdAt, note: `event ${r.eventId}` });
  const latest = (c: Conversation): string => c.lines.reduce((max, l) => (l.at > max ? l.at : max), '');
  return [...threads.values()]
    .map((c) => ({ ...c, lines: c.lines.sort((a, b) => a.at.localeCompare(b.at)) }))
    .sort((a, b) => latest(b).localeCompare(latest(a)));
}

/** A thread as HTML, with a form to answer as the customer (it posts to /dev/sms/inbound). */
export function conversationHtml(c: Conversation): string {
  const lines = c.lines
    .map((l) => `<div class="sms ${l.direction}"><pre>${esc(l.text)}</pre><small>${l.direction === 'in' ? 'customer' : 'us'} · <time>${esc(l.at)}</time> · ${esc(l.note)}</small></div>`)
    .join('');
  return `<section class="conversation"><h2>SMS ${esc(c.customer)} ↔ ${esc(c.sender)}</h2>${lines}
<form method="post" action="/dev/sms/inbound"><input type="hidden" name="from" value="${esc(c.customer)}"><input type="hidden" name="to" value="${esc(c.sender)}">
<label>Reply as ${esc(c.customer)} <textarea name="text" maxlength="1600" required rows="2"></textarea></label> <button type="submit">Send reply</button></form></section>`;
}

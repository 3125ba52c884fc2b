import type { OutboxInboundSms, OutboxMessage } from '../../src/adapters/devhost-hooks';
import { conversations, esc } from './outbox-conversations';

/**
 * The outbox page's WhatsApp part: one conversation per (customer, channel), our messages with their
 * quick-reply buttons — each a form that presses it as the customer (POST /dev/whatsapp/inbound with
 * the payload and our message's ID as context, as WhatsApp reports a press) — and a form to write.
 */
export function whatsAppSection(messages: readonly OutboxMessage[], inbound: readonly OutboxInboundSms[]): string {
  const ours = messages.filter((m) => m.channel === 'whatsapp');
  const buttonsOf = new Map(ours.map((m) => [m.sendKey, m]));
  // The thread grouping is the SMS one's, over WhatsApp messages seen as that channel.
  const threads = conversations(ours.map((m) => ({ ...m, channel: 'sms' as const })), inbound).map((c) => {
    const lines = c.lines.map((l) => {
      const key = l.note.split(' · ')[1] ?? '';
      const message = l.direction === 'out' ? buttonsOf.get(key) : undefined;
      const buttons = (message?.buttons ?? []).map((b) => `<form method="post" action="/dev/whatsapp/inbound" class="wa-button"><input type="hidden" name="from" value="${esc(c.customer)}"><input type="hidden" name="to" value="${esc(c.sender)}"><input type="hidden" name="buttonPayload" value="${esc(b.payload)}"><input type="hidden" name="buttonText" value="${esc(b.text)}"><input type="hidden" name="contextMessageId" value="${esc(message?.messageId ?? '')}"><button type="submit" data-payload="${esc(b.payload)}">${esc(b.text)}</button></form>`).join('');
      return `<div class="sms ${l.direction}"><pre>${esc(l.text)}</pre>${buttons ? `<div class="wa-buttons">${buttons}</div>` : ''}<small>${l.direction === 'in' ? 'customer' : 'us'} · <time>${esc(l.at)}</time> · ${esc(l.note)}</small></div>`;
    }).join('');
    return `<section class="conversation whatsapp"><h2>WhatsApp ${esc(c.customer)} ↔ channel ${esc(c.sender)}</h2>${lines}
<form method="post" action="/dev/whatsapp/inbound"><input type="hidden" name="from" value="${esc(c.customer)}"><input type="hidden" name="to" value="${esc(c.sender)}">
<label>Write as ${esc(c.customer)} <textarea name="text" maxlength="4096" required rows="2"></textarea></label> <button type="submit">Send on WhatsApp</button></form></section>`;
  }).join('\n');
  return `<h2>WhatsApp conversations</h2>${threads || '<p>No WhatsApp messages yet.</p>'}`;
}

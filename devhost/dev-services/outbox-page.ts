import type { IncomingMessage, ServerResponse } from 'node:http';
import { INBOUND_WHATSAPP, listInboundSms, listOnlineMeetings, listOutbox, type OutboxInboundSms, type OutboxMessage } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';
import { conversationHtml, conversations, esc } from './outbox-conversations';
import { teamsSection } from './teams-route';
import { whatsAppSection } from './whatsapp-outbox';
import { callsSection } from './outbox-calls';

/**
 * GET /dev/outbox: every message the outbox channel recorded, oldest first — JSON for
 * `Accept: application/json`, a readable page otherwise (email one by one, SMS as conversations with the
 * customers' replies and a form to reply as the customer). Local only: the devhost serves it, Azure never.
 */
export async function outboxRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: 'Use GET.' }, { allow: 'GET' });
  const connection = process.env.AzureWebJobsStorage ?? '';
  const messages = await listOutbox(connection);
  if ((req.headers.accept ?? '').includes('application/json')) return sendJson(res, 200, messages, { 'cache-control': 'no-store' });
  const inbound = await listInboundSms(connection);
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'none'; form-action 'self'",
  });
  res.end(page(messages, inbound, whatsAppSection(messages, await listInboundSms(connection, INBOUND_WHATSAPP)), await callsSection(connection)).replace('</body>', `${teamsSection(await listOnlineMeetings(connection))}</body>`));
}

function page(messages: OutboxMessage[], inbound: OutboxInboundSms[], whatsApp: string, calls = ''): string {
  const emails = messages
    .filter((m) => m.channel !== 'sms' && m.channel !== 'whatsapp')
    .reverse()
    .map((m) => `<article><header><strong>${esc(m.type)}</strong> · ${esc(m.channel)} from ${esc(m.from)} to ${esc(m.to)} · meeting ${esc(m.meetingId)} · <time>${esc(m.createdAt)}</time></header>${m.subject ? `<h2>${esc(m.subject)}</h2>` : ''}<pre>${esc(m.text)}</pre><small>send key ${esc(m.sendKey)} · message ${esc(m.messageId)}</small></article>`)
    .join('\n');
  const threads = conversations(messages, inbound).map(conversationHtml).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox (${messages.length})</title><style>
body{font:15px/1.4 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
article,section{border:1px solid #ccc;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}header{color:#444}h2{font-size:1rem;margin:.5rem 0}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;border-radius:4px;margin:0}small{color:#555}
.sms{max-width:75%;margin:.5rem 0}.sms.out{margin-left:auto}.sms.out pre{background:#dcebfb}.sms.in pre{background:#eee}
form{margin-top:.75rem}.wa-buttons{display:flex;gap:.25rem}.wa-button{margin:.25rem 0}textarea{width:100%;box-sizing:border-box;font:inherit}</style></head><body>
<h1>Outbox</h1><p>${messages.length} message(s) the local outbox channel recorded. JSON: send <code>Accept: application/json</code>.</p>
<h2>SMS conversations</h2>${threads || '<p>No SMS yet.</p>'}
${whatsApp}
${calls}
<h2>Email and other channels, newest first</h2>${emails || '<p>Nothing yet.</p>'}</body></html>`;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { listOutbox, type OutboxMessage } from '../../src/adapters/devhost-hooks';
import { sendJson } from '../functions-host/http-bridge';

const esc = (s: string | null): string => (s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * GET /dev/outbox: every message the outbox channel recorded, oldest first — JSON for
 * `Accept: application/json`, a readable page otherwise. Local only: the devhost serves it, Azure never.
 */
export async function outboxRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { message: 'Use GET.' }, { allow: 'GET' });
  const connection = process.env.AzureWebJobsStorage ?? '';
  const messages = await listOutbox(connection);
  if ((req.headers.accept ?? '').includes('application/json')) return sendJson(res, 200, messages, { 'cache-control': 'no-store' });
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'none'", 'referrer-policy': 'no-referrer' });
  res.end(page(messages));
}

function page(messages: OutboxMessage[]): string {
  const rows = messages
    .slice()
    .reverse()
    .map((m) => `<article><header><strong>${esc(m.type)}</strong> · ${esc(m.channel)} to ${esc(m.to)} · meeting ${esc(m.meetingId)} · <time>${esc(m.createdAt)}</time></header>${m.subject ? `<h2>${esc(m.subject)}</h2>` : ''}<pre>${esc(m.text)}</pre><small>send key ${esc(m.sendKey)}</small></article>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox (${messages.length})</title><style>
body{font:15px/1.4 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
article{border:1px solid #ccc;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}header{color:#444}h2{font-size:1rem;margin:.5rem 0}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;border-radius:4px}small{color:#555}</style></head><body>
<h1>Outbox</h1><p>${messages.length} message(s) the local outbox channel recorded, newest first. JSON: send <code>Accept: application/json</code>.</p>
${rows || '<p>Nothing yet.</p>'}</body></html>`;
}

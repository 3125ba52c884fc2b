import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Call Automation posts a call's callbacks to the URL createCall was given, whichever process answers
 * there: a relay with a fixed address stands for the app's public URL (ACS_CALLS_CALLBACK_URL, set
 * before the devhost starts), forwarding to the devhost of the moment (a restarted devhost listens on
 * another port).
 */
export async function startCallRelay(): Promise<{ url: string; target: (url: string) => void; close: () => Promise<void> }> {
  let target = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      fetch(`${target}${req.url ?? ''}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
        .then(async (answer) => res.writeHead(answer.status).end(await answer.text()))
        .catch(() => res.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/events/calls`, target: (url) => (target = url), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

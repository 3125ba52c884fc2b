import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcHttpCookie, RpcHttpData, RpcInvocationResponse } from './core-types';

/** Builds the RPC HTTP payload the host sends the worker for an incoming request. */
export function toRpcHttp(req: IncomingMessage, url: URL, body: Buffer, params: Record<string, string>): RpcHttpData {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  // As Azure's front end does, the connection's address is appended to X-Forwarded-For: whatever a
  // client wrote there itself stays to the left, where an app that trusts one hop does not look.
  const peer = req.socket.remoteAddress;
  if (peer) headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${peer}` : peer;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const method = (req.method ?? 'GET').toUpperCase();
  return { method, url: url.href, headers, query, params, body: method === 'GET' || method === 'HEAD' ? undefined : { bytes: body } };
}

/** Finds the HTTP output in an invocation response: the return value or an http output binding. */
export function httpOutput(response: RpcInvocationResponse): RpcHttpData | undefined {
  if (response.returnValue?.http) return response.returnValue.http;
  return response.outputData?.find((o) => o.data?.http)?.data?.http ?? undefined;
}

/** Writes an RPC HTTP response to the client (status, headers, cookies, body). */
export function writeRpcHttp(res: ServerResponse, http: RpcHttpData | undefined, head: boolean): void {
  if (!http) {
    res.writeHead(204).end();
    return;
  }
  const status = Number(http.statusCode ?? 200) || 200;
  for (const [k, v] of Object.entries(http.headers ?? {})) res.setHeader(k, v);
  const cookies = (http.cookies ?? []).map(cookieHeader);
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const body = http.body?.bytes ? Buffer.from(http.body.bytes) : http.body?.string ? Buffer.from(http.body.string) : Buffer.alloc(0);
  res.statusCode = status;
  if (head || status === 204 || status === 304) res.end();
  else res.end(body);
}

function cookieHeader(c: RpcHttpCookie): string {
  const parts = [`${c.name ?? ''}=${c.value ?? ''}`];
  if (c.domain?.value) parts.push(`Domain=${c.domain.value}`);
  if (c.path?.value) parts.push(`Path=${c.path.value}`);
  const seconds = c.expires?.value?.seconds;
  if (seconds) parts.push(`Expires=${new Date(Number(seconds) * 1000).toUTCString()}`);
  if (c.maxAge?.value) parts.push(`Max-Age=${c.maxAge.value}`);
  if (c.secure?.value) parts.push('Secure');
  if (c.httpOnly?.value) parts.push('HttpOnly');
  // The worker's enum: 'none' means "not set"; 'explicitNone' is SameSite=None.
  const sameSite = { lax: 'Lax', strict: 'Strict', explicitNone: 'None' }[String(c.sameSite)];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  return parts.join('; ');
}

/** Reads a request body up to `limit` bytes; undefined when it is larger. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

import { createHmac } from 'node:crypto';

/** One storage service of an account: its endpoint and the shared key that signs requests to it. */
export interface StorageService { endpoint: string; account: string; key: string }

const REST_VERSION = '2021-12-02';

/** The Queue or Blob endpoint of a connection string (explicit, or the account's public one). */
export function serviceOf(connectionString: string, service: 'Queue' | 'Blob'): StorageService | undefined {
  const parts = Object.fromEntries(connectionString.split(';').filter(Boolean).map((p) => {
    const i = p.indexOf('=');
    return [p.slice(0, i), p.slice(i + 1)];
  }));
  const account = parts.AccountName;
  const key = parts.AccountKey;
  if (!account || !key) return undefined;
  const endpoint = parts[`${service}Endpoint`] ?? `${parts.DefaultEndpointsProtocol ?? 'https'}://${account}.${service.toLowerCase()}.${parts.EndpointSuffix ?? 'core.windows.net'}`;
  return { endpoint: endpoint.replace(/\/+$/, ''), account, key };
}

/**
 * A Blob/Queue REST request signed with the account's shared key (the SharedKey scheme: verb,
 * standard headers, canonical x-ms-* headers, then `/account/path` and the sorted query).
 */
export async function storageRequest(s: StorageService, method: string, pathAndQuery: string, opts: { body?: Buffer | string; headers?: Record<string, string> } = {}): Promise<{ status: number; text: string }> {
  const url = new URL(`${s.endpoint}${pathAndQuery}`);
  const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
  const headers: Record<string, string> = { 'x-ms-date': new Date().toUTCString(), 'x-ms-version': REST_VERSION, ...opts.headers };
  const canonicalHeaders = Object.keys(headers).filter((k) => k.startsWith('x-ms-')).sort().map((k) => `${k}:${headers[k]}\n`).join('');
  const names = [...new Set([...url.searchParams.keys()].map((k) => k.toLowerCase()))].sort();
  const canonicalQuery = names.map((n) => `\n${n}:${url.searchParams.getAll(n).join(',')}`).join('');
  const length = body && body.length > 0 ? String(body.length) : '';
  const toSign = [method, '', '', length, '', headers['content-type'] ?? '', '', '', '', '', '', ''].join('\n') + `\n${canonicalHeaders}/${s.account}${url.pathname}${canonicalQuery}`;
  const signature = createHmac('sha256', Buffer.from(s.key, 'base64')).update(toSign, 'utf8').digest('base64');
  const res = await fetch(url, { method, headers: { ...headers, authorization: `SharedKey ${s.account}:${signature}` }, body });
  return { status: res.status, text: await res.text() };
}

const expect = (r: { status: number; text: string }, ok: number[], what: string): void => {
  if (!ok.includes(r.status)) throw new Error(`${what} failed with HTTP ${r.status}: ${r.text.slice(0, 300)}`);
};

/** As the queue output binding: the queue is created if needed, the message goes in base64-encoded. */
export async function putQueueMessage(s: StorageService, queue: string, message: string): Promise<void> {
  expect(await storageRequest(s, 'PUT', `/${queue}`), [201, 204], `Creating queue '${queue}'`);
  const xml = `<QueueMessage><MessageText>${Buffer.from(message, 'utf8').toString('base64')}</MessageText></QueueMessage>`;
  expect(await storageRequest(s, 'POST', `/${queue}/messages`, { body: xml, headers: { 'content-type': 'application/xml' } }), [201], `Writing to queue '${queue}'`);
}

/** As the blob output binding: `container/name`, the container created if needed, the blob overwritten. */
export async function putBlob(s: StorageService, blobPath: string, content: Buffer): Promise<void> {
  const [container, ...rest] = blobPath.split('/');
  if (!container || rest.length === 0) throw new Error(`Blob path '${blobPath}' must be container/name.`);
  expect(await storageRequest(s, 'PUT', `/${container}?restype=container`), [201, 409], `Creating container '${container}'`);
  const name = rest.map(encodeURIComponent).join('/');
  expect(await storageRequest(s, 'PUT', `/${container}/${name}`, { body: content, headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/octet-stream' } }), [201], `Writing blob '${blobPath}'`);
}

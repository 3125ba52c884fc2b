import http from 'node:http';

export interface PlainResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * An HTTP request sent from a chosen loopback address (127.0.0.2, 127.0.0.3…): to the devhost, as to
 * Azure's front end, each is a different client, whatever X-Forwarded-For the request carries.
 */
export function requestFrom(localAddress: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createPublicKey, verify, constants, X509Certificate, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** One request Graph or the token endpoint received, as a test inspects it. */
export interface GraphRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly retryAttempt: string | undefined;
  readonly body: unknown;
}

export interface LoopbackMeeting { id: string; externalId: string; organizer: string; subject: string; startDateTime: string; endDateTime: string; joinWebUrl: string; lobbyBypassSettings: unknown }

type Scripted = { status: number; retryAfter?: number; body?: unknown };

export const TENANT = '11111111-2222-3333-4444-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const CLIENT_SECRET = 'loopback-client-secret';

/**
 * A loopback Microsoft identity platform token endpoint and Microsoft Graph (plain http; the
 * product reaches an http authority only on loopback). Token endpoint: `POST /{tenant}/oauth2/v2.0/token`
 * with client_credentials, checking the client ID, the Graph scope and the client secret or a
 * client assertion signed with the registered certificate (x5t#S256, aud, iss/sub). Graph: `v1.0`
 * onlineMeetings createOrGet (201 new, 200 the same externalId again), PATCH (200, 404 unknown),
 * DELETE (204, 404), `GET /users/{upn}`, sendMail (202 with no body and no content-type, as Graph).
 * Every Graph call needs a bearer token this server issued and has not revoked (401 otherwise, with
 * Graph's `InvalidAuthenticationToken`). Organizers without a Teams application access policy get
 * Graph's 403; `script` answers the next calls of a kind with a status (429 with Retry-After…).
 */
export class GraphServer {
  readonly requests: GraphRequest[] = [];
  readonly tokenRequests: Array<Record<string, string>> = [];
  readonly meetings = new Map<string, LoopbackMeeting>();
  readonly mails: Array<{ sender: string; body: unknown }> = [];
  /** UPN → object ID of the tenant's users. */
  readonly users = new Map<string, string>();
  /** Organizers (object IDs) that no application access policy covers. */
  readonly withoutPolicy = new Set<string>();
  expiresIn = 3599;
  private readonly issued = new Set<string>();
  private readonly scripts = new Map<string, Scripted[]>();
  private certificateKey: KeyObject | undefined;
  private certificateThumbprint: string | undefined;
  private tokenCount = 0;
  private meetingCount = 0;

  private constructor(private readonly server: Server, readonly url: string) {}

  /** Plain http, or https with `tls` (a test certificate the client trusts through NODE_EXTRA_CA_CERTS). */
  static async start(tls?: { key: string; cert: string }): Promise<GraphServer> {
    const ready: { instance?: GraphServer } = {};
    const handler = (req: IncomingMessage, res: ServerResponse): void => void ready.instance?.handle(req, res);
    const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ready.instance = new GraphServer(server, `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return ready.instance;
  }

  /** Trusts client assertions signed by this certificate's key (PEM), as an app registration's uploaded certificate. */
  trustCertificate(pem: string): void {
    const cert = new X509Certificate(pem);
    this.certificateKey = createPublicKey(cert.publicKey.export({ type: 'spki', format: 'pem' }));
    this.certificateThumbprint = Buffer.from(cert.fingerprint256.replace(/:/g, ''), 'hex').toString('base64url');
  }

  /** The next `count` calls of `kind` (`createOrGet`, `patch`, `delete`, `sendMail`, `token`) answer `answer`. */
  script(kind: string, count: number, answer: Scripted): void {
    const list = this.scripts.get(kind) ?? [];
    for (let i = 0; i < count; i++) list.push(answer);
    this.scripts.set(kind, list);
  }

  /** Graph stops accepting every token issued so far (expired or revoked before their time). */
  revokeTokens(): void {
    this.issued.clear();
  }

  graphCalls(kind: string): GraphRequest[] {
    return this.requests.filter((r) => kindOf(r.method, r.path) === kind);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => resolve(data));
    });
    const path = new URL(req.url ?? '/', this.url).pathname;
    const method = req.method ?? 'GET';
    if (method === 'POST' && path === `/${TENANT}/oauth2/v2.0/token`) return this.token(raw, res);
    // OpenID discovery, which msal reads for an authority it is told to trust (knownAuthorities).
    if (method === 'GET' && path === `/${TENANT}/v2.0/.well-known/openid-configuration`) {
      const base = `${this.url}/${TENANT}`;
      return send(res, 200, {
        token_endpoint: `${base}/oauth2/v2.0/token`, authorization_endpoint: `${base}/oauth2/v2.0/authorize`, end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        issuer: `${base}/v2.0`, jwks_uri: `${base}/discovery/v2.0/keys`, response_types_supported: ['code', 'id_token', 'token'],
      });
    }
    let body: unknown = undefined;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      return send(res, 400, graphError('BadRequest', 'Unable to read JSON request payload.'));
    }
    const authorization = header(req, 'authorization');
    this.requests.push({ method, path, authorization, retryAttempt: header(req, 'retry-attempt'), body });
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token || !this.issued.has(token)) return send(res, 401, graphError('InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.'));
    const scripted = this.scripts.get(kindOf(method, path))?.shift();
    if (scripted) return send(res, scripted.status, scripted.body ?? graphError(scripted.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable', 'Scripted'), scripted.retryAfter === undefined ? {} : { 'retry-after': String(scripted.retryAfter) });
    return this.graph(method, path, body, res);
  }

  private token(raw: string, res: ServerResponse): void {
    const form = Object.fromEntries(new URLSearchParams(raw));
    this.tokenRequests.push(form);
    const scripted = this.scripts.get('token')?.shift();
    if (scripted) return send(res, scripted.status, scripted.body ?? { error: 'temporarily_unavailable', error_description: 'AADSTS50000: scripted', error_codes: [50000] });
    const refuse = (code: string, aadsts: string) => send(res, 400, { error: code, error_description: `${aadsts}: refused by the loopback authority`, error_codes: [Number(aadsts.slice(6))] });
    if (form.grant_type !== 'client_credentials') return refuse('unsupported_grant_type', 'AADSTS70003');
    if (form.client_id !== CLIENT_ID) return refuse('unauthorized_client', 'AADSTS700016');
    // The public cloud's Graph, or this server's own origin when it stands in as an https (sovereign-like) Graph host.
    if (form.scope !== 'https://graph.microsoft.com/.default' && form.scope !== `${this.url}/.default`) return refuse('invalid_scope', 'AADSTS70011');
    if (form.client_secret !== undefined ? form.client_secret !== CLIENT_SECRET : !this.validAssertion(form.client_assertion, form.client_assertion_type)) return refuse('invalid_client', 'AADSTS7000215');
    const accessToken = `loopback-token-${++this.tokenCount}`;
    this.issued.add(accessToken);
    send(res, 200, { token_type: 'Bearer', expires_in: this.expiresIn, ext_expires_in: this.expiresIn, access_token: accessToken });
  }

  /** A client assertion JWT: signed (PS256/RS256) by the trusted certificate, naming it in x5t#S256, for this client. */
  private validAssertion(assertion: string | undefined, type: string | undefined): boolean {
    if (!assertion || type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' || !this.certificateKey) return false;
    const [h, p, s] = assertion.split('.');
    if (!h || !p || !s) return false;
    const headerJson = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    if (headerJson['x5t#S256'] !== this.certificateThumbprint || payload.iss !== CLIENT_ID || payload.sub !== CLIENT_ID) return false;
    if (typeof payload.aud !== 'string' || !payload.aud.endsWith(`/${TENANT}/oauth2/v2.0/token`)) return false;
    const pss = headerJson.alg === 'PS256';
    return verify('sha256', Buffer.from(`${h}.${p}`), { key: this.certificateKey, ...(pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : {}) }, Buffer.from(s, 'base64url'));
  }

  private graph(method: string, path: string, body: unknown, res: ServerResponse): void {
    const user = /^\/v1\.0\/users\/([^/]+)$/.exec(path);
    if (user && method === 'GET') {
      const id = this.users.get(decodeURIComponent(user[1] as string).toLowerCase());
      return id ? send(res, 200, { id }) : send(res, 404, graphError('Request_ResourceNotFound', 'Resource does not exist.'));
    }
    const mail = /^\/v1\.0\/users\/([^/]+)\/sendMail$/.exec(path);
    if (mail && method === 'POST') {
      this.mails.push({ sender: decodeURIComponent(mail[1] as string), body });
      res.writeHead(202).end();
      return;
    }
    const create = /^\/v1\.0\/users\/([^/]+)\/onlineMeetings\/createOrGet$/.exec(path);
    const one = /^\/v1\.0\/users\/([^/]+)\/onlineMeetings\/([^/]+)$/.exec(path);
    const organizer = decodeURIComponent((create ?? one)?.[1] ?? '');
    if ((create || one) && this.withoutPolicy.has(organizer)) return send(res, 403, graphError('Forbidden', 'No application access policy found for this app.'));
    if (create && method === 'POST') return this.createOrGet(organizer, body as Record<string, unknown>, res);
    if (one) {
      const existing = this.meetings.get(decodeURIComponent(one[2] as string));
      if (!existing || existing.organizer !== organizer) return send(res, 404, graphError('NotFound', 'The specified meeting was not found.'));
      if (method === 'DELETE') {
        this.meetings.delete(existing.id);
        res.writeHead(204).end();
        return;
      }
      if (method === 'PATCH') {
        const b = body as Record<string, string>;
        if ((b.startDateTime === undefined) !== (b.endDateTime === undefined)) return send(res, 400, graphError('BadRequest', 'Both startDateTime and endDateTime are required.'));
        Object.assign(existing, pick(b, ['subject', 'startDateTime', 'endDateTime']));
        return send(res, 200, existing);
      }
    }
    send(res, 404, graphError('NotFound', `No route ${method} ${path}`));
  }

  private createOrGet(organizer: string, body: Record<string, unknown>, res: ServerResponse): void {
    const externalId = body.externalId;
    if (typeof externalId !== 'string' || typeof body.startDateTime !== 'string' || typeof body.endDateTime !== 'string') {
      return send(res, 400, graphError('BadRequest', 'externalId, startDateTime and endDateTime are required.'));
    }
    const existing = [...this.meetings.values()].find((m) => m.externalId === externalId && m.organizer === organizer);
    if (existing) return send(res, 200, existing);
    const id = `MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkdRWHJlQ${++this.meetingCount}`;
    const meeting: LoopbackMeeting = {
      id, externalId, organizer, subject: String(body.subject ?? ''), startDateTime: body.startDateTime, endDateTime: body.endDateTime,
      joinWebUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${id}%40thread.v2/0`, lobbyBypassSettings: body.lobbyBypassSettings,
    };
    this.meetings.set(id, meeting);
    send(res, 201, meeting);
  }
}

function kindOf(method: string, path: string): string {
  if (path.endsWith('/createOrGet')) return 'createOrGet';
  if (path.endsWith('/sendMail')) return 'sendMail';
  if (path.includes('/onlineMeetings/')) return method.toLowerCase();
  return `${method.toLowerCase()}User`;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const graphError = (code: string, message: string) => ({ error: { code, message, innerError: { 'request-id': '00000000-0000-0000-0000-000000000000', date: '2026-12-01T00:00:00' } } });

const pick = (o: Record<string, string>, keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

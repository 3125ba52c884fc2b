import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { errorBody, type Behaviour, type Delivery, type RecordedRequest, type Reply, type RouteContext } from './acs-behaviours';
import { createEmailRoute, type EmailRouteOptions } from './acs-email-route';
import { acsSignatureProblem } from './acs-hmac';
import { createSmsRoute } from './acs-sms-route';
import { createMessagesRoute } from './acs-messages-route';
import { createCallsRoute, type CallsRoute } from './acs-calls-route';

export type { Behaviour, Delivery, RecordedRequest } from './acs-behaviours';

/** A loopback server speaking the ACS SMS, Email and Advanced Messaging (WhatsApp) wire protocol, with scriptable failures. */
export interface AcsServer {
  /** `endpoint=http://127.0.0.1:PORT/;accesskey=…` for the real SDK clients. */
  readonly connectionString: string;
  readonly accessKey: string;
  /** Every request received, in order, including rejected and unanswered ones. */
  readonly requests: RecordedRequest[];
  /** Messages accepted for delivery; a deduplicated repeat adds nothing. */
  readonly deliveries: Delivery[];
  /** Send requests (`POST /sms` or `POST /emails:send`). */
  sendRequests(channel: SendChannel): RecordedRequest[];
  /** Applies `behaviour` to every send to this recipient until {@link reset}. */
  forRecipient(to: string, behaviour: Behaviour): void;
  /** Applies `behaviour` to the next `count` authenticated send requests (before per-recipient scripts). */
  nextSends(count: number, behaviour: Behaviour): void;
  /**
   * Applies `behaviour` to every authenticated send request of `channel` from now on (after
   * {@link nextSends} scripts, before per-recipient ones), e.g. an outage; `undefined` switches it off.
   */
  everySend(channel: SendChannel, behaviour: Behaviour | undefined): void;
  /** Applies `behaviour` to the next `count` authenticated email status polls. */
  nextPolls(count: number, behaviour: Behaviour): void;
  /** Call Automation (`/calling/callConnections…`): placed calls, callee scripts, callbacks. */
  readonly calling: CallsRoute;
  /** Forgets scripts and recordings (not the repeatability memory). */
  reset(): void;
  close(): Promise<void>;
}

const SEND_PATHS = { sms: '/sms', email: '/emails:send', whatsapp: '/messages/notifications:send' } as const;
type SendChannel = keyof typeof SEND_PATHS;
const POLL_PATH = /^\/emails\/operations\/([^/]+)$/;

/** Starts the server on 127.0.0.1 on a free port. */
export async function startAcsServer(options: Partial<EmailRouteOptions> & { smsTrackingWindowMs?: number; ratePerMinute?: Partial<Record<SendChannel, number>> } = {}): Promise<AcsServer> {
  const accessKey = randomBytes(32).toString('base64');
  const requests: RecordedRequest[] = [];
  const deliveries: Delivery[] = [];
  const byRecipient = new Map<string, Behaviour>();
  const sendQueue: Behaviour[] = [];
  const pollQueue: Behaviour[] = [];
  const standing = new Map<SendChannel, Behaviour>();
  const sms = createSmsRoute(options.smsTrackingWindowMs);
  const messages = createMessagesRoute();
  const calling = createCallsRoute();
  const email = createEmailRoute({ runningPolls: options.runningPolls ?? 1, duplicateOperationId: options.duplicateOperationId ?? 'replay' });
  let baseUrl = '';
  // `ratePerMinute`: sends accepted in the last 60 s, per channel; one more is refused as ACS does (429 + Retry-After).
  const accepted = { sms: [] as number[], email: [] as number[], whatsapp: [] as number[] };
  const overRate = (channel: SendChannel, at: number): number | undefined => {
    const limit = options.ratePerMinute?.[channel];
    if (limit === undefined) return undefined;
    const window = accepted[channel];
    while (window.length > 0 && (window[0] as number) <= at - 60_000) window.shift();
    if (window.length < limit) {
      window.push(at);
      return undefined;
    }
    return Math.ceil((window[0] as number) + 60_000 - at);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const method = req.method ?? '';
    const url = req.url ?? '';
    const problem = acsSignatureProblem(method, url, req.headers, raw, accessKey);
    const record: RecordedRequest = { at, method, url, headers: req.headers, body: parseJson(raw), authenticated: !problem, answer: 'hang' };
    requests.push(record);
    const parsed = new URL(url, baseUrl);
    const pollMatch = method === 'GET' ? POLL_PATH.exec(parsed.pathname) : null;
    const channel = method === 'POST' ? (Object.keys(SEND_PATHS) as SendChannel[]).find((c) => SEND_PATHS[c] === parsed.pathname) : undefined;
    const answer = (reply: Reply): void => {
      if (reply.hang) return;
      record.answer = reply.status;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    };
    if (calling.matches(method, parsed.pathname)) return answer(problem ? { status: 401, body: errorBody('Denied', 'Denied by the resource provider.') } : calling.handle(method, parsed.pathname, req.headers, record.body));
    if (!channel && !pollMatch) return answer({ status: 404, body: errorBody('NotFound', 'No such route.') });
    if (problem) return answer({ status: 401, body: errorBody('Denied', 'Denied by the resource provider.') });
    const recipients = channel === 'sms' ? sms.recipients(record.body) : channel === 'email' ? email.recipients(record.body) : channel === 'whatsapp' ? messages.recipients(record.body) : [];
    const scripted = (pollMatch ? pollQueue : sendQueue).shift();
    const behaviour = scripted ?? (channel ? standing.get(channel) : undefined) ?? recipients.map((to) => byRecipient.get(to)).find((b) => b !== undefined);
    switch (behaviour?.kind) {
      case 'badSignature':
        return answer({ status: 401, body: errorBody('Denied', 'Denied by the resource provider.') });
      case 'hang':
        return;
      case 'serverError':
        return answer({ status: behaviour.status ?? 500, body: errorBody('InternalServerError', 'Something went wrong.') });
      case 'throttle': {
        const headers: Record<string, string> = {};
        if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
        if (behaviour.retryAfterSeconds !== undefined) headers['retry-after'] = String(behaviour.retryAfterSeconds);
        return answer({ status: 429, headers, body: errorBody('TooManyRequests', 'Rate limit exceeded.') });
      }
    }
    const waitMs = channel ? overRate(channel, at) : undefined;
    if (waitMs !== undefined) {
      return answer({ status: 429, headers: { 'retry-after-ms': String(waitMs), 'retry-after': String(Math.ceil(waitMs / 1000)) }, body: errorBody('TooManyRequests', 'Rate limit exceeded.') });
    }
    const ctx: RouteContext = {
      body: record.body,
      headers: req.headers,
      query: parsed.searchParams,
      baseUrl,
      behaviour,
      recipientBehaviour: (to) => byRecipient.get(to),
      deliver: (delivery) => deliveries.push(delivery),
    };
    if (pollMatch) return answer(email.poll(ctx, decodeURIComponent(pollMatch[1]!)));
    return answer(channel === 'sms' ? sms.handle(ctx) : channel === 'whatsapp' ? messages.handle(ctx) : email.send(ctx));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    connectionString: `endpoint=${baseUrl}/;accesskey=${accessKey}`,
    accessKey,
    requests,
    deliveries,
    sendRequests: (channel) => requests.filter((r) => r.method === 'POST' && new URL(r.url, baseUrl).pathname === SEND_PATHS[channel]),
    forRecipient: (to, behaviour) => void byRecipient.set(to, behaviour),
    nextSends: (count, behaviour) => void sendQueue.push(...Array.from({ length: count }, () => behaviour)),
    everySend: (channel, behaviour) => void (behaviour ? standing.set(channel, behaviour) : standing.delete(channel)),
    nextPolls: (count, behaviour) => void pollQueue.push(...Array.from({ length: count }, () => behaviour)),
    calling,
    reset() {
      byRecipient.clear();
      standing.clear();
      sendQueue.length = 0;
      pollQueue.length = 0;
      requests.length = 0;
      deliveries.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return raw.toString('utf8');
  }
}

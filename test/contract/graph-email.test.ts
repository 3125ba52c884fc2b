import { graphEmailSenderFor } from '../../src/adapters/graph/graph-choices';
import { UNKNOWN_OUTCOME } from '../../src/adapters/graph/graph-email-sender';
import type { MarkerState, SendMarkers } from '../../src/adapters/graph/graph-send-markers';
import { parseConfig } from '../../src/config';
import { TransientProviderError } from '../../src/ports/send-result';
import type { EmailSender } from '../../src/channels/email/email-sender';
import { CLIENT_ID, CLIENT_SECRET, GraphServer, TENANT } from '../support/graph-server';

const SENDER = 'appointments@contoso.com';
const quiet = { info: () => undefined, warn: () => undefined };
const message = { to: 'bob@example.com', subject: 'Your appointment', text: 'Plain text', html: '<p>Hello <b>Bob</b></p>' };

/** The adapter's marks in memory (the devhost test uses the Table storage ones). */
class MemoryMarkers implements SendMarkers {
  readonly states = new Map<string, MarkerState>();
  async begin(key: string): Promise<MarkerState> {
    const before = this.states.get(key) ?? 'new';
    if (before === 'new') this.states.set(key, 'attempting');
    return before;
  }
  async accepted(key: string): Promise<void> {
    this.states.set(key, 'accepted');
  }
  async clear(key: string): Promise<void> {
    this.states.delete(key);
  }
}

/** Outlook mail through the real Graph client and msal-node against the loopback Graph. */
describe('email through Microsoft Graph sendMail (real SDKs, loopback Graph)', () => {
  let graph: GraphServer;
  let markers: MemoryMarkers;
  let sender: EmailSender;
  beforeEach(async () => {
    graph = await GraphServer.start();
    markers = new MemoryMarkers();
    const config = parseConfig({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true', EMAIL_PROVIDER: 'graph', GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT_ID,
      GRAPH_CLIENT_SECRET: CLIENT_SECRET, GRAPH_MAIL_SENDER: SENDER, GRAPH_AUTHORITY_HOST: graph.url, GRAPH_BASE_URL: graph.url,
    });
    sender = graphEmailSenderFor(config, quiet, markers);
  });
  afterEach(() => graph.close());

  test('sends from GRAPH_MAIL_SENDER with the HTML body, not saved to Sent Items by default; the same key again is not sent twice', async () => {
    const result = await sender.send(message, 'A-1|1|confirmation|email');
    expect(result).toEqual({ status: 'sent', providerMessageId: expect.stringMatching(/^graph:[0-9a-f-]{36}$/) });
    expect(graph.mails).toEqual([{ sender: SENDER, body: {
      message: { subject: 'Your appointment', body: { contentType: 'HTML', content: '<p>Hello <b>Bob</b></p>' }, toRecipients: [{ emailAddress: { address: 'bob@example.com' } }] },
      saveToSentItems: false,
    } }]);
    expect(graph.graphCalls('sendMail')[0]?.authorization).toBe('Bearer loopback-token-1');
    expect(await sender.send(message, 'A-1|1|confirmation|email')).toEqual(result);
    expect(graph.mails).toHaveLength(1);
  });

  test('429 with Retry-After: one request (the client does not retry sendMail), a TransientProviderError with the wait; the retry then sends once', async () => {
    graph.script('sendMail', 1, { status: 429, retryAfter: 30 });
    const error = await sender.send(message, 'A-2|1|confirmation|email').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ kind: 'throttled', retryAfterMs: 30_000 });
    expect(graph.graphCalls('sendMail')).toHaveLength(1);
    expect(await sender.send(message, 'A-2|1|confirmation|email')).toMatchObject({ status: 'sent' });
    expect(graph.mails).toHaveLength(1);
  });

  test.each([503, 500])('%i is a refusal: not retried by the client, deferred by us', async (status) => {
    graph.script('sendMail', 1, { status });
    await expect(sender.send(message, 'A-3|1|confirmation|email')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(graph.graphCalls('sendMail')).toHaveLength(1);
  });

  test('504 (Graph may have sent it): recorded failed with an unknown outcome, and never sent again for that key', async () => {
    graph.script('sendMail', 1, { status: 504 });
    expect(await sender.send(message, 'A-4|1|confirmation|email')).toEqual({ status: 'failed', kind: 'permanent', reason: expect.stringContaining(UNKNOWN_OUTCOME) });
    expect(await sender.send(message, 'A-4|1|confirmation|email')).toEqual({ status: 'failed', kind: 'permanent', reason: UNKNOWN_OUTCOME });
    expect(graph.graphCalls('sendMail')).toHaveLength(1);
  });

  test('403: deferred with the advice (Mail.Send, the Exchange ApplicationAccessPolicy); a rejected recipient fails at once', async () => {
    graph.script('sendMail', 1, { status: 403, body: { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } } });
    const error = await sender.send(message, 'A-5|1|confirmation|email').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect((error as Error).message).toMatch(/Mail\.Send.*ApplicationAccessPolicy/);
    graph.script('sendMail', 1, { status: 400, body: { error: { code: 'ErrorInvalidRecipients', message: 'At least one recipient is not valid.' } } });
    expect(await sender.send(message, 'A-6|1|confirmation|email')).toMatchObject({ status: 'failed', kind: 'invalidRecipient' });
  });
});

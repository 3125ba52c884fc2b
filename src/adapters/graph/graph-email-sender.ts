import type { Client } from '@microsoft/microsoft-graph-client';
import type { EmailMessage, EmailSender } from '../../channels/email/email-sender';
import { TransientProviderError, type SendResult } from '../../ports/send-result';
import { sendKeyUuid, type AdapterLogger } from '../acs/acs-common';
import { GraphAuthError, type GraphTokenProvider } from './graph-auth';
import { failureLabel, graphFailure, NO_RETRY, type GraphFailure } from './graph-client';
import type { SendMarkers } from './graph-send-markers';

const PROVIDER = 'graph-mail';

export interface GraphEmailSenderOptions {
  /** GRAPH_MAIL_SENDER: the mailbox (a user or shared mailbox) mail goes out from. */
  readonly sender: string;
  /** GRAPH_SAVE_TO_SENT_ITEMS. */
  readonly saveToSentItems: boolean;
  readonly tokens: GraphTokenProvider;
  readonly markers: SendMarkers;
  readonly logger: AdapterLogger;
  readonly timeoutMs?: number;
}

/** Why a send is not repeated when its earlier call may have gone through. */
export const UNKNOWN_OUTCOME = `${PROVIDER}: outcome unknown (the earlier sendMail got no answer; not sent again, since Graph has no idempotency key)`;

const MAIL_ADVICE = 'Graph refused (403): the app lacks the application permission Mail.Send with admin consent, or an Exchange ApplicationAccessPolicy does not let it send as GRAPH_MAIL_SENDER';

/**
 * {@link EmailSender} over Graph `POST /users/{sender}/sendMail`, JSON form: Graph's message takes
 * one body, so the HTML part goes (the text alternative would need the MIME form, which has no
 * `saveToSentItems`; see README "Microsoft Graph"). Graph's client retry is off for this call: a resend after a 504 could deliver twice. Exactly once
 * rests on the ledger claim plus a mark per send key (see {@link SendMarkers}): a send resumed after
 * a crash between Graph's 202 and the ledger's record finds `accepted` and is not sent again; one
 * whose call got no answer is recorded failed with {@link UNKNOWN_OUTCOME} rather than risk a second
 * mail. 429 and 503 (refused: nothing was sent) are thrown as TransientProviderError with Retry-After,
 * which the send core turns into a deferral and a hold on the sender's pacer.
 */
export class GraphEmailSender implements EmailSender {
  constructor(private readonly client: Client, private readonly options: GraphEmailSenderOptions) {}

  async send(message: EmailMessage, sendKey: string): Promise<SendResult> {
    const providerMessageId = `graph:${sendKeyUuid(sendKey)}`;
    const before = await this.options.markers.begin(sendKey);
    if (before === 'accepted') {
      this.options.logger.info(`${PROVIDER}: already accepted, not sent again`, { sendKey });
      return { status: 'sent', providerMessageId };
    }
    if (before === 'attempting') {
      this.options.logger.warn(`${PROVIDER}: outcome unknown, not sent again`, { sendKey });
      return { status: 'failed', kind: 'permanent', reason: UNKNOWN_OUTCOME };
    }
    try {
      await this.options.tokens.token();
      await this.client.api(`/users/${encodeURIComponent(this.options.sender)}/sendMail`)
        .middlewareOptions([NO_RETRY()])
        .option('signal', AbortSignal.timeout(this.options.timeoutMs ?? 30_000))
        .post(this.body(message));
    } catch (error) {
      return this.failed(error, sendKey);
    }
    await this.markAccepted(sendKey);
    this.options.logger.info(`${PROVIDER}: sent`, { sendKey });
    return { status: 'sent', providerMessageId };
  }

  /**
   * Graph took it: the mark must say so, or a retry after a storage hiccup would read "outcome
   * unknown" for a mail that went. A few quick tries; if storage stays down the error goes up and
   * the resumed send records the unknown outcome (never a second mail).
   */
  private async markAccepted(sendKey: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.markers.accepted(sendKey);
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  }

  private body(message: EmailMessage): Record<string, unknown> {
    return {
      message: {
        subject: message.subject,
        body: { contentType: 'HTML', content: message.html },
        toRecipients: [{ emailAddress: { address: message.to } }],
      },
      saveToSentItems: this.options.saveToSentItems,
    };
  }

  private async failed(error: unknown, sendKey: string): Promise<SendResult> {
    if (error instanceof GraphAuthError) {
      // No token, so no call: nothing was sent.
      await this.options.markers.clear(sendKey);
      // A wrong setting is deferred like an outage: it is retried for hours, and an admin can fix it meanwhile.
      throw new TransientProviderError(PROVIDER, 'unavailable', error.message);
    }
    const f = graphFailure(error);
    if (f.status === undefined || f.status === 504) {
      this.options.logger.warn(`${PROVIDER}: no answer, outcome unknown`, { sendKey, detail: failureLabel(f) });
      return { status: 'failed', kind: 'permanent', reason: `${UNKNOWN_OUTCOME}: ${failureLabel(f)}` };
    }
    // Any other answer is a refusal: nothing went, so a retry may send.
    await this.options.markers.clear(sendKey);
    return refusal(f);
  }
}

function refusal(f: GraphFailure): SendResult {
  const label = failureLabel(f);
  if (f.status === 429 || f.status === 408 || (f.status !== undefined && f.status >= 500)) {
    throw new TransientProviderError(PROVIDER, f.status === 429 ? 'throttled' : 'unavailable', label, f.retryAfterMs);
  }
  // A missing permission or policy can be fixed by an admin: deferred (retried for hours), not lost.
  if (f.status === 403 || f.status === 401) throw new TransientProviderError(PROVIDER, 'unavailable', `${MAIL_ADVICE} (${label})`);
  const recipient = f.code === 'ErrorInvalidRecipients' || /recipient/i.test(f.text);
  return { status: 'failed', kind: recipient ? 'invalidRecipient' : 'permanent', reason: `${PROVIDER}: request rejected (${label})` };
}

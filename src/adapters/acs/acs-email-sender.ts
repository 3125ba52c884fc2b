import { EmailClient, type EmailMessage as AcsEmailMessage } from '@azure/communication-email';
import { TransientProviderError, type SendResult } from '../../ports/send-result';
import type { EmailMessage, EmailSender } from '../../channels/email/email-sender';
import { acsClientOptions, failedAs, sendKeyUuid, type AdapterLogger } from './acs-common';
import { defaultRetryPolicy, httpStatusOf, safeCode, transientFromSdkError, withRetries, type RetryPolicy } from '../provider-errors';

const PROVIDER = 'acs-email';
const failed = failedAs(PROVIDER);

export interface AcsEmailSenderOptions {
  /** `endpoint=https://…;accesskey=…` (config `ACS_CONNECTION_STRING`). */
  connectionString: string;
  /** Verified sender address, e.g. `DoNotReply@contoso.com` (config `ACS_EMAIL_SENDER`). */
  senderAddress: string;
  /** Delay between status polls (the SDK's `updateIntervalInMs`). */
  pollIntervalMs?: number;
  /** How long to wait for a terminal status once ACS accepted the email; after that it counts as sent. */
  pollBudgetMs?: number;
  /** Per-request timeout (the send and each poll). */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: AdapterLogger;
}

/** What the adapter saw of the last HTTP exchange of one attempt (through the SDK's `onResponse`). */
interface Seen {
  accepted: boolean;
  body: unknown;
}

/**
 * {@link EmailSender} over ACS Email. The SDK's `Operation-Id` option is set to UUID v5 of the send key, so
 * a resend of the same key reuses the operation ID. Once ACS has accepted an email (202) the adapter never
 * posts it again: a later polling problem counts as sent, and the delivery report settles the outcome.
 */
export class AcsEmailSender implements EmailSender {
  private readonly client: EmailClient;
  private readonly retry: RetryPolicy;
  private readonly logger: AdapterLogger;

  constructor(private readonly options: AcsEmailSenderOptions) {
    this.client = new EmailClient(options.connectionString, acsClientOptions(options.connectionString));
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.logger = options.logger ?? console;
  }

  async send(message: EmailMessage, sendKey: string): Promise<SendResult> {
    const operationId = sendKeyUuid(sendKey);
    try {
      const result = await withRetries(() => this.attempt(message, operationId), this.retry, (error, attempt, delayMs) =>
        this.logger.warn('acs-email: retrying', { sendKey, operationId, attempt, delayMs, detail: error.detail }),
      );
      const outcome: Record<string, string> = result.status === 'sent' ? {} : { kind: result.kind, reason: result.reason };
      this.logger.info(`acs-email: ${result.status}`, { sendKey, operationId, ...outcome });
      return result;
    } catch (error) {
      if (error instanceof TransientProviderError) this.logger.warn('acs-email: giving up for now', { sendKey, operationId, detail: error.detail });
      throw error;
    }
  }

  private async attempt(message: EmailMessage, operationId: string): Promise<SendResult> {
    const seen: Seen = { accepted: false, body: undefined };
    try {
      const poller = await this.client.beginSend(toAcsMessage(message, this.options.senderAddress), {
        operationId,
        updateIntervalInMs: this.options.pollIntervalMs ?? 1_000,
        requestOptions: { timeout: this.options.requestTimeoutMs ?? 10_000 },
        onResponse: (response) => {
          if (response.request.method === 'POST' && response.status === 202) seen.accepted = true;
          seen.body = response.parsedBody;
        },
      });
      const result = await poller.pollUntilDone({ abortSignal: AbortSignal.timeout(this.options.pollBudgetMs ?? 30_000) });
      return { status: 'sent', providerMessageId: result.id };
    } catch (error) {
      return fromError(error, seen, operationId);
    }
  }
}

function toAcsMessage(message: EmailMessage, senderAddress: string): AcsEmailMessage {
  return {
    senderAddress,
    content: { subject: message.subject, plainText: message.text, html: message.html },
    recipients: { to: [{ address: message.to }] },
  };
}

function fromError(error: unknown, seen: Seen, operationId: string): SendResult {
  const operation = seen.body as { status?: unknown; error?: { code?: unknown } } | undefined;
  if (operation?.status === 'Failed') return fromFailedOperation(operation.error?.code);
  if (operation?.status === 'Canceled') return failed('permanent', 'operation canceled');
  // Accepted already: sending again could duplicate the email, so the delivery report decides.
  if (seen.accepted) return { status: 'sent', providerMessageId: operationId };
  const status = httpStatusOf(error);
  // The operation ID (ours, from the send key) is taken: this email was accepted by an earlier attempt.
  if (status === 409) return { status: 'sent', providerMessageId: operationId };
  const transient = transientFromSdkError(PROVIDER, error);
  if (transient) throw transient;
  if (status === undefined) throw error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = `${String(code)} ${String(message)}`; // inspected here, never stored or logged
  const recipientProblem = /recipient/i.test(text) || (/email address/i.test(text) && !/sender/i.test(text));
  const label = `request rejected (HTTP ${status}${safeCode(code) ? ` ${safeCode(code)}` : ''})`;
  return failed(status === 400 && recipientProblem ? 'invalidRecipient' : 'permanent', label);
}

function fromFailedOperation(code: unknown): SendResult {
  const label = `operation failed (${safeCode(code) ?? 'no code'})`;
  return failed(typeof code === 'string' && /recipient/i.test(code) ? 'invalidRecipient' : 'permanent', label);
}

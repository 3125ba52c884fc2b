import MessageClient, { isUnexpected, type MessagesServiceClient, type NotificationContent } from '@azure-rest/communication-messages';
import { TransientProviderError, type SendResult } from '../../ports/send-result';
import type { WhatsAppMessage, WhatsAppSender } from '../../channels/whatsapp/whatsapp-sender';
import { acsClientOptions, failedAs, sendKeyUuid, type AdapterLogger } from './acs-common';
import { defaultRetryPolicy, isTransientStatus, retryAfterMsOf, safeCode, transientFromSdkError, withRetries, type RetryPolicy } from '../provider-errors';

const PROVIDER = 'acs-whatsapp';
const failed = failedAs(PROVIDER);
const SEND_PATH = '/messages/notifications:send';

export interface AcsWhatsAppSenderOptions {
  /** `endpoint=https://…;accesskey=…` (config `ACS_CONNECTION_STRING`). */
  connectionString: string;
  /** The WhatsApp channel registration ID in ACS (config `WHATSAPP_CHANNEL_ID`). */
  channelId: string;
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: AdapterLogger;
}

/** The request body of one message, in the wire shape of api-version 2024-08-30 (acs-channels.md §3.1). */
export function notificationBody(channelId: string, message: WhatsAppMessage): NotificationContent {
  if (message.kind === 'text') return { channelRegistrationId: channelId, to: [message.to], kind: 'text', content: message.text };
  const body = message.parameters.map((text, i) => ({ kind: 'text' as const, name: `p${i + 1}`, text }));
  const buttons = message.buttons.map((button, i) => ({ kind: 'quickAction' as const, name: `b${i + 1}`, text: button.text, payload: button.payload }));
  return {
    channelRegistrationId: channelId,
    to: [message.to],
    kind: 'template',
    template: {
      name: message.name,
      language: message.language,
      values: [...body, ...buttons],
      bindings: {
        kind: 'whatsApp',
        ...(body.length > 0 ? { body: body.map((v) => ({ refValue: v.name })) } : {}),
        ...(buttons.length > 0 ? { buttons: buttons.map((v) => ({ subType: 'quickReply', refValue: v.name })) } : {}),
      },
    },
  };
}

/**
 * {@link WhatsAppSender} over ACS Advanced Messaging (`@azure-rest/communication-messages`): one
 * recipient per request, deduplicated by ACS repeatability — `Repeatability-Request-ID` is the UUID
 * v5 of the send key and `Repeatability-First-Sent` the claim's first attempt, so a send resumed after
 * a crash is the same request (the REST client does not add these itself). 429 (with Retry-After),
 * 408 and 5xx are retried with bounded backoff, then thrown as {@link TransientProviderError} (the
 * send core defers); any other answer is a permanent failure naming the status and error code.
 */
export class AcsWhatsAppSender implements WhatsAppSender {
  private readonly client: MessagesServiceClient;
  private readonly retry: RetryPolicy;
  private readonly logger: AdapterLogger;

  constructor(private readonly options: AcsWhatsAppSenderOptions) {
    this.client = MessageClient(options.connectionString, acsClientOptions(options.connectionString));
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.logger = options.logger ?? console;
  }

  async send(message: WhatsAppMessage, sendKey: string, firstSentAt: Date): Promise<SendResult> {
    const requestId = sendKeyUuid(sendKey);
    try {
      const result = await withRetries(() => this.attempt(message, requestId, firstSentAt), this.retry, (error, attempt, delayMs) =>
        this.logger.warn('acs-whatsapp: retrying', { sendKey, attempt, delayMs, detail: error.detail }),
      );
      const outcome: Record<string, string> = result.status === 'sent' ? { messageId: result.providerMessageId } : { kind: result.kind, reason: result.reason };
      this.logger.info(`acs-whatsapp: ${result.status}`, { sendKey, kind: message.kind, repeatabilityRequestId: requestId, ...outcome });
      return result;
    } catch (error) {
      if (error instanceof TransientProviderError) this.logger.warn('acs-whatsapp: giving up for now', { sendKey, detail: error.detail });
      throw error;
    }
  }

  private async attempt(message: WhatsAppMessage, requestId: string, firstSentAt: Date): Promise<SendResult> {
    let response;
    try {
      response = await this.client.path(SEND_PATH).post({
        contentType: 'application/json',
        headers: { 'Repeatability-Request-ID': requestId, 'Repeatability-First-Sent': firstSentAt.toUTCString() },
        body: notificationBody(this.options.channelId, message),
        timeout: this.options.requestTimeoutMs ?? 10_000,
      });
    } catch (error) {
      const transient = transientFromSdkError(PROVIDER, error);
      if (transient) throw transient;
      throw error;
    }
    const status = Number(response.status);
    const headers = { get: (name: string): string | undefined => response.headers[name] };
    if (isUnexpected(response)) {
      if (isTransientStatus(status)) {
        throw new TransientProviderError(PROVIDER, status === 429 ? 'throttled' : 'unavailable', `HTTP ${status}`, retryAfterMsOf(headers));
      }
      const code = safeCode(response.headers['x-ms-error-code']) ?? safeCode(response.body?.error?.code);
      const inner = safeCode(response.body?.error?.innererror?.code);
      return failed('permanent', `request rejected (HTTP ${status}${code ? ` ${code}` : ''}${inner ? ` ${inner}` : ''})`);
    }
    if (headers.get('repeatability-result') === 'rejected') return failed('permanent', `repeatability rejected (HTTP ${status})`);
    const receipt = response.body.receipts[0];
    if (!receipt?.messageId) return failed('permanent', 'no receipt in the response');
    return { status: 'sent', providerMessageId: receipt.messageId };
  }
}

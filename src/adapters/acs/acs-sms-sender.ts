import { SmsClient, type SmsClientOptions, type SmsSendResult } from '@azure/communication-sms';
import { TransientProviderError, type SendResult } from '../../ports/send-result';
import type { SmsMessage, SmsSender } from '../../channels/sms/sms-sender';
import { acsClientOptions, failedAs, refusedRequest, sendKeyUuid, type AdapterLogger } from './acs-common';
import { defaultRetryPolicy, isTransientStatus, withRetries, type RetryPolicy } from '../provider-errors';

const PROVIDER = 'acs-sms';
const REQUEST_ID_HEADER = 'x-mc-repeatability-request-id';
const FIRST_SENT_HEADER = 'x-mc-repeatability-first-sent';
const failed = failedAs(PROVIDER);

type PipelinePolicy = NonNullable<SmsClientOptions['additionalPolicies']>[number]['policy'];

/**
 * `SmsClient.send()` gives every recipient a fresh random `repeatabilityRequestId` and "now" as
 * `repeatabilityFirstSent` (its `generateSendMessageRequest`), with no option to pass our own, so a retry
 * would never be deduplicated. This per-call policy writes ours into the JSON body, carried from `send()` in
 * two internal headers that it removes. It runs before the SDK's signing policy (both sit in the pipeline's
 * unnamed phase and this one is added first), so the signed content hash covers the rewritten body.
 */
function repeatabilityPolicy(): PipelinePolicy {
  return {
    name: 'meetingCommsSmsRepeatability',
    sendRequest(request, next) {
      const requestId = request.headers.get(REQUEST_ID_HEADER);
      const firstSent = request.headers.get(FIRST_SENT_HEADER);
      request.headers.delete(REQUEST_ID_HEADER);
      request.headers.delete(FIRST_SENT_HEADER);
      if (requestId !== undefined && firstSent !== undefined && typeof request.body === 'string') {
        const body = JSON.parse(request.body) as { smsRecipients?: Record<string, unknown>[] };
        for (const recipient of body.smsRecipients ?? []) {
          recipient['repeatabilityRequestId'] = requestId;
          recipient['repeatabilityFirstSent'] = firstSent;
        }
        request.body = JSON.stringify(body);
      }
      return next(request);
    },
  };
}

export interface AcsSmsSenderOptions {
  /** `endpoint=https://…;accesskey=…` (config `ACS_CONNECTION_STRING`). */
  connectionString: string;
  /** Default sender number in E.164 (config `ACS_SMS_FROM`). */
  from: string;
  /** Per-request timeout. */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  logger?: AdapterLogger;
}

/** {@link SmsSender} over ACS SMS: one recipient per request, deduplicated by ACS repeatability. */
export class AcsSmsSender implements SmsSender {
  private readonly client: SmsClient;
  private readonly retry: RetryPolicy;
  private readonly logger: AdapterLogger;

  constructor(private readonly options: AcsSmsSenderOptions) {
    this.client = new SmsClient(options.connectionString, {
      ...acsClientOptions(options.connectionString),
      additionalPolicies: [{ policy: repeatabilityPolicy(), position: 'perCall' }],
    });
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.logger = options.logger ?? console;
  }

  async send(message: SmsMessage, sendKey: string, firstSentAt: Date): Promise<SendResult> {
    const repeatabilityRequestId = sendKeyUuid(sendKey);
    const attempt = (): Promise<SendResult> => this.attempt(message, sendKey, repeatabilityRequestId, firstSentAt);
    try {
      const result = await withRetries(attempt, this.retry, (error, attemptNumber, delayMs) =>
        this.logger.warn('acs-sms: retrying', { sendKey, attempt: attemptNumber, delayMs, detail: error.detail }),
      );
      const outcome: Record<string, string> = result.status === 'sent' ? { messageId: result.providerMessageId } : { kind: result.kind, reason: result.reason };
      this.logger.info(`acs-sms: ${result.status}`, { sendKey, repeatabilityRequestId, ...outcome });
      return result;
    } catch (error) {
      if (error instanceof TransientProviderError) this.logger.warn('acs-sms: giving up for now', { sendKey, detail: error.detail });
      throw error;
    }
  }

  private async attempt(message: SmsMessage, sendKey: string, requestId: string, firstSentAt: Date): Promise<SendResult> {
    let results: SmsSendResult[];
    try {
      results = await this.client.send(
        { from: message.from ?? this.options.from, to: [message.to], message: message.text },
        {
          enableDeliveryReport: true,
          tag: sendKey,
          requestOptions: {
            timeout: this.options.requestTimeoutMs ?? 10_000,
            customHeaders: { [REQUEST_ID_HEADER]: requestId, [FIRST_SENT_HEADER]: firstSentAt.toUTCString() },
          },
        },
      );
    } catch (error) {
      return refusedRequest(PROVIDER, error, 'request');
    }
    const [result] = results;
    if (!result) return failed('permanent', 'no per-recipient result in the response');
    return fromRecipientResult(result as SmsSendResult & { repeatabilityResult?: string });
  }
}

/** Maps ACS's per-recipient verdict (the request itself was answered 202). */
function fromRecipientResult(result: SmsSendResult & { repeatabilityResult?: string }): SendResult {
  const status = result.httpStatusCode;
  if (result.successful && result.messageId) return { status: 'sent', providerMessageId: result.messageId };
  if (result.repeatabilityResult === 'rejected') return failed('permanent', `repeatability rejected (HTTP ${status})`);
  if (status === 400) return failed('invalidRecipient', 'recipient rejected (HTTP 400)');
  if (isTransientStatus(status)) {
    throw new TransientProviderError(PROVIDER, status === 429 ? 'throttled' : 'unavailable', `recipient HTTP ${status}`);
  }
  return failed('permanent', `recipient rejected (HTTP ${status})`);
}

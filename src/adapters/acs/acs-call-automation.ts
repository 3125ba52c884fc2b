import { CallAutomationClient, type CallAutomationClientOptions, type TextSource } from '@azure/communication-call-automation';
import type { CallControl, Dial, Speech, VoiceCaller } from '../../ports/calls';
import type { Dispatch } from '../../ports/dispatch';
import { TransientProviderError, type SendResult } from '../../ports/send-result';
import { acsClientOptions, failedAs, refusedRequest, sendKeyUuid, type AdapterLogger } from './acs-common';
import { defaultRetryPolicy, httpStatusOf, transientFromSdkError, withRetries, type RetryPolicy } from '../provider-errors';

const PROVIDER = 'acs-calls';
const REQUEST_ID_HEADER = 'x-mc-repeatability-request-id';
const failed = failedAs(PROVIDER);

type PipelinePolicy = NonNullable<CallAutomationClientOptions['additionalPolicies']>[number]['policy'];

/**
 * `createCall` sets `Repeatability-Request-ID` to a fresh random UUID on every call, overwriting any
 * option (acs-channels.md §2.4), so ACS could never recognise a repeat. This per-call policy writes
 * ours, carried from `dial` in an internal header that it removes, before the SDK signs the request.
 * (The ledger claim and the call row's `dialledAt` are the guard that matters: ACS's dedupe window
 * is undocumented.)
 */
function repeatabilityPolicy(): PipelinePolicy {
  return {
    name: 'meetingCommsCallRepeatability',
    sendRequest(request, next) {
      const requestId = request.headers.get(REQUEST_ID_HEADER);
      request.headers.delete(REQUEST_ID_HEADER);
      if (requestId !== undefined) request.headers.set('Repeatability-Request-ID', requestId);
      return next(request);
    },
  };
}

export interface AcsCallAutomationOptions {
  /** `endpoint=https://…;accesskey=…` (config `ACS_CONNECTION_STRING`). */
  connectionString: string;
  /** The number calls come from (config `ACS_VOICE_FROM`). */
  from: string;
  /** Azure AI services linked to the ACS resource: Call Automation needs them for text to speech. */
  cognitiveServicesEndpoint?: string;
  retry?: Partial<RetryPolicy>;
  logger?: AdapterLogger;
}

/** Seconds of silence before RecognizeFailed 8510 (no key): long enough to find the keypad. */
const SILENCE_SECONDS = 10;

/** {@link VoiceCaller} and {@link CallControl} over ACS Call Automation (the real SDK; HMAC-signed). */
export class AcsCallAutomation implements VoiceCaller, CallControl {
  readonly provider = 'acs';
  readonly from: string;
  private readonly client: CallAutomationClient;
  private readonly retry: RetryPolicy;
  private readonly logger: AdapterLogger;

  constructor(private readonly options: AcsCallAutomationOptions) {
    this.from = options.from;
    this.client = new CallAutomationClient(options.connectionString, {
      ...acsClientOptions(options.connectionString),
      additionalPolicies: [{ policy: repeatabilityPolicy(), position: 'perCall' }],
    });
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.logger = options.logger ?? console;
  }

  /** The dispatch is the outbox's business; ACS needs only the dial. */
  async dial(dial: Dial, _dispatch?: Dispatch): Promise<SendResult> {
    try {
      return await withRetries(async () => {
        try {
          const { callConnectionProperties } = await this.client.createCall(
            { targetParticipant: { phoneNumber: dial.to }, sourceCallIdNumber: { phoneNumber: this.from } },
            dial.callbackUrl,
            {
              operationContext: dial.operationContext,
              ...(this.options.cognitiveServicesEndpoint ? { callIntelligenceOptions: { cognitiveServicesEndpoint: this.options.cognitiveServicesEndpoint } } : {}),
              requestOptions: { customHeaders: { [REQUEST_ID_HEADER]: sendKeyUuid(dial.idempotencyKey) } },
            },
          );
          const id = callConnectionProperties.callConnectionId;
          if (!id) return failed('permanent', 'createCall answered without a call connection ID');
          this.logger.info('acs-calls: dialled', { operationContext: dial.operationContext, callConnectionId: id });
          return { status: 'sent', providerMessageId: id } as const;
        } catch (error) {
          return refusedRequest(PROVIDER, error, 'createCall', (status) => (status === 400 ? 'invalidRecipient' : 'permanent'));
        }
      }, this.retry, (error, attempt, delayMs) => this.logger.warn('acs-calls: retrying createCall', { operationContext: dial.operationContext, attempt, delayMs, detail: error.detail }));
    } catch (error) {
      if (error instanceof TransientProviderError) this.logger.warn('acs-calls: giving up for now', { operationContext: dial.operationContext, detail: error.detail });
      throw error;
    }
  }

  async ask(callConnectionId: string, to: string, speech: Speech, operationContext: string): Promise<void> {
    await this.action('recognize', operationContext, () => this.client.getCallConnection(callConnectionId).getCallMedia().startRecognizing({ phoneNumber: to }, {
      kind: 'callMediaRecognizeDtmfOptions',
      maxTonesToCollect: 1,
      interToneTimeoutInSeconds: 5,
      initialSilenceTimeoutInSeconds: SILENCE_SECONDS,
      interruptPrompt: true,
      playPrompt: textSource(speech),
      operationContext,
    }));
  }

  async say(callConnectionId: string, speech: Speech, operationContext: string): Promise<void> {
    await this.action('play', operationContext, () => this.client.getCallConnection(callConnectionId).getCallMedia().playToAll([textSource(speech)], { operationContext }));
  }

  async transfer(callConnectionId: string, number: string, operationContext: string): Promise<void> {
    await this.action('transfer', operationContext, () => this.client.getCallConnection(callConnectionId).transferCallToParticipant({ phoneNumber: number }, { operationContext, sourceCallIdNumber: { phoneNumber: this.from } }));
  }

  async hangUp(callConnectionId: string): Promise<void> {
    try {
      await this.action('hangUp', callConnectionId, () => this.client.getCallConnection(callConnectionId).hangUp(true));
    } catch (error) {
      // Already gone (the customer hung up first): nothing to end.
      if (httpStatusOf(error) === 404) return;
      throw error;
    }
  }

  /** One mid-call request with the adapter's bounded retries; a refusal is thrown with its status only. */
  private async action(name: string, operationContext: string, run: () => Promise<unknown>): Promise<void> {
    await withRetries(async () => {
      try {
        await run();
      } catch (error) {
        const transient = transientFromSdkError(PROVIDER, error);
        if (transient) throw transient;
        throw error;
      }
    }, this.retry, (error, attempt, delayMs) => this.logger.warn(`acs-calls: retrying ${name}`, { operationContext, attempt, delayMs, detail: error.detail }));
  }
}

/** Spoken text in the chosen neural voice. */
function textSource(speech: Speech): TextSource {
  return { kind: 'textSource', text: speech.text, voiceName: speech.voice, sourceLocale: speech.locale };
}

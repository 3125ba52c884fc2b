import { randomUUID } from 'node:crypto';
import { errorBody, isImfFixdate, UUID_PATTERN, type Behaviour, type Reply, type RouteContext } from './acs-behaviours';

/** One entry of the SMS response's `value`, as ACS answers (api-version 2021-03-07). */
export interface SmsRecipientResult {
  to: string;
  messageId?: string;
  httpStatusCode: number;
  repeatabilityResult?: 'accepted' | 'rejected';
  successful: boolean;
  errorMessage?: string;
}

interface SmsRecipient {
  to?: unknown;
  repeatabilityRequestId?: unknown;
  repeatabilityFirstSent?: unknown;
}

interface SmsRequest {
  from?: unknown;
  message?: unknown;
  smsRecipients?: SmsRecipient[];
  smsSendOptions?: { enableDeliveryReport?: unknown; tag?: unknown };
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * `POST /sms`: validates the body, then answers 202 with a per-recipient result. Repeatability: a request
 * ID seen before answers the stored result (`repeatabilityResult: accepted`) without a second delivery;
 * the same ID with a different request, or malformed repeatability fields, is `rejected` with 400; a first-sent
 * time older than `trackingWindowMs` (off by default; ACS documents 5 minutes for Email/Rooms) is `rejected` with 412.
 */
export function createSmsRoute(trackingWindowMs = Infinity): { recipients(body: unknown): string[]; handle(ctx: RouteContext): Reply } {
  const seen = new Map<string, { fingerprint: string; result: SmsRecipientResult }>();

  function one(ctx: RouteContext, request: SmsRequest, recipient: SmsRecipient): SmsRecipientResult {
    const to = String(recipient.to);
    const { repeatabilityRequestId: id, repeatabilityFirstSent: firstSent } = recipient;
    if (typeof id !== 'string' || !UUID_PATTERN.test(id) || !isImfFixdate(firstSent)) {
      return { to, httpStatusCode: 400, repeatabilityResult: 'rejected', successful: false, errorMessage: 'Invalid repeatability headers.' };
    }
    if (Date.now() - Date.parse(firstSent as string) > trackingWindowMs) {
      return { to, httpStatusCode: 412, repeatabilityResult: 'rejected', successful: false, errorMessage: 'First sent outside the tracking window.' };
    }
    const fingerprint = JSON.stringify([to, request.from, request.message, firstSent]);
    const earlier = seen.get(id);
    if (earlier) {
      if (earlier.fingerprint === fingerprint) return earlier.result;
      return { to, httpStatusCode: 400, repeatabilityResult: 'rejected', successful: false, errorMessage: 'Repeated request does not match.' };
    }
    const behaviour: Behaviour | undefined = ctx.behaviour ?? ctx.recipientBehaviour(to);
    let result: SmsRecipientResult;
    if (behaviour?.kind === 'invalidRecipient' || !E164.test(to)) {
      result = { to, httpStatusCode: 400, repeatabilityResult: 'accepted', successful: false, errorMessage: 'Invalid To phone number format.' };
    } else if (behaviour?.kind === 'recipientStatus') {
      // A transient per-recipient failure is not remembered: a repeat is executed again.
      return { to, httpStatusCode: behaviour.status, repeatabilityResult: 'accepted', successful: false, errorMessage: 'Recipient failed.' };
    } else {
      const messageId = `Outgoing_${Date.now()}${randomUUID().replace(/-/g, '')}_noam`;
      result = { to, messageId, httpStatusCode: 202, repeatabilityResult: 'accepted', successful: true };
      ctx.deliver({ channel: 'sms', id: messageId, to, request });
    }
    seen.set(id, { fingerprint, result });
    return result;
  }

  return {
    recipients: (body) => ((body as SmsRequest | undefined)?.smsRecipients ?? []).map((r) => String(r.to)),
    handle(ctx) {
      const request = (ctx.body ?? {}) as SmsRequest;
      const options = request.smsSendOptions;
      const valid =
        typeof request.from === 'string' &&
        typeof request.message === 'string' &&
        Array.isArray(request.smsRecipients) &&
        request.smsRecipients.length > 0 &&
        request.smsRecipients.every((r) => typeof r.to === 'string') &&
        typeof options?.enableDeliveryReport === 'boolean' &&
        (options.tag === undefined || typeof options.tag === 'string');
      if (!valid) return { status: 400, body: errorBody('BadRequest', 'Invalid send request.') };
      const value = request.smsRecipients!.map((recipient) => one(ctx, request, recipient));
      return { status: 202, body: { value }, hang: ctx.behaviour?.kind === 'acceptThenHang' };
    },
  };
}

import { randomUUID } from 'node:crypto';
import { errorBody, isImfFixdate, UUID_PATTERN, type Behaviour, type Reply, type RouteContext } from './acs-behaviours';

/** A send request of ACS Advanced Messaging (api-version 2024-08-30), as far as this server checks it. */
interface NotificationRequest {
  channelRegistrationId?: unknown;
  to?: unknown;
  kind?: unknown;
  content?: unknown;
  template?: {
    name?: unknown;
    language?: unknown;
    values?: { kind?: unknown; name?: unknown; text?: unknown; payload?: unknown }[];
    bindings?: { kind?: unknown; body?: { refValue?: unknown }[]; buttons?: { subType?: unknown; refValue?: unknown }[] };
  };
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** What is wrong with a template request, in ACS's words, or undefined. */
function templateProblem(template: NotificationRequest['template']): string | undefined {
  if (typeof template?.name !== 'string' || typeof template.language !== 'string') return 'template.name and template.language are required.';
  const values = template.values ?? [];
  if (!Array.isArray(values)) return 'template.values must be an array.';
  const names = new Set(values.map((v) => v.name));
  if (names.size !== values.length || values.some((v) => typeof v.name !== 'string')) return 'template.values need unique names.';
  const bindings = template.bindings;
  if (bindings === undefined) return values.length > 0 ? 'values without bindings.' : undefined;
  if (bindings.kind !== 'whatsApp') return 'template.bindings.kind must be whatsApp.';
  const refs = [...(bindings.body ?? []), ...(bindings.buttons ?? [])].map((b) => b.refValue);
  if (refs.some((r) => !names.has(r))) return 'a binding refers to an unknown value.';
  if ((bindings.buttons ?? []).length > 3) return 'at most 3 buttons.';
  for (const button of bindings.buttons ?? []) {
    const value = values.find((v) => v.name === button.refValue);
    if (button.subType !== 'quickReply' || value?.kind !== 'quickAction' || typeof value.payload !== 'string') return 'a quickReply button needs a quickAction value with a payload.';
  }
  for (const ref of bindings.body ?? []) {
    const value = values.find((v) => v.name === ref.refValue);
    if (value?.kind !== 'text' || typeof value.text !== 'string' || value.text === '' || /[\n\t]| {5}/.test(value.text)) {
      return 'InvalidParameter: (#131008) a body parameter must be non-empty text without new lines, tabs or more than 4 spaces.';
    }
  }
  return undefined;
}

/**
 * `POST /messages/notifications:send` as ACS answers it: 202 `{ receipts: [{ messageId, to }] }`
 * with `Repeatability-Result`. A Repeatability-Request-ID seen before with the same request answers
 * the first receipt again (`accepted`) without a second delivery; with a different request, `rejected`
 * (400); malformed repeatability headers → 400. Template bodies are checked (bindings refer to values,
 * quick-reply buttons carry payloads, parameters as WhatsApp takes them). `invalidRecipient` → 400
 * with Meta's parameter error, as ACS answers synchronously.
 */
export function createMessagesRoute(): { recipients(body: unknown): string[]; handle(ctx: RouteContext): Reply } {
  const seen = new Map<string, { fingerprint: string; receipt: { messageId: string; to: string } }>();
  return {
    recipients: (body) => {
      const to = (body as NotificationRequest | undefined)?.to;
      return Array.isArray(to) ? to.map(String) : [];
    },
    handle(ctx) {
      const request = (ctx.body ?? {}) as NotificationRequest;
      const id = ctx.headers['repeatability-request-id'];
      const firstSent = ctx.headers['repeatability-first-sent'];
      if (id !== undefined || firstSent !== undefined) {
        if (typeof id !== 'string' || !UUID_PATTERN.test(id) || !isImfFixdate(firstSent)) {
          return { status: 400, headers: { 'repeatability-result': 'rejected' }, body: errorBody('BadRequest', 'Invalid repeatability headers.') };
        }
      }
      if (ctx.query.get('api-version') === null) return { status: 400, body: errorBody('MissingApiVersionParameter', 'The api-version query parameter is required.') };
      const to = request.to;
      if (typeof request.channelRegistrationId !== 'string' || !UUID_PATTERN.test(request.channelRegistrationId) || !Array.isArray(to) || to.length !== 1 || typeof to[0] !== 'string') {
        return { status: 400, body: errorBody('BadRequest', 'channelRegistrationId and one recipient in to are required.') };
      }
      const problem = request.kind === 'text' ? (typeof request.content === 'string' && request.content !== '' ? undefined : 'content is required.') : request.kind === 'template' ? templateProblem(request.template) : 'kind must be text or template.';
      if (problem) return { status: 400, body: { error: { code: 'BadRequest', message: 'Given request contains a parameter for WhatsApp which was invalid.', innererror: { code: 'WaErrorCode.InvalidParameter', message: problem } } } };
      const recipient = to[0];
      const fingerprint = JSON.stringify([request, firstSent]);
      const earlier = typeof id === 'string' ? seen.get(id) : undefined;
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) return { status: 400, headers: { 'repeatability-result': 'rejected' }, body: errorBody('BadRequest', 'Repeated request does not match.') };
        return { status: 202, headers: { 'repeatability-result': 'accepted' }, body: { receipts: [earlier.receipt] } };
      }
      const behaviour: Behaviour | undefined = ctx.behaviour ?? ctx.recipientBehaviour(recipient);
      if (behaviour?.kind === 'invalidRecipient' || !E164.test(recipient)) {
        return { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid recipient.', innererror: { code: 'WaErrorCode.InvalidParameter', message: 'Recipient phone number is invalid.' } } } };
      }
      const receipt = { messageId: randomUUID(), to: recipient };
      if (typeof id === 'string') seen.set(id, { fingerprint, receipt });
      ctx.deliver({ channel: 'whatsapp', id: receipt.messageId, to: recipient, request });
      return { status: 202, headers: { 'repeatability-result': 'accepted' }, body: { receipts: [receipt] }, hang: behaviour?.kind === 'acceptThenHang' };
    },
  };
}

import { ok, PLAN_REASONS } from '../../domain';
import type { StoredDeflection } from '../../ports/deflection-store';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';
import { sendOnce, type SendOnceDeps } from '../dispatch/send-once';
import { publishTicketEvent } from '../events/publish-ticket-events';
import type { PublishDeps } from '../events/publish-events';
import { isOptedOut } from '../opt-outs';
import { deflectionSms, deflectionWhatsApp } from './deflection-messages';

export type SendDeflectionDeps = SendOnceDeps & PublishDeps & Pick<AppDeps, 'deflections' | 'tickets' | 'optOuts' | 'config'>;

/** Which message of a deflection: its WhatsApp template, or the SMS fallback. */
export interface DeflectionRef {
  readonly deflectionId: string;
  readonly channel: 'whatsapp' | 'sms';
}

/** What the orchestration does next: nothing, try again at `at` (deferred), or the SMS fallback. */
export type DeflectionStep = { readonly kind: 'done' } | { readonly kind: 'retry'; readonly at: string } | { readonly kind: 'fallback' };

/** The send key of a deflection's message on a channel: one message per deflection and channel. */
export const deflectionSendKey = (deflectionId: string, channel: 'whatsapp' | 'sms'): string => `defl|${deflectionId}|${channel}`;

/** Whether a failed WhatsApp message falls back to SMS: the request's choice, else DEFLECTION_FALLBACK. */
const fallsBack = (d: StoredDeflection): boolean => d.fallback === 'sms';

/**
 * Makes sure a deflection's ticket exists and was announced (`ticket.created`): a crash between the
 * request's writes and its event is made good by the send's activity. Idempotent.
 */
export async function ensureTicket(deps: Pick<SendDeflectionDeps, 'tickets' | 'events' | 'clock'>, workflow: MeetingWorkflow | undefined, d: StoredDeflection): Promise<void> {
  // The request wrote the ticket (with the metadata only it has) before the deflection: this finds it.
  const ticket = await deps.tickets.open({
    ticketId: d.ticketId, deflectionId: d.deflectionId, customer: d.recipientPhone, businessPhone: d.businessPhone,
    teamId: d.teamId, status: 'open', metadata: { user: {}, ticket: {} }, createdAt: d.createdAt,
  });
  await publishTicketEvent(deps, workflow, 'ticket.created', ticket, { cause: ticket.ticketId, at: ticket.createdAt });
}

/**
 * The deflection orchestration's activity: sends the deflection's message on `ref.channel` through
 * the send core (ledger key `defl|{id}|{channel}`, so a repeat or a crash between the provider's
 * answer and the record sends one message: ACS repeatability takes the same key as the same
 * request), and moves the deflection on: `sent`, or `fellBack` for the SMS. A WhatsApp message the
 * provider refuses at once falls back to SMS when the deflection allows it; one that fails later (not
 * on WhatsApp) does so from its status event (see deflectionReport).
 */
export async function sendDeflection(deps: SendDeflectionDeps, ref: DeflectionRef, workflow?: MeetingWorkflow): Promise<DeflectionStep> {
  const d = await deps.deflections.get(ref.deflectionId);
  if (!d) {
    deps.log.warn(`deflection ${ref.deflectionId}: not found, nothing sent`);
    return { kind: 'done' };
  }
  await ensureTicket(deps, workflow, d);
  const about = { kind: 'deflection', id: d.deflectionId } as const;
  const outcome = await sendOnce(deps, {
    about, key: deflectionSendKey(d.deflectionId, ref.channel), type: 'deflection', channel: ref.channel, plannedFor: null, deferrable: true,
    recheck: async () => undefined,
    compose: async () => {
      if (await isOptedOut(deps, ref.channel, d.recipientPhone)) return { ok: false, errors: [PLAN_REASONS.optedOut] };
      return ok({ to: d.recipientPhone, content: ref.channel === 'whatsapp' ? deflectionWhatsApp(d) : deflectionSms(d) });
    },
  });
  const now = deps.clock.now().toISOString();
  if (outcome.status === 'deferred') return { kind: 'retry', at: outcome.retryAt };
  if (outcome.status === 'sent') {
    await deps.deflections.advance(d.deflectionId, ref.channel === 'whatsapp' ? 'sent' : 'fellBack', { messageId: outcome.providerMessageId, ...(ref.channel === 'sms' ? { reason: d.reason ?? 'whatsapp failed' } : {}) }, now);
    deps.log.info(`deflection ${d.deflectionId}: ${ref.channel} message sent`);
    return { kind: 'done' };
  }
  await deps.deflections.advance(d.deflectionId, 'failed', { reason: outcome.reason }, now);
  deps.log.warn(`deflection ${d.deflectionId}: ${ref.channel} message not sent`);
  return ref.channel === 'whatsapp' && fallsBack(d) && outcome.reason !== PLAN_REASONS.optedOut ? { kind: 'fallback' } : { kind: 'done' };
}

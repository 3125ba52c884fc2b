import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { StoredDeflection } from '../../ports/deflection-store';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';
import type { PublishDeps } from '../events/publish-events';
import type { DeflectionRequest } from './deflection-request';
import { publishTicketEvent } from '../events/publish-ticket-events';

export type AcceptDeflectionDeps = PublishDeps & Pick<AppDeps, 'deflections' | 'tickets' | 'config' | 'randomBytes' | 'log'>;

/** Namespace of ticket IDs derived from deflection IDs (fixed forever: a repeat finds the same ticket). */
const TICKET_NAMESPACE = '0c7b8f6e-4d51-4f0e-9a43-6a1f2b3c9d10';

/** The ticket of a deflection: derived, so a repeated request (or a crash between two writes) opens the same one. */
export const ticketIdFor = (deflectionId: string): string => `T-${uuidv5(deflectionId, TICKET_NAMESPACE)}`;

export type AcceptOutcome =
  | { readonly kind: 'accepted'; readonly deflection: StoredDeflection; readonly repeated: boolean }
  /** The ID was used before by a different request: nothing changed. */
  | { readonly kind: 'conflict'; readonly deflectionId: string };

/** What a repeat must equal: the request as the use case took it (no times). */
const fingerprintOf = (deflectionId: string, request: DeflectionRequest, template: StoredDeflection['template'], fallback: 'sms' | 'none'): string =>
  createHash('sha256').update(JSON.stringify([deflectionId, request.businessPhone, request.recipientPhone, request.teamId, template, fallback, request.metadata])).digest('hex');

/**
 * POST /api/deflections: records the deflection and its ticket (with the IVR's metadata and team),
 * announces the ticket (`ticket.created`), and starts the orchestration that sends the WhatsApp
 * template — so the IVR's answer does not wait for the provider. Idempotent by `deflectionId` (or
 * the Idempotency-Key header; else a fresh ID): the same request again gets the same answer and
 * sends nothing new; the same ID with another request is a conflict, nothing changed. Every step is
 * repeated on a repeat, so a crash between them is made good by the IVR's retry.
 */
export async function acceptDeflection(deps: AcceptDeflectionDeps, workflow: MeetingWorkflow, request: DeflectionRequest, idempotencyKey: string | undefined): Promise<AcceptOutcome> {
  const deflectionId = request.deflectionId ?? idempotencyKey ?? `D-${Buffer.from(deps.randomBytes(16)).toString('hex')}`;
  const template = {
    name: request.template.name ?? deps.config.DEFLECTION_TEMPLATE,
    language: request.template.language ?? deps.config.DEFLECTION_TEMPLATE_LANGUAGE,
    parameters: request.template.parameters,
  };
  const fallback = request.fallback ?? deps.config.DEFLECTION_FALLBACK;
  const fingerprint = fingerprintOf(deflectionId, request, template, fallback);
  const existing = await deps.deflections.get(deflectionId);
  if (existing && existing.fingerprint !== fingerprint) return { kind: 'conflict', deflectionId };
  const now = deps.clock.now().toISOString();
  const ticketId = ticketIdFor(deflectionId);
  const candidate: StoredDeflection = {
    deflectionId, ticketId, fingerprint, businessPhone: request.businessPhone, recipientPhone: request.recipientPhone, template,
    teamId: request.teamId, fallback, status: 'accepted', reason: null, messageId: null, createdAt: existing?.createdAt ?? now, updatedAt: now,
  };
  // The ticket first, with the metadata (only the request has it); then the deflection, which the send reads.
  const ticket = await deps.tickets.open({
    ticketId, deflectionId, customer: request.recipientPhone, businessPhone: request.businessPhone, teamId: request.teamId,
    status: 'open', metadata: { user: { ...request.metadata.user }, ticket: { ...request.metadata.ticket } }, createdAt: candidate.createdAt,
  });
  const { created, deflection } = existing ? { created: false, deflection: existing } : await deps.deflections.create(candidate);
  if (!created && deflection.fingerprint !== fingerprint) return { kind: 'conflict', deflectionId };
  await publishTicketEvent(deps, workflow, 'ticket.created', ticket, { cause: ticket.ticketId, at: ticket.createdAt });
  await workflow.startDeflection({ deflectionId, channel: 'whatsapp' });
  deps.log.info(`deflection ${deflectionId}: ${created ? 'accepted' : 'repeated'}, ticket ${ticketId}`);
  return { kind: 'accepted', deflection, repeated: !created };
}

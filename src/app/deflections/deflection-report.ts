import type { DeliveredEvent, UndeliveredEvent } from '../../ports/inbound';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import type { AppDeps } from '../deps';

export type DeflectionReportDeps = Pick<AppDeps, 'messageIndex' | 'deflections' | 'log'>;

/**
 * What a WhatsApp status event means for a deflection, after the ledger took it: `delivered` (a
 * read one too), or `failed` — and for a number that cannot take WhatsApp (a permanent failure,
 * Meta's 131026 "not on WhatsApp"), the SMS fallback when the deflection allows it. Statuses come in
 * any order and more than once: the deflection only moves forward, and the fallback's orchestration
 * and send key make a second start send nothing.
 */
export async function deflectionReport(deps: DeflectionReportDeps, workflow: MeetingWorkflow, event: DeliveredEvent | UndeliveredEvent): Promise<void> {
  if (event.channel !== 'whatsapp') return;
  const ref = await deps.messageIndex.find(event.providerMessageId);
  if (ref?.about.kind !== 'deflection' || !ref.sendKey.endsWith('|whatsapp')) return;
  const id = ref.about.id;
  if (event.kind === 'delivered') {
    await deps.deflections.advance(id, 'delivered', {}, event.at);
    return;
  }
  const deflection = await deps.deflections.advance(id, 'failed', { reason: event.reason }, event.at);
  if (event.permanent && deflection?.fallback === 'sms' && deflection.status !== 'delivered' && deflection.status !== 'replied') {
    deps.log.info(`deflection ${id}: not deliverable on WhatsApp, falling back to SMS`);
    await workflow.startDeflection({ deflectionId: id, channel: 'sms' });
  }
}

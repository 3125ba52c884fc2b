import type { InboundEvent, InboundHandlers, InboundProvider } from '../../ports/inbound';
import type { AppDeps } from '../deps';
import type { MeetingWorkflow } from '../../ports/meeting-workflow';
import { handleReply, type HandleReplyDeps } from '../replies/handle-reply';
import { applyDeliveryReport } from './delivery-report';
import { deflectionReport, type DeflectionReportDeps } from '../deflections/deflection-report';

export type InboundEventsDeps = HandleReplyDeps & DeflectionReportDeps & Pick<AppDeps, 'ledger' | 'messageIndex' | 'processedEvents' | 'optOuts' | 'replies' | 'clock' | 'log'>;

/** What became of one event (for the webhook's answer and the tests; IDs only). */
export interface InboundEventOutcome {
  readonly eventId: string;
  readonly kind: InboundEvent['kind'];
  readonly outcome: 'applied' | 'duplicate' | 'ignored' | 'unmatched';
}

/** One handler per kind: a new member of the union does not compile until it is handled here. */
function handlers(deps: InboundEventsDeps, workflow: MeetingWorkflow): InboundHandlers<Promise<InboundEventOutcome['outcome']>> {
  return {
    delivered: async (event) => {
      const { outcome } = await applyDeliveryReport(deps, workflow, event);
      await deflectionReport(deps, workflow, event);
      return outcome;
    },
    undelivered: async (event) => {
      const { outcome } = await applyDeliveryReport(deps, workflow, event);
      await deflectionReport(deps, workflow, event);
      return outcome;
    },
    reply: async (event) => {
      const { outcome } = await handleReply(deps, workflow, event);
      return outcome === 'ignored' || outcome === 'unmatched' ? outcome : 'applied';
    },
    // The handshake is answered by the webhook before anything is handled; in a batch it changes nothing.
    validation: async () => 'ignored',
    ignored: async (event) => {
      deps.log.info(`event ${event.eventId}: ${event.type} ignored${event.reason ? ` (${event.reason})` : ''}`);
      return 'ignored';
    },
  };
}

/**
 * Handles a webhook delivery's events in body order, each once per event ID: an ID already recorded is
 * skipped; otherwise the event is handled (idempotently) and only then its ID recorded, so a crash or a
 * storage failure in between makes Event Grid deliver it again, and it is handled again — never lost.
 * Throws on a transient failure (storage, a report that may match a send not yet recorded): the webhook
 * answers 5xx and Event Grid retries the delivery; events handled before it are skipped then.
 */
export async function handleInboundEvents(deps: InboundEventsDeps, provider: InboundProvider, events: readonly InboundEvent[], workflow: MeetingWorkflow): Promise<InboundEventOutcome[]> {
  const table = handlers(deps, workflow);
  const outcomes: InboundEventOutcome[] = [];
  for (const event of events) {
    if (await deps.processedEvents.seen(provider, event.eventId)) {
      outcomes.push({ eventId: event.eventId, kind: event.kind, outcome: 'duplicate' });
      continue;
    }
    const handle = table[event.kind] as (e: InboundEvent) => Promise<InboundEventOutcome['outcome']>;
    const outcome = await handle(event);
    await deps.processedEvents.record(provider, event.eventId, deps.clock.now());
    outcomes.push({ eventId: event.eventId, kind: event.kind, outcome });
  }
  return outcomes;
}

import { InvocationContext, type Timer } from '@azure/functions';
import { webhookConsumer } from '../../../src/app/webhooks/webhook-consumer';
import { domainEvent } from '../../../src/domain/events/domain-event';
import { reconcileTimer } from '../../../src/triggers/reconcile-timer';
import { fakeDeps } from '../../fakes/fake-deps';
import { FakeDeliveryStore } from '../../fakes/fake-delivery-store';
import { FakeSubscriptionStore } from '../../fakes/fake-subscription-store';
import { RecordingWorkflow } from '../../fakes/recording-workflow';

describe('the reconcile timer sweeps pending events', () => {
  test('an event a crash left pending reaches the webhook subscriptions, once', async () => {
    const subscriptions = new FakeSubscriptionStore();
    const deliveries = new FakeDeliveryStore();
    const base = fakeDeps({ subscriptions, deliveries });
    const deps = { ...base, eventConsumers: [webhookConsumer({ clock: base.clock, subscriptions, deliveries })] };
    await subscriptions.create({ id: 's1', notificationUrl: 'https://hooks.example.com/x', events: ['contact.optedOut'], secret: 'whsec_AAAA', createdAt: base.clock.now().toISOString(), createdBy: 'api-key' });
    const event = domainEvent({ type: 'contact.optedOut', cause: 'c1', subject: 'contacts', data: { channel: 'sms', source: 'reply', occurredAt: base.clock.now().toISOString() } }, base.clock.now());
    await deps.eventLog.append(event); // stored, then the process died before its consumers took it
    base.clock.advance(5 * 60_000);
    const workflow = new RecordingWorkflow();
    const run = reconcileTimer({ deps: () => deps, workflow: () => workflow });
    const context = new InvocationContext({ functionName: 'ReconcileMeetings', logHandler: () => undefined });
    await run({} as Timer, context);
    await run({} as Timer, context);
    expect(workflow.deliveries).toEqual([{ eventId: event.id, subscriptionId: 's1' }]);
    expect(deps.eventLog.events.get(event.id)?.dispatchedAt).not.toBeNull();
  });
});

describe('the reconcile timer starts deflections stored without an orchestration', () => {
  test('a deflection accepted minutes ago with no send is started once its send is due; the meetings\' part still runs', async () => {
    const deps = fakeDeps();
    const created = deps.clock.now().toISOString();
    await deps.deflections.create({
      deflectionId: 'D-ORPHAN', ticketId: 'T-1', fingerprint: 'f', businessPhone: '+34910000000', recipientPhone: '+34612345678',
      template: { name: 'continue_chat', language: 'es', parameters: [] }, teamId: null, fallback: 'none', status: 'accepted', reason: null, messageId: null, createdAt: created, updatedAt: created,
    });
    deps.clock.advance(5 * 60_000);
    const workflow = new RecordingWorkflow();
    const logs: unknown[] = [];
    const context = new InvocationContext({ functionName: 'ReconcileMeetings', logHandler: (_level, ...args) => logs.push(...args) });
    await reconcileTimer({ deps: () => deps, workflow: () => workflow })({} as Timer, context);
    expect(workflow.deflections).toEqual([{ deflectionId: 'D-ORPHAN', channel: 'whatsapp' }]);
    expect(logs).toEqual(expect.arrayContaining(['reconcile: 1 accepted deflection(s) checked, 1 started', 'reconcile: 0 scheduled meeting(s) checked, 0 started']));
  });
});

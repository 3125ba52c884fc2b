import { deliverWebhook } from '../../../../src/app/webhooks/deliver-webhook';
import { KeyedLimiter } from '../../../../src/app/webhooks/keyed-limiter';
import { webhookConsumer } from '../../../../src/app/webhooks/webhook-consumer';
import { domainEvent, type DomainEvent } from '../../../../src/domain/events/domain-event';
import type { StoredSubscription } from '../../../../src/ports/subscription-store';
import { fakeDeps } from '../../../fakes/fake-deps';
import { RecordingWorkflow } from '../../../fakes/recording-workflow';

const URL_WITH_SIG = 'https://prod-00.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=SECRET-SIG';
const subscription = (id: string, events: StoredSubscription['events'] = ['meeting.confirmed']): StoredSubscription =>
  ({ id, notificationUrl: URL_WITH_SIG, events, secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`, createdAt: '2026-11-20T08:00:00.000Z', createdBy: 'api-key' });

async function setup(events?: StoredSubscription['events']) {
  const deps = fakeDeps();
  const event: DomainEvent = domainEvent({
    type: 'meeting.confirmed', cause: 'A-1|1|p1', subject: 'meetings/A-1',
    data: { meetingId: 'A-1', contactId: 'C-1', version: 1, status: 'scheduled', attendance: 'confirmed', occurredAt: '2026-11-20T09:00:00.000Z' },
  }, deps.clock.now());
  await deps.eventLog.append(event);
  await deps.subscriptions.create(subscription('s1', events));
  const ref = { eventId: event.id, subscriptionId: 's1' };
  await deps.deliveries.record({ ...ref, eventType: event.type, createdAt: deps.clock.now().toISOString() });
  const limiter = new KeyedLimiter(4);
  return { deps, event, ref, run: () => deliverWebhook(deps, limiter, ref) };
}

describe('deliverWebhook (the delivery activity)', () => {
  test('POSTs the CloudEvent with the event ID as webhook-id and the secret; 2xx → delivered', async () => {
    const { deps, event, ref, run } = await setup();
    deps.webhooks.answer(204);
    expect(await run()).toEqual({ kind: 'done', status: 'delivered' });
    const [request] = deps.webhooks.requests;
    expect(request).toMatchObject({ url: URL_WITH_SIG, webhookId: event.id, secret: expect.stringMatching(/^whsec_/) });
    expect(JSON.parse(request!.body)).toEqual({
      specversion: '1.0', id: event.id, source: 'https://comms.example.com/api', type: 'meeting.confirmed', subject: 'meetings/A-1',
      time: event.time, datacontenttype: 'application/json', data: event.data,
    });
    expect(await deps.deliveries.get('s1', ref.eventId)).toMatchObject({ status: 'delivered', attempts: 1, lastHttpStatus: 204 });
  });

  test('run again after it was delivered (the activity runs at least once): no second POST', async () => {
    const { deps, run } = await setup();
    await run();
    expect(await run()).toEqual({ kind: 'done', status: 'delivered' });
    expect(deps.webhooks.requests).toHaveLength(1);
  });

  test('500, then no answer, then 200: retried 30 s and then 60 s later, always with the same ID', async () => {
    const { deps, event, ref, run } = await setup();
    deps.webhooks.answer(500, 'timeout', 200);
    const t0 = deps.clock.now().getTime();
    expect(await run()).toEqual({ kind: 'retry', at: new Date(t0 + 30_000).toISOString() });
    expect(await deps.deliveries.get('s1', ref.eventId)).toMatchObject({ status: 'retrying', attempts: 1, lastHttpStatus: 500 });
    deps.clock.advance(30_000);
    expect(await run()).toEqual({ kind: 'retry', at: new Date(t0 + 90_000).toISOString() });
    expect(await deps.deliveries.get('s1', ref.eventId)).toMatchObject({ status: 'retrying', attempts: 2, lastHttpStatus: 0 });
    deps.clock.advance(60_000);
    expect(await run()).toEqual({ kind: 'done', status: 'delivered' });
    expect(deps.webhooks.requests.map((r) => r.webhookId)).toEqual([event.id, event.id, event.id]);
    expect(new Set(deps.webhooks.requests.map((r) => r.body)).size).toBe(1);
  });

  test('410 deletes the subscription and stops', async () => {
    const { deps, ref, run } = await setup();
    deps.webhooks.answer(410);
    expect(await run()).toEqual({ kind: 'done', status: 'gone' });
    expect(await deps.subscriptions.get('s1')).toBeUndefined();
    expect(await deps.deliveries.get('s1', ref.eventId)).toMatchObject({ status: 'gone', lastHttpStatus: 410 });
  });

  test('still failing 24 h after the first attempt → failed, no further retry', async () => {
    const { deps, ref, run } = await setup();
    deps.webhooks.answer(...Array<number>(60).fill(503));
    let step = await run();
    let attempts = 1;
    while (step.kind === 'retry') {
      deps.clock.set(step.at);
      step = await run();
      attempts++;
    }
    expect(step).toEqual({ kind: 'done', status: 'failed' });
    const row = await deps.deliveries.get('s1', ref.eventId);
    expect(row).toMatchObject({ status: 'failed', attempts });
    expect(Date.parse(row!.lastAttemptAt!) - Date.parse(row!.firstAttemptAt!)).toBeLessThanOrEqual(24 * 3_600_000);
    expect(attempts).toBeGreaterThan(20);
  });

  test('a subscription deleted meanwhile: nothing is sent, the delivery ends gone', async () => {
    const { deps, ref, run } = await setup();
    await deps.subscriptions.delete('s1');
    expect(await run()).toEqual({ kind: 'done', status: 'gone' });
    expect(deps.webhooks.requests).toHaveLength(0);
    expect((await deps.deliveries.get('s1', ref.eventId))?.status).toBe('gone');
  });

  test('logs name IDs and statuses: never the URL, its signature or the secret', async () => {
    const { deps, run } = await setup();
    deps.webhooks.answer(500);
    await run();
    const logged = JSON.stringify(deps.log);
    expect(logged).toContain('HTTP 500');
    expect(logged).not.toMatch(/SECRET-SIG|logic\.azure\.com|whsec_/);
  });
});

describe('webhookConsumer', () => {
  test('one delivery row and one orchestration per subscription that asked for the type; others untouched', async () => {
    const { deps, event } = await setup();
    await deps.subscriptions.create({ ...subscription('s2', ['meeting.cancelled']), createdAt: '2026-11-20T08:01:00.000Z' });
    await deps.subscriptions.create({ ...subscription('s3', ['meeting.confirmed', 'meeting.cancelled']), createdAt: '2026-11-20T08:02:00.000Z' });
    const workflow = new RecordingWorkflow();
    await webhookConsumer(deps).take(event, workflow);
    expect(workflow.deliveries).toEqual([{ eventId: event.id, subscriptionId: 's1' }, { eventId: event.id, subscriptionId: 's3' }]);
    expect([...deps.deliveries.rows.keys()].sort()).toEqual([`s1|${event.id}`, `s3|${event.id}`]);
  });

  test('the same event again (the sweep after a crash): the rows stay as they are; a delivered one is not started again', async () => {
    const { deps, event, run } = await setup();
    const workflow = new RecordingWorkflow();
    await run();
    await webhookConsumer(deps).take(event, workflow);
    expect(workflow.deliveries).toEqual([]);
    expect((await deps.deliveries.get('s1', event.id))?.status).toBe('delivered');
  });
});

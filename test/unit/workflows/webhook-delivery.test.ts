import { ACTIVITY } from '../../../src/workflows/names';
import { webhookDelivery } from '../../../src/workflows/webhook-delivery';
import { runOrchestrator } from '../../support/orchestration-fake';
import { at, inTurn, script } from './scripts';

const ref = { eventId: 'e1', subscriptionId: 's1' };
const call = { activity: ACTIVITY.deliverWebhook, input: ref, retry: true };

describe('webhookDelivery', () => {
  test('delivered at the first attempt: one activity, no timer', () => {
    const { trace, output } = runOrchestrator(webhookDelivery, script({ deliverWebhook: () => ({ kind: 'done', status: 'delivered' }) }, { input: ref }));
    expect(trace).toEqual([call, { output: 'delivered' }]);
    expect(output).toBe('delivered');
  });

  test('a retry sleeps on a durable timer until the time the activity chose, then attempts again', () => {
    const deliver = inTurn({ kind: 'retry', at: at(0.5) } as const, { kind: 'retry', at: at(1.5) } as const, { kind: 'done', status: 'failed' } as const);
    const { trace } = runOrchestrator(webhookDelivery, script({ deliverWebhook: deliver }, { input: ref }));
    expect(trace).toEqual([call, { timer: at(0.5) }, call, { timer: at(1.5) }, call, { output: 'failed' }]);
  });

  test('a very long run of retries continues as new rather than growing one history without end', () => {
    const { trace } = runOrchestrator(webhookDelivery, script({ deliverWebhook: () => ({ kind: 'retry', at: at(1) }) }, { input: ref, maxYields: 1000 }));
    expect(trace.slice(-2)).toEqual([{ continueAsNew: ref }, { output: 'continued' }]);
  });
});

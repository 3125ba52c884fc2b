import { json, startDevhost, tempDir, type DevhostProcess } from '../../support/devhost-process';

let host: DevhostProcess;
beforeAll(async () => {
  host = await startDevhost({ env: { SAMPLE_LOG_DIR: tempDir('devhost-triggers-log') } });
});
afterAll(async () => {
  await host.stop();
});

const log = async (id: string): Promise<Array<Record<string, unknown>>> => ((await json<string[]>(await fetch(`${host.url}/api/log/${id}`))).map((l) => JSON.parse(l) as Record<string, unknown>));
const advance = (d: string): Promise<Response> => fetch(`${host.url}/dev/clock`, { method: 'POST', body: JSON.stringify({ advance: d }) });

describe('devhost timer triggers on the virtual clock', () => {
  test('an hourly NCRONTAB schedule (from an app setting) runs once per jump, flagged past due when it missed runs', async () => {
    expect(await log('ticks')).toHaveLength(0);
    await advance('PT3H');
    const first = await log('ticks');
    expect(first).toHaveLength(1);
    expect(first[0]?.isPastDue).toBe(true);
    await advance('PT1H');
    const second = await log('ticks');
    expect(second).toHaveLength(2);
    expect(second[1]?.isPastDue).toBe(false);
    // The function read the virtual clock: its "now" is hours ahead of the real one.
    expect(Date.parse(String(second[1]?.at)) - Date.now()).toBeGreaterThan(3 * 3_600_000);
  });
});

describe('devhost Event Grid webhook', () => {
  const hook = (fn: string): string => `${host.url}/runtime/webhooks/EventGrid?functionName=${fn}`;

  test('answers the subscription-validation handshake without running the function', async () => {
    const res = await fetch(hook('OnEvent'), {
      method: 'POST',
      headers: { 'aeg-event-type': 'SubscriptionValidation', 'content-type': 'application/json' },
      body: JSON.stringify([{ id: 'v1', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: { validationCode: 'code-123' }, subject: '', eventTime: new Date().toISOString(), dataVersion: '1' }]),
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ validationResponse: 'code-123' });
    expect(await log('events')).toHaveLength(0);
  });

  test('runs the function once per delivered event', async () => {
    const events = ['e1', 'e2'].map((id) => ({ id, eventType: 'Microsoft.Communication.SMSReceived', subject: 'x', eventTime: new Date().toISOString(), dataVersion: '1', data: { n: id } }));
    const res = await fetch(hook('OnEvent'), { method: 'POST', headers: { 'aeg-event-type': 'Notification' }, body: JSON.stringify(events) });
    expect(res.status).toBe(200);
    expect((await log('events')).map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  test('an unknown function or malformed body is refused', async () => {
    expect((await fetch(hook('Nope'), { method: 'POST', body: '[]' })).status).toBe(404);
    expect((await fetch(hook('OnEvent'), { method: 'POST', body: '{not json' })).status).toBe(400);
  });
});

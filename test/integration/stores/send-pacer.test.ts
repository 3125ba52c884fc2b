import { slotIntervalMs } from '../../../src/domain';
import { TableSendPacer } from '../../../src/adapters/tables/table-send-pacer';
import { useAzurite } from './store-fixtures';

const connectionString = useAzurite();
const NOW = new Date('2026-12-02T09:00:00.000Z');

describe('TableSendPacer (one row per sender, ETag concurrency)', () => {
  test('concurrent reservers through separate clients (as separate instances) never get the same slot, and keep the rate', async () => {
    const instances = Array.from({ length: 4 }, () => new TableSendPacer(connectionString()));
    const slots = await Promise.all(Array.from({ length: 60 }, (_, i) =>
      (instances[i % instances.length] as TableSendPacer).reserve({ sender: 'sms:+18005550100', perMinute: 600, lane: 'normal' }, NOW)));
    const times = slots.map((s) => s.getTime()).sort((a, b) => a - b);
    expect(new Set(times).size).toBe(60);
    expect(times[0]).toBe(NOW.getTime());
    for (let i = 1; i < times.length; i++) expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(Math.floor(slotIntervalMs(600))); // Date keeps whole milliseconds
  });

  test('senders are independent; a 429 hold moves only its sender', async () => {
    const pacer = new TableSendPacer(connectionString());
    await pacer.holdUntil('email:noreply@contoso.com', new Date(NOW.getTime() + 60_000));
    expect((await pacer.reserve({ sender: 'email:noreply@contoso.com', perMinute: 30, lane: 'urgent' }, NOW)).getTime()).toBe(NOW.getTime() + 60_000);
    expect((await pacer.reserve({ sender: 'sms:+18005550199', perMinute: 200, lane: 'normal' }, NOW)).getTime()).toBe(NOW.getTime());
  });

  test('a sender that cannot be a row key is refused without naming it', async () => {
    await expect(new TableSendPacer(connectionString()).reserve({ sender: 'email:a/b', perMinute: 30, lane: 'normal' }, NOW)).rejects.toThrow(/a sender cannot be a Table storage key/);
  });
});

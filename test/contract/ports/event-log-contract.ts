import { domainEvent, type DomainEvent } from '../../../src/domain/events/domain-event';
import type { EventLog } from '../../../src/ports/event-log';

const at = (second: number): Date => new Date(Date.UTC(2026, 10, 5, 10, 0, second));
const unsolicited = (cause: string, second: number): DomainEvent =>
  domainEvent({ type: 'reply.unsolicited', cause, subject: `replies/${cause}`, data: { replyId: cause, channel: 'sms', occurredAt: at(second).toISOString() } }, at(second));

/**
 * What every {@link EventLog} must do, against the fake and the Table adapter. `make` gives an empty
 * log; each test uses its own causes.
 */
export function eventLogContract(make: () => EventLog): void {
  let log: EventLog;
  beforeAll(() => {
    log = make();
  });

  test('an event is stored once by ID and reads back as written', async () => {
    const event = unsolicited('c-1', 1);
    expect(await log.append(event)).toEqual({ appended: true, pending: true });
    expect(await log.append({ ...event, time: at(30).toISOString() })).toEqual({ appended: false, pending: true });
    expect(await log.get(event.id)).toEqual(event);
    expect(await log.get(unsolicited('never', 1).id)).toBeUndefined();
  });

  test('pending events are listed oldest first, before the given time only, up to the limit; dispatched ones no longer', async () => {
    const events = [unsolicited('p-3', 13), unsolicited('p-1', 11), unsolicited('p-2', 12)];
    for (const event of events) await log.append(event);
    const mine = (list: DomainEvent[]) => list.filter((e) => e.cause.startsWith('p-')).map((e) => e.cause);
    expect(mine(await log.pending(at(13), 100))).toEqual(['p-1', 'p-2']);
    expect(mine(await log.pending(at(59), 100))).toEqual(['p-1', 'p-2', 'p-3']);
    const [p1] = events.filter((e) => e.cause === 'p-1');
    if (!p1) throw new Error('p-1 missing');
    await log.markDispatched(p1, at(20));
    await log.markDispatched(p1, at(21));
    expect(mine(await log.pending(at(59), 100))).toEqual(['p-2', 'p-3']);
    expect(await log.append(p1)).toEqual({ appended: false, pending: false });
    // A repeat at another time (a use case retried later) leaves nothing pending behind either.
    expect(await log.append({ ...p1, time: at(40).toISOString() })).toEqual({ appended: false, pending: false });
    expect(mine(await log.pending(at(59), 100))).toEqual(['p-2', 'p-3']);
    expect((await log.pending(at(59), 1)).length).toBe(1);
  });

  test('marking an unknown event dispatched changes nothing', async () => {
    await expect(log.markDispatched(unsolicited('ghost', 1), at(2))).resolves.toBeUndefined();
  });
}

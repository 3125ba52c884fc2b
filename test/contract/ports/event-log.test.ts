import { DOMAIN_EVENTS_TABLE } from '../../../src/adapters/tables/table-client';
import { TableEventLog } from '../../../src/adapters/tables/table-event-log';
import { domainEvent } from '../../../src/domain/events/domain-event';
import { rawTable, useAzurite } from '../../integration/stores/store-fixtures';
import { FakeEventLog } from '../../fakes/fake-event-log';
import { eventLogContract } from './event-log-contract';

const connectionString = useAzurite();

describe('FakeEventLog', () => eventLogContract(() => new FakeEventLog()));
describe('TableEventLog (Azurite)', () => {
  eventLogContract(() => new TableEventLog(connectionString()));

  const event = (cause: string) => domainEvent({ type: 'reply.unsolicited', cause, subject: `replies/${cause}`, data: { channel: 'sms', occurredAt: '2026-11-05T10:00:00.000Z' } }, new Date('2026-11-05T10:00:00Z'));

  test('a marker whose event row was never written (a crash between the two) is cleared by the sweep, not listed', async () => {
    const orphan = event('orphan');
    await rawTable(connectionString(), DOMAIN_EVENTS_TABLE).upsertEntity({ partitionKey: 'pending', rowKey: `${orphan.time}_${orphan.id}`, eventId: orphan.id }, 'Replace');
    const log = new TableEventLog(connectionString());
    expect((await log.pending(new Date('2026-11-06T00:00:00Z'), 100)).map((e) => e.id)).not.toContain(orphan.id);
    const markers: string[] = [];
    for await (const row of rawTable(connectionString(), DOMAIN_EVENTS_TABLE).listEntities({ queryOptions: { filter: "PartitionKey eq 'pending'" } })) markers.push(row.rowKey as string);
    expect(markers.filter((key) => key.endsWith(orphan.id))).toEqual([]);
  });

  test('a corrupt event row is reported by table and ID and skipped by the sweep', async () => {
    const reports: string[] = [];
    const log = new TableEventLog(connectionString(), (error) => reports.push(error.message));
    const bad = event('corrupt');
    await log.append(bad);
    const raw = rawTable(connectionString(), DOMAIN_EVENTS_TABLE);
    await raw.updateEntity({ partitionKey: `e${bad.id.slice(0, 2)}`, rowKey: bad.id, data: '{"channel":42}' }, 'Merge');
    expect((await log.pending(new Date('2026-11-06T00:00:00Z'), 100)).map((e) => e.id)).not.toContain(bad.id);
    expect(reports).toEqual([expect.stringMatching(new RegExp(`DomainEvents: stored row ${bad.id} is corrupt`))]);
  });
});

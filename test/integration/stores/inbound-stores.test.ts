import { TableMessageIndex } from '../../../src/adapters/tables/table-message-index';
import { TableProcessedEvents } from '../../../src/adapters/tables/table-processed-events';
import { useAzurite } from './store-fixtures';

const connectionString = useAzurite();

describe('the message index (Table storage)', () => {
  test('finds what was recorded, for any provider ID (even one with characters Table keys forbid); unknown → undefined', async () => {
    const index = new TableMessageIndex(connectionString());
    await index.record('Outgoing_2026/12#01?x', { about: { kind: 'meeting', id: 'A-1001' }, sendKey: 'A-1001|1|confirmation|sms' });
    await index.record('0f2a', { about: { kind: 'test', id: '6f1c' }, sendKey: 'test|6f1c' });
    await index.record('0f2a', { about: { kind: 'test', id: '6f1c' }, sendKey: 'test|6f1c' });
    expect(await index.find('Outgoing_2026/12#01?x')).toEqual({ about: { kind: 'meeting', id: 'A-1001' }, sendKey: 'A-1001|1|confirmation|sms' });
    expect(await index.find('0f2a')).toEqual({ about: { kind: 'test', id: '6f1c' }, sendKey: 'test|6f1c' });
    expect(await index.find('never-sent')).toBeUndefined();
  });
});

describe('processed inbound events (Table storage)', () => {
  test('an event ID is seen only once recorded, per provider', async () => {
    const events = new TableProcessedEvents(connectionString());
    expect(await events.seen('acs', 'Incoming_1/2')).toBe(false);
    await events.record('acs', 'Incoming_1/2', new Date('2026-12-01T09:00:00.000Z'));
    await events.record('acs', 'Incoming_1/2', new Date('2026-12-01T09:00:01.000Z'));
    expect(await events.seen('acs', 'Incoming_1/2')).toBe(true);
    expect(await events.seen('acs', 'Incoming_1/3')).toBe(false);
  });
});

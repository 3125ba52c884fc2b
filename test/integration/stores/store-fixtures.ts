import { TableClient } from '@azure/data-tables';
import { normaliseMeeting, type MeetingRecord } from '../../../src/domain';
import { startAzurite, type TableStorage } from '../../../devhost/storage';

/**
 * Starts one in-memory Azurite Table server for the calling test file (beforeAll / afterAll) and
 * returns a getter for its connection string.
 */
export function useAzurite(): () => string {
  let storage: TableStorage | undefined;
  beforeAll(async () => {
    storage = await startAzurite({});
  });
  afterAll(async () => {
    await storage?.close();
  });
  return () => {
    if (!storage) throw new Error('Azurite has not started');
    return storage.connectionString;
  };
}

/** A raw client, for writing rows the adapters never would (corrupt ones). */
export function rawTable(connectionString: string, tableName: string): TableClient {
  return TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
}

/** The ScheduleMeeting example of API.md, with another ID. */
function scheduleBody(meetingId: string): Record<string, unknown> {
  return {
    meetingId,
    subject: 'Mortgage review',
    start: '2026-12-03T15:00:00Z',
    end: '2026-12-03T15:30:00Z',
    timeZone: 'Europe/Madrid',
    location: { name: 'Main Street branch', address: '1 Main St, Madrid' },
    online: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc' },
    advisor: { name: 'Ana Pérez', email: 'ana@contoso.com', phone: '+34911234567' },
    contact: { contactId: 'C-77', firstName: 'Bob', lastName: 'Smith', email: 'bob@example.com', phone: '+14255550123', locale: 'en-US', timeZone: 'America/New_York' },
    adminInstructions: 'Bring a photo ID.',
    customerNotes: 'I would like to discuss fixed rates.',
  };
}

/** A valid stored meeting: scheduled, version 1, unless `overrides` say otherwise. */
export function meetingRecord(meetingId: string, overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  const meeting = normaliseMeeting(scheduleBody(meetingId), { defaultLocale: 'en-US' });
  if (!meeting.ok) throw new Error(`fixture meeting is invalid: ${JSON.stringify(meeting.errors)}`);
  return { ...meeting.value, status: 'scheduled', version: 1, versionAt: '2026-11-01T09:00:00.000Z', cancellation: null, ...overrides };
}

/** The same meeting, cancelled through the API. */
export function cancelledRecord(meetingId: string): MeetingRecord {
  return meetingRecord(meetingId, { status: 'cancelled', cancellation: { cancelledAt: '2026-11-02T09:00:00.000Z', source: 'api', reason: null } });
}

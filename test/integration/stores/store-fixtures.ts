import { TableClient } from '@azure/data-tables';
import { normaliseMeeting, type MeetingRecord } from '../../../src/domain';
import { startAzurite, type TableStorage } from '../../../devhost/functions-host/storage';
import { scheduleBody as apiExample } from '../../unit/domain/fixtures';

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

/** The ScheduleMeeting example of API.md (the domain tests' fixture), with another ID. */
const scheduleBody = (meetingId: string): Record<string, unknown> => ({ ...apiExample(), meetingId });

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

import { DEFAULT_SETTINGS, type Meeting, type MeetingRecord, type Settings } from '../../../src/domain';

type Body = Record<string, unknown>;

/** A copy of a body with the field at the dotted `path` set to `value` (`undefined` removes it). */
export const set = (path: string, value: unknown) => (body: Body): Body => {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<Body>((obj, key) => obj[key] as Body, copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
};

/** A valid ScheduleMeeting body, as in API.md. */
export function scheduleBody(): Record<string, unknown> {
  return {
    meetingId: 'A-1001',
    subject: 'Mortgage review',
    start: '2026-12-03T15:00:00Z',
    end: '2026-12-03T15:30:00Z',
    timeZone: 'Europe/Madrid',
    location: { name: 'Main Street branch', address: '1 Main St, Madrid' },
    online: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc' },
    advisor: { name: 'Ana Pérez', email: 'ana@contoso.com', phone: '+34911234567' },
    contact: {
      contactId: 'C-77', firstName: 'Bob', lastName: 'Smith', email: 'bob@example.com', phone: '+14255550123',
      locale: 'en-US', timeZone: 'America/New_York',
    },
    adminInstructions: 'Bring a photo ID.',
    customerNotes: 'I would like to discuss fixed rates.',
  };
}

/** A normalised meeting in New York, 2026-12-03 10:00–10:30 EST. */
export function meeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    meetingId: 'A-1001',
    subject: 'Mortgage review',
    start: '2026-12-03T15:00:00.000Z',
    end: '2026-12-03T15:30:00.000Z',
    timeZone: 'America/New_York',
    location: { name: 'Main Street branch', address: '1 Main St' },
    online: null,
    advisor: { name: 'Ana Pérez', email: 'ana@contoso.com', phone: '+34911234567' },
    contact: {
      contactId: 'C-77', firstName: 'Bob', lastName: 'Smith', email: 'bob@example.com', phone: '+14255550123',
      locale: 'en-US', timeZone: 'America/New_York',
    },
    adminInstructions: 'Bring a photo ID.',
    customerNotes: null,
    ...overrides,
  };
}

/** A scheduled meeting record, version 1, booked on 2026-11-01. */
export function record(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  return { ...meeting(), status: 'scheduled', version: 1, versionAt: '2026-11-01T12:00:00.000Z', cancellation: null, ...overrides };
}

/** Settings with everything turned on (reminder 2 days before at the start's time, late bookings skipped). */
export function allOn(reminder: Partial<Settings['reminder']> = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    enabled: true,
    confirmation: { email: true, sms: true, whatsapp: false, voice: false },
    reminder: { ...DEFAULT_SETTINGS.reminder, email: true, sms: true, ...reminder },
    cancellation: { email: true, sms: true, whatsapp: false, voice: false },
  };
}

/** Wall-clock parts of an instant in a zone, from Intl directly (independent of the code under test). */
export function wallClock(zone: string, epochMs: number): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '??';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

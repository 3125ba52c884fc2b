import { MERGE_FIELD_NAMES, MERGE_FIELDS, buildMergeContext, defaultRepliesSettings, formatDuration, replyHint, type Meeting } from '../../../../src/domain';
import { meeting } from '../fixtures';

const context = (m: Meeting, locale: 'en-US' | 'es-ES', zone: string, cancelLink: string | null = null) =>
  buildMergeContext({ meeting: m, locale, zone, cancelLink, organisationName: 'Contoso Bank' });

describe('buildMergeContext', () => {
  test('fills every declared field and nothing else', () => {
    expect(Object.keys(context(meeting(), 'en-US', 'America/New_York')).sort()).toEqual([...MERGE_FIELD_NAMES].sort());
  });

  test('the declared examples are what the context gives for the sample meeting', () => {
    const m = meeting({ customerNotes: 'I would like to discuss fixed rates.', location: { name: 'Main Street branch', address: '1 Main St, Springfield' }, advisor: { name: 'Ana Pérez', email: 'ana@contoso.com', phone: '+14255550100' } });
    const second = { ...m, subject: 'Pension check-up', start: '2026-12-05T14:30:00.000Z', end: '2026-12-05T15:00:00.000Z' };
    const ctx = buildMergeContext({
      meeting: m, locale: 'en-US', zone: 'America/New_York', cancelLink: MERGE_FIELDS.cancelLink.example, organisationName: 'Contoso Bank',
      replyHint: replyHint('en-US', defaultRepliesSettings()), choices: [m, second],
    });
    for (const name of MERGE_FIELD_NAMES) expect([name, ctx[name]]).toEqual([name, MERGE_FIELDS[name].example]);
  });

  test.each([
    // zone, locale, field, expected — the same instant, 2026-12-03T15:00Z–15:30Z
    ['America/New_York', 'en-US', 'startDate', 'Thursday, December 3, 2026'],
    ['America/New_York', 'en-US', 'startTime', '10:00 AM'],
    ['America/New_York', 'en-US', 'endTime', '10:30 AM'],
    ['America/New_York', 'en-US', 'timeZoneAbbr', 'EST'],
    ['America/New_York', 'en-US', 'timeZoneName', 'Eastern Standard Time'],
    ['America/New_York', 'en-US', 'startDateShort', 'Thu, Dec 3'],
    ['America/New_York', 'en-US', 'startDateNumeric', '12/3/2026'],
    ['Europe/Madrid', 'es-ES', 'startDate', 'jueves, 3 de diciembre de 2026'],
    ['Europe/Madrid', 'es-ES', 'startTime', '16:00'],
    ['Europe/Madrid', 'es-ES', 'timeZoneAbbr', 'CET'],
    ['Europe/Madrid', 'es-ES', 'timeZoneName', 'hora estándar de Europa central'],
    ['Europe/Madrid', 'es-ES', 'startDateNumeric', '3/12/2026'],
    ['Europe/Madrid', 'en-US', 'startTime', '4:00 PM'],
    ['Asia/Kolkata', 'en-US', 'startTime', '8:30 PM'],
    ['Pacific/Chatham', 'en-US', 'startDate', 'Friday, December 4, 2026'], // the recipient's calendar day
    ['Pacific/Chatham', 'en-US', 'startTime', '4:45 AM'],
    ['America/New_York', 'en-US', 'durationMinutes', 30],
    ['America/New_York', 'es-ES', 'durationText', '30 minutos'],
  ] as const)('%s %s: %s = %j', (zone, locale, field, expected) => {
    expect(context(meeting(), locale, zone)[field]).toBe(expected);
  });

  test('summer time shows the summer zone name', () => {
    const summer = meeting({ start: '2026-07-01T14:00:00.000Z', end: '2026-07-01T15:00:00.000Z' });
    expect(context(summer, 'en-US', 'America/New_York')).toMatchObject({ startTime: '10:00 AM', timeZoneAbbr: 'EDT', timeZoneName: 'Eastern Daylight Time' });
  });

  test('no narrow or no-break spaces (they would make an SMS UCS-2)', () => {
    const values = Object.values(context(meeting(), 'en-US', 'America/New_York')).filter((v): v is string => typeof v === 'string');
    expect(values.join(' ')).not.toMatch(/[\u00a0\u202f\u2007]/);
  });

  test('absent values are null, so `{% if %}` works under strict variables', () => {
    const bare = meeting({ location: null, online: null, adminInstructions: null, customerNotes: null, advisor: { name: 'Ana', email: null, phone: null } });
    expect(context(bare, 'en-US', 'America/New_York')).toMatchObject({
      isOnline: false, joinUrl: null, locationName: null, locationAddress: null, adminInstructions: null,
      customerNotes: null, advisorEmail: null, advisorPhone: null, cancelLink: null,
    });
  });

  test.each([
    [{ joinUrl: 'https://teams.microsoft.com/x', createTeamsMeeting: false }, true, 'https://teams.microsoft.com/x'],
    [{ joinUrl: null, createTeamsMeeting: true }, true, null],
    [null, false, null],
  ])('online %j → isOnline %s, joinUrl %s', (online, isOnline, joinUrl) => {
    expect(context(meeting({ online }), 'en-US', 'UTC')).toMatchObject({ isOnline, joinUrl });
  });

  test('advisor phone is shown in international format', () => {
    expect(context(meeting(), 'en-US', 'UTC').advisorPhone).toBe('+34 911 23 45 67');
  });
});

describe('formatDuration', () => {
  test.each([
    [30, 'en-US', '30 minutes'], [1, 'en-US', '1 minute'], [60, 'en-US', '1 hour'], [90, 'en-US', '1 hour and 30 minutes'],
    [120, 'en-US', '2 hours'], [0, 'en-US', '0 minutes'],
    [30, 'es-ES', '30 minutos'], [60, 'es-ES', '1 hora'], [90, 'es-ES', '1 hora y 30 minutos'], [150, 'es-ES', '2 horas y 30 minutos'],
  ] as const)('%i min in %s → %s', (minutes, locale, expected) => {
    expect(formatDuration(minutes, locale)).toBe(expected);
  });
});

import { normaliseMeeting, type FieldError } from '../../../../src/domain';
import { scheduleBody, set } from '../fixtures';

type Body = Record<string, unknown>;
const normalise = (body: unknown) => normaliseMeeting(body, { defaultLocale: 'en-US' });
const errorsOf = (body: unknown): FieldError[] => {
  const result = normalise(body);
  return result.ok ? [] : [...result.errors];
};

describe('normaliseMeeting: the API.md example', () => {
  test('normalises to the stored shape', () => {
    const result = normalise(scheduleBody());
    expect(result).toEqual({
      ok: true,
      value: {
        meetingId: 'A-1001', subject: 'Mortgage review',
        start: '2026-12-03T15:00:00.000Z', end: '2026-12-03T15:30:00.000Z', timeZone: 'Europe/Madrid',
        location: { name: 'Main Street branch', address: '1 Main St, Madrid' },
        online: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc', createTeamsMeeting: false },
        advisor: { name: 'Ana Pérez', email: 'ana@contoso.com', phone: '+34911234567' },
        contact: {
          contactId: 'C-77', firstName: 'Bob', lastName: 'Smith', email: 'bob@example.com', phone: '+14255550123',
          locale: 'en-US', timeZone: 'America/New_York',
        },
        adminInstructions: 'Bring a photo ID.', customerNotes: 'I would like to discuss fixed rates.',
      },
    });
  });
});

describe('normaliseMeeting: normalisation', () => {
  test.each([
    ['phone with spaces and dashes', set('contact.phone', ' +1 (425) 555-0123 '), (v: Body) => (v.contact as Body).phone, '+14255550123'],
    ['advisor phone', set('advisor.phone', '+34 911 23 45 67'), (v: Body) => (v.advisor as Body).phone, '+34911234567'],
    ['start with an offset', set('start', '2026-12-03T16:00:00+01:00'), (v: Body) => v.start, '2026-12-03T15:00:00.000Z'],
    ['start without seconds', set('start', '2026-12-03T15:00Z'), (v: Body) => v.start, '2026-12-03T15:00:00.000Z'],
    ['7-digit fractions (Power Automate utcNow())', set('start', '2026-12-03T15:00:00.0000000Z'), (v: Body) => v.start, '2026-12-03T15:00:00.000Z'],
    ['subject trimmed', set('subject', '  Mortgage review \n'), (v: Body) => v.subject, 'Mortgage review'],
    ['zone capitalisation', set('timeZone', 'europe/madrid'), (v: Body) => v.timeZone, 'Europe/Madrid'],
    ['contact zone defaults to the meeting zone', set('contact.timeZone', undefined), (v: Body) => (v.contact as Body).timeZone, 'Europe/Madrid'],
    ['blank contact zone counts as absent', set('contact.timeZone', ''), (v: Body) => (v.contact as Body).timeZone, 'Europe/Madrid'],
    ['locale defaults to defaultLocale', set('contact.locale', undefined), (v: Body) => (v.contact as Body).locale, 'en-US'],
    ['es → es-ES', set('contact.locale', 'es'), (v: Body) => (v.contact as Body).locale, 'es-ES'],
    ['es-MX → es-ES', set('contact.locale', 'es-MX'), (v: Body) => (v.contact as Body).locale, 'es-ES'],
    ['es_es → es-ES', set('contact.locale', 'es_es'), (v: Body) => (v.contact as Body).locale, 'es-ES'],
    ['unknown locale → defaultLocale', set('contact.locale', 'fr-FR'), (v: Body) => (v.contact as Body).locale, 'en-US'],
    ['empty notes → null', set('customerNotes', '   '), (v: Body) => v.customerNotes, null],
    ['null instructions → null', set('adminInstructions', null), (v: Body) => v.adminInstructions, null],
    ['no location → null', set('location', undefined), (v: Body) => v.location, null],
    ['empty location → null', set('location', { name: '', address: ' ' }), (v: Body) => v.location, null],
    ['address only', set('location', { address: '1 Main St' }), (v: Body) => v.location, { name: null, address: '1 Main St' }],
    ['no online → null', set('online', undefined), (v: Body) => v.online, null],
    ['createTeamsMeeting', set('online', { createTeamsMeeting: true }), (v: Body) => v.online, { joinUrl: null, createTeamsMeeting: true }],
    ['phone only (no email)', set('contact.email', undefined), (v: Body) => (v.contact as Body).email, null],
    ['unknown keys are dropped', set('status', 'whatever'), (v: Body) => 'status' in v, false],
  ])('%s', (_label, change, pick, expected) => {
    const result = normalise(change(scheduleBody()));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(pick(result.value as unknown as Body)).toEqual(expected);
  });

  test('defaultLocale comes from the caller', () => {
    const result = normaliseMeeting(set('contact.locale', undefined)(scheduleBody()), { defaultLocale: 'es-ES' });
    expect(result.ok && result.value.contact.locale).toBe('es-ES');
  });
});

describe('normaliseMeeting: errors name the field', () => {
  test.each([
    ['missing meetingId', set('meetingId', undefined), 'meetingId', /required/],
    ['meetingId with a space', set('meetingId', 'A 1001'), 'meetingId', /A-Z a-z 0-9/],
    ['meetingId with a pipe', set('meetingId', 'A|1'), 'meetingId', /A-Z a-z 0-9/],
    ['meetingId of 101 chars', set('meetingId', 'a'.repeat(101)), 'meetingId', /1–100/],
    ['blank subject', set('subject', '   '), 'subject', /empty/],
    ['subject of 201 chars', set('subject', 'x'.repeat(201)), 'subject', /at most 200/],
    ['subject a number', set('subject', 42), 'subject', /must be a string/],
    ['start without offset', set('start', '2026-12-03T15:00:00'), 'start', /offset/],
    ['start date only', set('start', '2026-12-03'), 'start', /offset/],
    ['start impossible date', set('start', '2026-02-30T15:00:00Z'), 'start', /ISO 8601/],
    ['end before start', set('end', '2026-12-03T14:00:00Z'), 'end', /after start/],
    ['end equal to start', set('end', '2026-12-03T16:00:00+01:00'), 'end', /after start/],
    ['bad time zone', set('timeZone', 'Mars/Olympus'), 'timeZone', /IANA/],
    ['offset is not a zone', set('timeZone', '+01:00'), 'timeZone', /IANA/],
    ['bad contact zone', set('contact.timeZone', 'EST5'), 'contact.timeZone', /IANA/],
    ['bad contact phone', set('contact.phone', '12345'), 'contact.phone', /international format/],
    ['national-format phone', set('contact.phone', '(425) 555-0123'), 'contact.phone', /international format/],
    ['impossible number', set('contact.phone', '+1 000 555 0123'), 'contact.phone', /international format/],
    ['bad advisor phone', set('advisor.phone', '+34 1'), 'advisor.phone', /international format/],
    ['bad contact email', set('contact.email', 'bob@'), 'contact.email', /e-mail/],
    ['bad advisor email', set('advisor.email', 'ana'), 'advisor.email', /e-mail/],
    ['neither email nor phone', (b: Body) => set('contact.phone', undefined)(set('contact.email', '')(b)), 'contact.email', /at least one/],
    ['missing advisor name', set('advisor.name', undefined), 'advisor.name', /required/],
    ['advisor name too long', set('advisor.name', 'n'.repeat(101)), 'advisor.name', /at most 100/],
    ['missing advisor', set('advisor', undefined), 'advisor', /required/],
    ['missing contactId', set('contact.contactId', undefined), 'contact.contactId', /required/],
    ['contactId with spaces around', set('contact.contactId', ' C-77 '), 'contact.contactId', /spaces/],
    ['missing firstName', set('contact.firstName', ''), 'contact.firstName', /empty/],
    ['lastName too long', set('contact.lastName', 'n'.repeat(101)), 'contact.lastName', /at most 100/],
    ['notes too long', set('customerNotes', 'n'.repeat(2001)), 'customerNotes', /at most 2000/],
    ['instructions too long', set('adminInstructions', 'n'.repeat(2001)), 'adminInstructions', /at most 2000/],
    ['http join link', set('online.joinUrl', 'http://teams.microsoft.com/x'), 'online.joinUrl', /https/],
    ['javascript: join link', set('online.joinUrl', 'javascript:alert(1)'), 'online.joinUrl', /https/],
    ['join link too long', set('online.joinUrl', `https://x.example/${'a'.repeat(2000)}`), 'online.joinUrl', /at most 2000/],
    ['joinUrl and createTeamsMeeting', set('online.createTeamsMeeting', true), 'online', /either/],
    ['createTeamsMeeting not boolean', set('online', { createTeamsMeeting: 'yes' }), 'online.createTeamsMeeting', /boolean/],
    ['location a string', set('location', 'Madrid'), 'location', /object/],
  ])('%s → %s', (_label, change, path, message) => {
    const errors = errorsOf(change(scheduleBody()));
    expect(errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test.each([null, [], 'text', 42])('body %j is rejected at the root', (body) => {
    expect(errorsOf(body)).toEqual([{ path: '', message: expect.stringMatching(/object/) }]);
  });

  test('every problem is reported at once', () => {
    const body = set('subject', '')(set('contact.phone', 'nope')(set('timeZone', 'Nowhere')(scheduleBody())));
    expect(errorsOf(body).map((e) => e.path).sort()).toEqual(['contact.phone', 'subject', 'timeZone']);
  });
});

describe('normaliseMeeting: meeting ID from the path (UpdateMeeting)', () => {
  test.each([
    ['body without meetingId takes the path', undefined, 'A-1001', true],
    ['same ID in both', 'A-1001', 'A-1001', true],
    ['different IDs', 'B-2', 'A-1001', false],
  ])('%s', (_label, bodyId, pathMeetingId, ok) => {
    const result = normaliseMeeting(set('meetingId', bodyId)(scheduleBody()), { defaultLocale: 'en-US', pathMeetingId });
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.value.meetingId).toBe(pathMeetingId);
    else expect(result.errors[0]?.path).toBe('meetingId');
  });
});

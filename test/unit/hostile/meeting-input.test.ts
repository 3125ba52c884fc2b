import { meetingRecordSchema, normaliseMeeting, type FieldError } from '../../../src/domain';
import { scheduleBody, set } from '../domain/fixtures';

// Regression tests for issue [2/9]: input a careless client or an attacker sends. Each row was
// accepted (or silently changed) before the fix; each must now be refused with 400 naming the field.

const errorsOf = (body: unknown): FieldError[] => {
  const result = normaliseMeeting(body, { defaultLocale: 'en-US' });
  return result.ok ? [] : [...result.errors];
};

describe('instants outside 1900–2999 (poison meetings)', () => {
  test.each([
    ['year -1', 'start', '-000001-01-01T00:00:00Z'],
    ['year 10000', 'end', '+010000-01-01T00:00:00Z'],
    ['year 1899', 'start', '1899-12-31T23:59:59Z'],
    ['year 3000', 'end', '3000-01-01T00:00:00Z'],
  ])('%s is refused, naming the field', (_name, field, value) => {
    expect(errorsOf(set(field, value)(scheduleBody()))).toEqual(expect.arrayContaining([expect.objectContaining({ path: field, message: expect.stringMatching(/between 1900-01-01 and 2999-12-31|ISO 8601/) })]));
  });

  test('the edges of the range are accepted, and what is accepted is readable as a stored record', () => {
    const body = set('end', '2999-12-31T23:59:59Z')(set('start', '1900-01-01T00:00:00Z')(scheduleBody()));
    const result = normaliseMeeting(body, { defaultLocale: 'en-US' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const record = { ...result.value, status: 'scheduled', version: 1, versionAt: '2026-11-01T00:00:00.000Z', cancellation: null };
    expect(meetingRecordSchema.safeParse(JSON.parse(JSON.stringify(record))).success).toBe(true);
  });
});

describe('offsets', () => {
  test.each(['2026-12-03T15:00:00+25:00', '2026-12-03T15:00:00+15:00', '2026-12-03T15:00:00+01:60', '2026-12-03T15:00:00-99'])('%s is refused', (value) => {
    expect(errorsOf(set('start', value)(scheduleBody()))).toEqual([expect.objectContaining({ path: 'start' })]);
  });

  test.each([['+14:00', '2026-12-03T01:00:00.000Z'], ['-12:00', '2026-12-04T03:00:00.000Z'], ['+0530', '2026-12-03T09:30:00.000Z']])('%s is a real offset', (offset, utc) => {
    const result = normaliseMeeting(set('end', '2026-12-05T00:00:00Z')(set('start', `2026-12-03T15:00:00${offset}`)(scheduleBody())), { defaultLocale: 'en-US' });
    expect(result.ok && result.value.start).toBe(utc);
  });
});

describe('characters no field may carry', () => {
  test.each([
    ['NUL in the subject', 'subject', 'Mortgage\u0000review'],
    ['right-to-left override in the first name', 'contact.firstName', 'Bob\u202Etxt.exe'],
    ['zero-width space in the advisor name', 'advisor.name', 'Ana\u200BPérez'],
    ['BOM inside the place name', 'location.name', 'Main\uFEFF Street'],
    ['a lone surrogate in the last name', 'contact.lastName', 'Smith\uD800'],
    ['CRLF in the subject (header injection)', 'subject', 'Review\r\nBcc: x@example.com'],
    ['a newline in a name', 'contact.firstName', 'Bob\nSmith'],
    ['ESC in the customer notes', 'customerNotes', 'see \u001b[31m'],
    ['a control character in the contact ID', 'contact.contactId', 'C-77\u0007'],
  ])('%s → 400 naming %s', (_name, path, value) => {
    expect(errorsOf(set(path, value)(scheduleBody()))).toEqual([expect.objectContaining({ path })]);
  });

  test('multi-line fields keep their lines (CRLF becomes LF), tabs too', () => {
    const result = normaliseMeeting(set('adminInstructions', 'Bring:\r\n\t- a photo ID\r\n\t- your contract')(scheduleBody()), { defaultLocale: 'en-US' });
    expect(result.ok && result.value.adminInstructions).toBe('Bring:\n\t- a photo ID\n\t- your contract');
  });

  test('letters of any script, emoji and accents are fine', () => {
    const result = normaliseMeeting(set('contact.firstName', 'Zoë 李 🙂 Ørsted')(scheduleBody()), { defaultLocale: 'en-US' });
    expect(result.ok).toBe(true);
  });
});

describe('lenient normalisation', () => {
  test('a phone number with an extension is refused, not trimmed', () => {
    expect(errorsOf(set('contact.phone', '+1 (425) 555-0123 ext. 9')(scheduleBody()))).toEqual([expect.objectContaining({ path: 'contact.phone', message: expect.stringContaining('extension') })]);
  });

  test.each(['__proto__', 'constructor', 'en US', 'x', '<script>'])('locale %s is refused, naming contact.locale', (locale) => {
    expect(errorsOf(set('contact.locale', locale)(scheduleBody()))).toEqual([expect.objectContaining({ path: 'contact.locale' })]);
  });

  test('a well-formed locale we have no templates for still falls back to the default', () => {
    const result = normaliseMeeting(set('contact.locale', 'fr-FR')(scheduleBody()), { defaultLocale: 'es-ES' });
    expect(result.ok && result.value.contact.locale).toBe('es-ES');
  });
});

import { meetingRecordSchema, meetingSchema, normaliseMeeting } from '../../../../src/domain';
import { record, scheduleBody } from '../fixtures';

describe('stored meeting schemas', () => {
  test.each([
    ['the API.md example', scheduleBody()],
    ['a minimal body', { ...scheduleBody(), location: undefined, online: undefined, adminInstructions: '', customerNotes: null, contact: { contactId: 'C-1', firstName: 'Bo', phone: '+14255550123' } }],
  ])('a normalised meeting (%s) is a valid stored meeting', (_label, body) => {
    const result = normaliseMeeting(body, { defaultLocale: 'es-ES' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(meetingSchema.safeParse(result.value).success).toBe(true);
  });

  test.each([
    ['a scheduled record', record(), true],
    ['a cancelled record with its cancellation', record({ status: 'cancelled', cancellation: { cancelledAt: '2026-11-02T00:00:00.000Z', source: 'sms', reason: null } }), true],
    ['cancelled without a cancellation', record({ status: 'cancelled' }), false],
    ['scheduled with a cancellation', record({ cancellation: { cancelledAt: '2026-11-02T00:00:00.000Z', source: 'api', reason: null } }), false],
    ['version 0', record({ version: 0 }), false],
    ['an unknown cancellation source', { ...record({ status: 'cancelled' }), cancellation: { cancelledAt: '2026-11-02T00:00:00.000Z', source: 'fax', reason: null } }, false],
    ['a local (offset-less) start', record({ start: '2026-12-03T15:00:00' }), false],
    ['an unsupported locale', { ...record(), contact: { ...record().contact, locale: 'fr-FR' } }, false],
  ])('%s → valid %s', (_label, candidate, valid) => {
    expect(meetingRecordSchema.safeParse(candidate).success).toBe(valid);
  });
});

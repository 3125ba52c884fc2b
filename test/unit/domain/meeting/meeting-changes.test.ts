import { compareMeetings, type Meeting } from '../../../../src/domain';
import { meeting } from '../fixtures';

const withContact = (contact: Partial<Meeting['contact']>) => (m: Meeting): Meeting => ({ ...m, contact: { ...m.contact, ...contact } });
const with_ = (patch: Partial<Meeting>) => (m: Meeting): Meeting => ({ ...m, ...patch });

describe('compareMeetings', () => {
  test.each([
    ['nothing', with_({}), 'none', []],
    ['same start written with an offset', with_({ start: '2026-12-03T10:00:00-05:00' }), 'none', []],
    ['start', with_({ start: '2026-12-03T16:00:00.000Z' }), 'versioned', ['start']],
    ['end', with_({ end: '2026-12-03T16:00:00.000Z' }), 'versioned', ['end']],
    ['meeting zone', with_({ timeZone: 'Europe/Madrid' }), 'versioned', ['timeZone']],
    ['location name', with_({ location: { name: 'Other branch', address: '1 Main St' } }), 'versioned', ['location.name']],
    ['location removed', with_({ location: null }), 'versioned', ['location.name', 'location.address']],
    ['online link added', with_({ online: { joinUrl: 'https://teams.microsoft.com/x', createTeamsMeeting: false } }), 'versioned', ['online.joinUrl', 'online.createTeamsMeeting']],
    ['contact email', withContact({ email: 'new@example.com' }), 'versioned', ['contact.email']],
    ['contact phone', withContact({ phone: '+14255550199' }), 'versioned', ['contact.phone']],
    ['contact zone', withContact({ timeZone: 'America/Chicago' }), 'versioned', ['contact.timeZone']],
    ['contact locale', withContact({ locale: 'es-ES' }), 'versioned', ['contact.locale']],
    ['subject', with_({ subject: 'Loan review' }), 'content', ['subject']],
    ['instructions', with_({ adminInstructions: null }), 'content', ['adminInstructions']],
    ['customer notes', with_({ customerNotes: 'Call me' }), 'content', ['customerNotes']],
    ['advisor', with_({ advisor: { name: 'Luis', email: null, phone: null } }), 'content', ['advisor.name', 'advisor.email', 'advisor.phone']],
    ['contact first name', withContact({ firstName: 'Robert' }), 'content', ['contact.firstName']],
    ['subject and start', with_({ subject: 'Loan review', start: '2026-12-03T14:00:00.000Z' }), 'versioned', ['start', 'subject']],
  ] as const)('%s → %s', (_label, change, kind, changed) => {
    const before = meeting();
    const result = compareMeetings(before, change(before));
    expect(result).toEqual({ kind, bumpsVersion: kind === 'versioned', changed });
  });
});

import type { SupportedLocale } from '../locale';
import type { Meeting } from '../meeting/meeting-schema';

const EN_US: Meeting = {
  meetingId: 'SAMPLE-1',
  subject: 'Mortgage review',
  start: '2026-12-03T15:00:00.000Z',
  end: '2026-12-03T15:30:00.000Z',
  timeZone: 'America/New_York',
  location: { name: 'Main Street branch', address: '1 Main St, Springfield' },
  online: null,
  advisor: { name: 'Ana Pérez', email: 'ana@contoso.com', phone: '+14255550100' },
  contact: {
    contactId: 'C-SAMPLE', firstName: 'Bob', lastName: 'Smith', email: 'bob@example.com', phone: '+14255550123',
    locale: 'en-US', timeZone: 'America/New_York',
  },
  adminInstructions: 'Bring a photo ID.',
  customerNotes: 'I would like to discuss fixed rates.',
};

const ES_ES: Meeting = {
  ...EN_US,
  subject: 'Consulta hipotecaria',
  timeZone: 'Europe/Madrid',
  location: { name: 'Oficina Calle Mayor', address: 'Calle Mayor 1, 28013 Madrid' },
  advisor: { name: 'Ana Pérez', email: 'ana@contoso.com', phone: '+34911234567' },
  contact: {
    contactId: 'C-SAMPLE', firstName: 'Carmen', lastName: 'Ruiz', email: 'carmen@example.com', phone: '+34600123456',
    locale: 'es-ES', timeZone: 'Europe/Madrid',
  },
  adminInstructions: 'Traiga su DNI.',
  customerNotes: 'Me gustaría hablar de tipos fijos.',
};

/** Typical sample data for template previews, per locale (an in-person meeting with every field set). */
export const SAMPLE_MEETINGS: Readonly<Record<SupportedLocale, Meeting>> = { 'en-US': EN_US, 'es-ES': ES_ES };

/** The sample meeting for a locale, as an online Teams meeting. */
export function onlineSampleMeeting(locale: SupportedLocale): Meeting {
  return {
    ...SAMPLE_MEETINGS[locale],
    location: null,
    online: { joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_SAMPLE%40thread.v2/0', createTeamsMeeting: false },
  };
}

/** The least a valid meeting carries: no location, no online link, no notes, no advisor contact, no last name. */
export function minimalSampleMeeting(locale: SupportedLocale): Meeting {
  const sample = SAMPLE_MEETINGS[locale];
  return {
    ...sample,
    location: null,
    online: null,
    advisor: { name: sample.advisor.name, email: null, phone: null },
    contact: { ...sample.contact, lastName: null, phone: null },
    adminInstructions: null,
    customerNotes: null,
  };
}

/**
 * Two meetings of one customer, for previews and trial renders of `replyWhich`: the locale's sample
 * (or the meeting given) and a second one two days later.
 */
export function sampleChoices(locale: SupportedLocale, first: Meeting = SAMPLE_MEETINGS[locale]): Meeting[] {
  const second: Meeting = {
    ...SAMPLE_MEETINGS[locale],
    meetingId: 'SAMPLE-2',
    subject: locale === 'es-ES' ? 'Plan de pensiones' : 'Pension check-up',
    start: '2026-12-05T14:30:00.000Z',
    end: '2026-12-05T15:00:00.000Z',
  };
  return [first, second];
}

/** Organisation name used with the sample data. */
export const SAMPLE_ORGANISATION = 'Contoso Bank';

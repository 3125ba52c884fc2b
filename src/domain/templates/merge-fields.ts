import { linkPageUrl } from '../links/link-route';

/** The value kinds a merge field can have; `optional-text` is `null` when the meeting has no value. */
export type MergeFieldKind = 'text' | 'optional-text' | 'number' | 'boolean';

/** Declaration of one merge field. */
export interface MergeFieldSpec {
  readonly kind: MergeFieldKind;
  readonly description: string;
  /** Example value in en-US for the sample meeting (docs and preview). */
  readonly example: string | number | boolean | null;
}

/**
 * Every merge field a template may use: the ONE list. The context builder must fill each (the type
 * below makes the compiler check it), template validation rejects anything else, and docs/domain.md
 * documents each one (a test checks that). Absent values are `null`, so `{% if locationName %}` works
 * under strict variables while a misspelt name is an error.
 */
export const MERGE_FIELDS = {
  organisationName: { kind: 'text', description: 'Name of the institution sending the message', example: 'Contoso Bank' },
  subject: { kind: 'text', description: 'Meeting subject', example: 'Mortgage review' },
  startDate: { kind: 'text', description: 'Start date, long form, in the recipient’s locale and zone', example: 'Thursday, December 3, 2026' },
  startDateShort: { kind: 'text', description: 'Start date with abbreviated weekday and month (SMS)', example: 'Thu, Dec 3' },
  startDateNumeric: { kind: 'text', description: 'Start date in numbers, locale order', example: '12/3/2026' },
  startTime: { kind: 'text', description: 'Start time in the recipient’s locale and zone', example: '10:00 AM' },
  endTime: { kind: 'text', description: 'End time in the recipient’s locale and zone', example: '10:30 AM' },
  timeZoneName: { kind: 'text', description: 'The recipient’s zone, long name at the meeting date', example: 'Eastern Standard Time' },
  timeZoneAbbr: { kind: 'text', description: 'The recipient’s zone, short name at the meeting date', example: 'EST' },
  startSpoken: { kind: 'text', description: 'Start date and time phrased to be spoken, in the recipient’s locale and zone (voice)', example: 'Thursday, December 3rd at 10 AM' },
  durationMinutes: { kind: 'number', description: 'Length of the meeting in minutes', example: 30 },
  durationText: { kind: 'text', description: 'Length of the meeting in words, in the recipient’s locale', example: '30 minutes' },
  isOnline: { kind: 'boolean', description: 'Whether the meeting is online (Teams)', example: false },
  joinUrl: { kind: 'optional-text', description: 'Online meeting join link', example: null },
  locationName: { kind: 'optional-text', description: 'Name of the place', example: 'Main Street branch' },
  locationAddress: { kind: 'optional-text', description: 'Address of the place', example: '1 Main St, Springfield' },
  advisorName: { kind: 'text', description: 'Advisor’s name', example: 'Ana Pérez' },
  advisorEmail: { kind: 'optional-text', description: 'Advisor’s email address', example: 'ana@contoso.com' },
  advisorPhone: { kind: 'optional-text', description: 'Advisor’s phone, international format', example: '+1 425 555 0100' },
  contactFirstName: { kind: 'text', description: 'Customer’s first name', example: 'Bob' },
  contactLastName: { kind: 'optional-text', description: 'Customer’s last name', example: 'Smith' },
  adminInstructions: { kind: 'optional-text', description: 'Instructions from the institution', example: 'Bring a photo ID.' },
  customerNotes: { kind: 'optional-text', description: 'The customer’s own notes', example: 'I would like to discuss fixed rates.' },
  cancelLink: { kind: 'optional-text', description: 'Link to cancel (null in cancellation notices and replyCancelled)', example: linkPageUrl('https://comms.contoso.com', 'q1w2e3r4t5y6u7i8o9p0aZ') },
  replyHint: {
    kind: 'optional-text',
    description: 'What the customer may reply, built-in and the institution’s keywords (confirmation, reminder and replyHelp SMS with replies enabled; null otherwise)',
    example: 'Reply YES to confirm, NO to cancel or RESCHEDULE for a new time.',
  },
  meetingChoices: {
    kind: 'optional-text',
    description: 'The meetings a reply could be about, numbered, one per line (replyWhich; null in other messages)',
    example: '1 = Thu, Dec 3 10:00 AM Mortgage review\n2 = Sat, Dec 5 9:30 AM Pension check-up',
  },
} as const satisfies Record<string, MergeFieldSpec>;

/** The name of a merge field. */
export type MergeFieldName = keyof typeof MERGE_FIELDS;

/** The names of all merge fields, in declaration order. */
export const MERGE_FIELD_NAMES = Object.keys(MERGE_FIELDS) as MergeFieldName[];

type ValueOf<K extends MergeFieldKind> = K extends 'text' ? string : K extends 'optional-text' ? string | null : K extends 'number' ? number : boolean;

/** The values handed to a template: one per declared field, none missing, none extra. */
export type MergeContext = { readonly [N in MergeFieldName]: ValueOf<(typeof MERGE_FIELDS)[N]['kind']> };

/** Whether `name` is a declared merge field. */
export function isMergeField(name: string): name is MergeFieldName {
  return Object.prototype.hasOwnProperty.call(MERGE_FIELDS, name);
}

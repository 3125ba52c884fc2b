import type { FieldText, FieldTexts } from './field-texts';
import { LOCALES_TEXT } from './texts-common';

const START: FieldText = { summary: 'Start', description: '', visibility: 'important', format: 'date-time' };
const END: FieldText = { summary: 'End', description: '', visibility: 'important', format: 'date-time' };
const LOCATION: FieldText = {
  summary: 'Location',
  description: '',
  fields: {
    name: { summary: 'Location name', description: 'The place, e.g. Main Street branch.' },
    address: { summary: 'Location address', description: 'The street address of the place.' },
  },
};
const ONLINE: FieldText = {
  summary: 'Online meeting',
  description: '',
  fields: {
    joinUrl: { summary: 'Join link', description: 'The https link the customer uses to join, e.g. a Microsoft Teams meeting link.' },
    createTeamsMeeting: {
      summary: 'Create a Teams meeting',
      description: 'Yes to have the service create the Microsoft Teams meeting (instead of giving a join link).',
      visibility: 'advanced',
    },
  },
};
const CONTACT_NAMES: FieldTexts = {
  contactId: { summary: 'Contact ID', description: 'Your ID of the customer, e.g. the Dynamics 365 contact ID. A portal cancelling for this customer must give the same ID.', visibility: 'important' },
  firstName: { summary: 'Contact first name', description: 'The customer\'s first name, used in the greeting.', visibility: 'important' },
  lastName: { summary: 'Contact last name', description: 'The customer\'s last name.' },
  email: { summary: 'Contact email', description: 'Where email messages go.', visibility: 'important' },
};

/** Texts of the ScheduleMeeting / UpdateMeeting body (and of the stored meeting GetMeeting returns). */
export const MEETING_FIELDS: FieldTexts = {
  meetingId: {
    summary: 'Meeting ID',
    description: 'Your unique ID for the meeting, e.g. the Dynamics 365 appointment ID: 1–100 characters of A-Z a-z 0-9 - _ . Sending the same ID again updates that meeting.',
    visibility: 'important',
  },
  subject: { summary: 'Subject', description: 'What the meeting is about, as the customer will read it (at most 200 characters).', visibility: 'important' },
  start: { ...START, description: 'When the meeting starts: an ISO 8601 date and time with an offset, e.g. 2026-12-03T15:00:00Z.' },
  end: { ...END, description: 'When the meeting ends (after the start), ISO 8601 with an offset.' },
  timeZone: {
    summary: 'Time zone',
    description: 'The IANA time zone the meeting is held in, e.g. Europe/Madrid. Messages show times in the contact\'s zone, which defaults to this one.',
    visibility: 'important',
  },
  location: { ...LOCATION, description: 'Where the meeting takes place; leave empty for an online meeting.' },
  online: { ...ONLINE, description: 'How to join online; leave empty for an in-person meeting.' },
  advisor: {
    summary: 'Advisor',
    description: 'The person the customer meets.',
    fields: {
      name: { summary: 'Advisor name', description: 'The advisor\'s name as the customer will read it.', visibility: 'important' },
      email: { summary: 'Advisor email', description: 'The advisor\'s email address, shown in the messages.' },
      phone: { summary: 'Advisor phone', description: 'The advisor\'s phone number in international format, e.g. +34911234567.' },
    },
  },
  contact: {
    summary: 'Contact',
    description: 'The customer who receives the messages. Give an email address, a mobile number, or both.',
    fields: {
      ...CONTACT_NAMES,
      phone: { summary: 'Contact mobile', description: 'Where SMS messages go: a mobile number in international format, e.g. +14255550123.', visibility: 'important' },
      locale: {
        summary: 'Contact language',
        description: `The language of the customer's messages, e.g. ${LOCALES_TEXT}. Defaults to the settings' default language.`,
        visibility: 'advanced',
      },
      timeZone: {
        summary: 'Contact time zone',
        description: 'The IANA time zone the customer lives in, for the times shown in messages. Defaults to the meeting\'s time zone.',
        visibility: 'advanced',
      },
    },
  },
  adminInstructions: {
    summary: 'Instructions for the customer',
    description: 'What the customer should know or bring, e.g. "Bring a photo ID." Shown in every message.',
    visibility: 'advanced',
  },
  customerNotes: { summary: 'Customer notes', description: 'What the customer wrote when booking, repeated back to them in the confirmation.', visibility: 'advanced' },
};

const { meetingId: _meetingId, ...MEETING_FIELDS_WITHOUT_ID } = MEETING_FIELDS;

/** Texts of the UpdateMeeting body: the meeting ID comes from the path. */
export const MEETING_UPDATE_FIELDS: FieldTexts = MEETING_FIELDS_WITHOUT_ID;

const STATUS = { summary: 'Status', description: 'scheduled, cancelled (final) or completed (final, after the meeting).' };
const VERSION = { summary: 'Version', description: 'Starts at 1 and goes up each time the time, place, join link or the contact\'s address changes.' };

/** Texts of the 202 answer of ScheduleMeeting / UpdateMeeting. */
export const MEETING_ACCEPTED_FIELDS: FieldTexts = {
  meetingId: { summary: 'Meeting ID', description: 'The meeting\'s ID.' },
  status: STATUS,
  version: VERSION,
};

/** Texts of one communication of a meeting. */
const COMMUNICATION_FIELDS: FieldTexts = {
  type: { summary: 'Message type', description: 'confirmation, reminder or cancellation.' },
  channel: { summary: 'Channel', description: 'email, sms or voice.' },
  version: { summary: 'Meeting version', description: 'The version of the meeting the message is about.' },
  status: { summary: 'Message status', description: 'planned, skipped (with the reason), sent, delivered or failed (with the reason).' },
  plannedFor: { summary: 'Planned for', description: 'When the message is (or was) due, ISO 8601 UTC; empty when skipped.' },
  sentAt: { summary: 'Sent at', description: 'When the message was handed to the provider, ISO 8601 UTC; empty until sent.' },
  reason: { summary: 'Reason', description: 'Why the message was skipped or failed; empty otherwise.' },
  outcome: { summary: 'Call outcome', description: 'Voice only: ringing, inCall, confirmed, cancelled, connected, ended, noInput, hungUp, noAnswer, busy, declined, failed or unknown.' },
  attempt: { summary: 'Call attempt', description: 'Voice only: 1, or 2 after a retry of a busy or unanswered call.' },
  retryAt: { summary: 'Call again at', description: 'Voice only: when a busy or unanswered call is tried again; empty otherwise.' },
};

const nullable = (text: string): string => `${text} Empty when not given.`;

/** Texts of GetMeeting's answer: the stored meeting (optional values are null) and its state. */
export const MEETING_VIEW_FIELDS: FieldTexts = {
  ...MEETING_FIELDS,
  start: { ...START, description: 'When the meeting starts, ISO 8601 UTC.' },
  end: { ...END, description: 'When the meeting ends, ISO 8601 UTC.' },
  location: { ...LOCATION, description: nullable('Where the meeting takes place.') },
  online: { ...ONLINE, description: nullable('How to join online.') },
  contact: {
    summary: 'Contact',
    description: 'The customer who receives the messages.',
    fields: {
      ...CONTACT_NAMES,
      phone: { summary: 'Contact mobile', description: 'The customer\'s mobile number in E.164 format, e.g. +14255550123.' },
      locale: { summary: 'Contact language', description: 'The language the customer\'s messages are written in.' },
      timeZone: { summary: 'Contact time zone', description: 'The IANA time zone the customer\'s messages show times in.' },
    },
  },
  status: STATUS,
  version: VERSION,
  cancellation: {
    summary: 'Cancellation',
    description: 'How the meeting was cancelled; empty unless the status is cancelled.',
    fields: {
      cancelledAt: { summary: 'Cancelled at', description: 'When the cancellation was recorded, ISO 8601 UTC.' },
      source: { summary: 'Cancelled through', description: 'portal (a customer\'s token), link (the customer\'s link), sms, whatsapp or voice (a reply), api (a flow or admin with the API key; older portal cancels too) or external (another system; no notice sent).' },
      reason: { summary: 'Cancellation reason', description: 'The reason given, if any.' },
    },
  },
  reminderEmailSent: { summary: 'Reminder email sent', description: 'Whether the email reminder has been sent.' },
  reminderSmsSent: { summary: 'Reminder SMS sent', description: 'Whether the SMS reminder has been sent.' },
  reminderVoiceSent: { summary: 'Reminder call placed', description: 'Whether the reminder call has been placed.' },
  attendance: { summary: 'Attendance', description: 'What the customer answered by SMS: unknown, confirmed, declined or rescheduleRequested.' },
  cancelledBy: { summary: 'Cancelled by', description: 'Where the cancellation came from (portal, link, sms, whatsapp, voice, api, external); empty unless cancelled.' },
  replies: {
    summary: 'Replies',
    description: 'Every reply the customer sent about this meeting (no text).',
    fields: {
      receivedAt: { summary: 'Received at', description: 'When the reply arrived, ISO 8601 UTC.' },
      channel: { summary: 'Reply channel', description: 'sms.' },
      intent: { summary: 'Reply meaning', description: 'confirm, cancel, reschedule, stop, help or unknown.' },
      outcome: { summary: 'Reply outcome', description: 'What it did: confirmed, cancelled, rescheduleRequested, which, help, noMatch, optedOut or superseded.' },
    },
  },
  prompts: {
    summary: 'Prompts',
    description: 'The questions this meeting\'s SMS asked, and how each ended.',
    fields: {
      channel: { summary: 'Prompt channel', description: 'sms.' },
      sendKey: { summary: 'Asked by', description: 'The send key of the message that asked.' },
      openedAt: { summary: 'Opened at', description: 'When the message was sent, ISO 8601 UTC.' },
      closesAt: { summary: 'Closes at', description: 'When it stops waiting for an answer, ISO 8601 UTC.' },
      outcome: { summary: 'Prompt outcome', description: 'open, confirmed, cancelled, rescheduleRequested, noMatch, timeout, optedOut or superseded.' },
    },
  },
  communications: { summary: 'Communications', description: 'Every message of this meeting: sent, planned or skipped.', fields: COMMUNICATION_FIELDS },
};

/** Texts of the CancelMeeting body. */
export const CANCEL_REQUEST_FIELDS: FieldTexts = {
  source: {
    summary: 'Cancelled in',
    description: 'external when the meeting was cancelled in another system, e.g. Dynamics 365 or Outlook: pending messages stop and no notice is sent. Leave empty (or api) when a portal cancels for a signed-in customer.',
    visibility: 'important',
  },
  contactId: { summary: 'Contact ID', description: 'The customer the meeting belongs to; required unless the source is external.', visibility: 'important' },
  reason: { summary: 'Reason', description: 'Why the meeting was cancelled (at most 500 characters).' },
};

/** Texts of CancelMeeting's answer. */
export const CANCEL_RESULT_FIELDS: FieldTexts = {
  meetingId: { summary: 'Meeting ID', description: 'The meeting\'s ID.' },
  status: { summary: 'Status', description: 'Always cancelled.' },
};

import type { FieldText, FieldTexts } from './field-texts';
import { LOCALES_TEXT } from './texts-common';
import { MEETING_FIELDS } from './texts-meeting';
import { REPLIES_FIELDS, TEMPLATE_TYPES_TEXT } from './texts-replies';

const toggles = (what: string): FieldTexts => ({
  email: { summary: `${what} by email`, description: `Send the ${what.toLowerCase()} by email.` },
  sms: { summary: `${what} by SMS`, description: `Send the ${what.toLowerCase()} by SMS.` },
  whatsapp: { summary: `${what} by WhatsApp`, description: `Send the ${what.toLowerCase()} by WhatsApp (its approved template, with buttons). Optional: off when left out.` },
  voice: { summary: `${what} by phone call`, description: `Call the customer and speak the ${what.toLowerCase()} (keypad menu). Optional: off when left out.` },
});

const voiceChoice = (locale: string, female: string, male: string): FieldTexts[string] => ({
  summary: `${locale} voice`, description: `The neural voice calls in ${locale} speak with.`,
  fields: {
    gender: { summary: 'Voice gender', description: 'female or male: which of the two voices below speaks.' },
    female: { summary: 'Female voice', description: `An Azure AI Speech neural voice of ${locale}, e.g. ${female}.` },
    male: { summary: 'Male voice', description: `An Azure AI Speech neural voice of ${locale}, e.g. ${male}.` },
  },
});

/** Texts of the settings document (UpdateSettings body; PatchSettings takes any subset). */
export const SETTINGS_FIELDS: FieldTexts = {
  enabled: { summary: 'Send communications', description: 'The master switch: nothing is sent while it is off (the default).', visibility: 'important' },
  confirmation: { summary: 'Confirmation', description: 'Which channels send the confirmation when a meeting is booked or changed.', fields: toggles('Confirmation') },
  reminder: {
    summary: 'Reminder',
    description: 'Which channels send the reminder, and when.',
    fields: {
      ...toggles('Reminder'),
      daysBefore: { summary: 'Days before', description: 'How many calendar days before the meeting the reminder is sent: a whole number from 1 to 30.' },
      sendAtLocalTime: {
        summary: 'Send at (local time)',
        description: 'The time of day (HH:mm, 24-hour) in the customer\'s time zone to send the reminder; empty for the meeting\'s own time of day.',
      },
      lateBooking: {
        summary: 'Late bookings',
        description: 'A meeting booked after its reminder time: skip the reminder, or sendNow.',
        visibility: 'advanced',
      },
    },
  },
  cancellation: { summary: 'Cancellation notice', description: 'Which channels send the notice when a meeting is cancelled through this service.', fields: toggles('Cancellation notice') },
  defaultLocale: { summary: 'Default language', description: `The language of customers whose language is not given or not supported: ${LOCALES_TEXT}.` },
  portal: {
    summary: 'Portal',
    description: 'Where the cancel links in messages point.',
    visibility: 'advanced',
    fields: {
      cancelUrlTemplate: {
        summary: 'Cancel URL template',
        description: 'An https URL of your portal containing {meetingId} (and optionally {token}); empty for the built-in cancel pages.',
      },
    },
  },
  replies: REPLIES_FIELDS,
  quietHours: {
    summary: 'Quiet hours',
    description: 'A nightly window of the customer\'s own clock in which confirmations and reminders wait for its end (cancellation notices never wait). Optional: left out, it keeps its defaults (off, 21:00–08:00).',
    visibility: 'advanced',
    fields: {
      enabled: { summary: 'Hold messages in quiet hours', description: 'Off by default.' },
      start: { summary: 'Quiet from', description: 'HH:mm, 24-hour, in the customer\'s time zone, e.g. 21:00.' },
      end: { summary: 'Quiet until', description: 'HH:mm, 24-hour, e.g. 08:00; before the start means the window spans midnight.' },
    },
  },
  voice: {
    summary: 'Voice calls',
    description: 'How reminder calls speak and what their keys do. Optional: left out, it keeps its defaults.',
    visibility: 'advanced',
    fields: {
      voices: { summary: 'Voices', description: 'The neural voice per language and gender.', fields: { 'en-US': voiceChoice('en-US', 'en-US-JennyNeural', 'en-US-GuyNeural'), 'es-ES': voiceChoice('es-ES', 'es-ES-ElviraNeural', 'es-ES-AlvaroNeural') } },
      menu: { summary: 'Keypad menu', description: 'Key (0-9, *, #) → what it does: confirm, cancel, connect (to Connect to), repeat or end. Default 1 confirm, 2 cancel, 3 connect, 9 repeat.' },
      connectTo: { summary: 'Connect to', description: 'The office number (E.164) the connect key transfers the customer to; empty leaves connect out of the menu.' },
      retry: {
        summary: 'Retry',
        description: 'A busy or unanswered call is tried again.',
        fields: {
          attempts: { summary: 'Retries', description: 'How many more attempts after a busy or unanswered call: 0 to 2 (default 1).' },
          afterMinutes: { summary: 'Retry after (minutes)', description: 'Minutes before the next attempt: 5 to 1440 (default 30); quiet hours still hold.' },
        },
      },
    },
  },
};

/** Texts of the settings as the settings routes answer them. */
export const SETTINGS_DOCUMENT_FIELDS: FieldTexts = {
  ...SETTINGS_FIELDS,
  updatedAt: { summary: 'Updated at', description: 'When the settings were last changed, ISO 8601 UTC; empty until first saved.' },
  updatedBy: { summary: 'Updated by', description: 'Who last changed the settings: the admin\'s user ID, or api-key.' },
};

const SUBJECT: FieldText = { summary: 'Subject', description: 'Email only: the subject line (Liquid, at most 300 characters).' };
const TEXT: FieldText = { summary: 'Text', description: 'The plain-text body of an email, or the SMS text (Liquid; at most 20 000 characters for email, 1 600 for SMS).' };
const HTML: FieldText = { summary: 'HTML', description: 'Email only: the HTML body (Liquid; merge fields are HTML-escaped).' };

/** Texts of a template's sources (UpdateTemplate body; `template` of a preview). */
export const TEMPLATE_SOURCE_FIELDS: FieldTexts = {
  subject: SUBJECT, text: TEXT, html: HTML,
  name: { summary: 'WhatsApp template', description: 'WhatsApp only: the name of the template as approved by Meta (lower-case letters, digits and _).' },
  language: { summary: 'WhatsApp language', description: "WhatsApp only: the approved template's language, Meta's code (en_US, es_ES)." },
  body: { summary: 'WhatsApp body', description: 'WhatsApp only: a copy of the approved body with a {{ merge field }} where Meta has {{1}}, {{2}}…; it may not start or end with one.' },
  buttons: {
    summary: 'WhatsApp buttons',
    description: "WhatsApp only: the template's quick-reply buttons (at most 3), each with the reply it means.",
    fields: {
      text: { summary: 'Button text', description: 'The text on the button, as approved (at most 25 characters).' },
      payload: { summary: 'Button meaning', description: 'confirm, cancel or reschedule.' },
    },
  },
};

/** Texts of a template as the template routes answer it. */
export const TEMPLATE_VIEW_FIELDS: FieldTexts = {
  ...TEMPLATE_SOURCE_FIELDS,
  source: { summary: 'Source', description: 'default (the shipped template) or custom (an admin\'s override).' },
  version: { summary: 'Version', description: 'The override\'s version number; empty for the default.' },
  updatedAt: { summary: 'Saved at', description: 'When the override was saved, ISO 8601 UTC; empty for the default.' },
  updatedBy: { summary: 'Saved by', description: 'Who saved the override; empty for the default.' },
};

/** Texts of GetTemplateHistory's answer. */
export const TEMPLATE_HISTORY_FIELDS: FieldTexts = {
  versions: {
    summary: 'Versions',
    description: 'The kept versions of this template (at most 10), newest first.',
    fields: {
      ...TEMPLATE_SOURCE_FIELDS,
      version: { summary: 'Version', description: 'The version number.' },
      savedAt: { summary: 'Saved at', description: 'When this version was saved, ISO 8601 UTC.' },
      savedBy: { summary: 'Saved by', description: 'Who saved this version.' },
    },
  },
};

const TEMPLATE_REF: FieldTexts = {
  type: { summary: 'Message type', description: TEMPLATE_TYPES_TEXT, visibility: 'important' },
  channel: { summary: 'Channel', description: 'email or sms.', visibility: 'important' },
  locale: { summary: 'Language', description: `${LOCALES_TEXT}.`, visibility: 'important' },
};

/** Texts of the PreviewTemplate body. */
export const PREVIEW_REQUEST_FIELDS: FieldTexts = {
  ...TEMPLATE_REF,
  meeting: {
    summary: 'Meeting',
    description: 'A meeting to render the template with, as for ScheduleMeeting (the meeting ID may be left out); empty for the language\'s sample meeting.',
    visibility: 'advanced',
    fields: MEETING_FIELDS,
  },
  template: {
    summary: 'Unsaved template',
    description: 'Template sources to preview instead of the template in force.',
    visibility: 'advanced',
    fields: TEMPLATE_SOURCE_FIELDS,
  },
  sendTo: {
    summary: 'Send a test to',
    description: 'An email address (email channel) or a mobile number in international format (SMS) to send the rendered message to as a test.',
  },
};

/** Texts of PreviewTemplate's answer. */
export const PREVIEW_FIELDS: FieldTexts = {
  subject: { summary: 'Subject', description: 'The rendered email subject; empty for SMS.' },
  text: { summary: 'Text', description: 'The rendered plain text (email) or SMS text.' },
  html: { summary: 'HTML', description: 'The rendered email HTML; empty for SMS.' },
  sms: {
    summary: 'SMS encoding',
    description: 'How the SMS will be sent; empty for email.',
    fields: {
      encoding: { summary: 'Encoding', description: 'GSM-7, or UCS-2 when the text has characters outside the GSM alphabet (fewer characters per part).' },
      segments: { summary: 'Parts', description: 'How many SMS parts the text needs.' },
      characters: { summary: 'Characters', description: 'The length counted against the limits (GSM-7 septets or UCS-2 code units).' },
    },
  },
  call: {
    summary: 'Call',
    description: 'Voice only: what the call speaks with the settings in force.',
    fields: {
      voice: { summary: 'Voice', description: 'The neural voice of the template\'s language (settings voice.voices).' },
      menu: { summary: 'Menu', description: 'The keys on offer and what each does.', fields: { key: { summary: 'Key', description: 'A keypad key.' }, action: { summary: 'Action', description: 'confirm, cancel, connect, repeat or end.' } } },
      spoken: { summary: 'Spoken', description: 'The message followed by the menu, as the call speaks it.' },
    },
  },
  testSend: {
    summary: 'Test send',
    description: 'The outcome of the test send, when a recipient was given.',
    fields: {
      status: { summary: 'Test status', description: 'sent or failed.' },
      providerMessageId: { summary: 'Provider message ID', description: 'The provider\'s ID of the test message.' },
      reason: { summary: 'Failure reason', description: 'Why the test send failed.' },
      sendKey: { summary: 'Send key', description: 'The test message\'s key, to find it in logs or the local outbox.' },
    },
  },
};

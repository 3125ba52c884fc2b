import type { FieldTexts } from './field-texts';

/** Texts of UpdateOptOut's body. */
export const OPT_OUT_UPDATE_FIELDS: FieldTexts = {
  sms: {
    summary: 'SMS',
    description: 'The SMS opt-out to record.',
    fields: { optedOut: { summary: 'Opted out', description: 'true: no more SMS to this number. false is refused (409): only the customer can opt back in, by replying START.' } },
  },
};

/** Texts of GetOptOut's and UpdateOptOut's answer. */
export const OPT_OUT_FIELDS: FieldTexts = {
  phone: { summary: 'Phone number', description: 'The number, in E.164 (+14255550123).' },
  sms: {
    summary: 'SMS',
    description: 'The number\'s SMS opt-out.',
    fields: {
      optedOut: { summary: 'Opted out', description: 'true when no SMS of any kind is sent to the number.' },
      since: { summary: 'Since', description: 'When the opt-out was recorded (UTC); null when opted in.' },
      source: { summary: 'Source', description: 'reply (the customer replied STOP) or admin (recorded for the customer); null when opted in.' },
    },
  },
};

/** Texts of ListReplies' answer. */
export const REPLY_LIST_FIELDS: FieldTexts = {
  replies: {
    summary: 'Replies',
    description: 'The unmatched replies, newest first.',
    fields: {
      replyId: { summary: 'Reply ID', description: 'The provider\'s event ID of the reply.' },
      receivedAt: { summary: 'Received at', description: 'When the reply arrived (UTC).' },
      channel: { summary: 'Channel', description: 'sms.' },
      from: { summary: 'Customer number', description: 'The number the customer wrote from, in E.164.' },
      to: { summary: 'Our number', description: 'The number the customer wrote to, in E.164.' },
      text: { summary: 'Text', description: 'What the customer wrote.' },
    },
  },
};

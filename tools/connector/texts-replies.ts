import type { FieldText } from './field-texts';

const words = (intent: string, builtIn: string): FieldText => ({
  summary: `Extra ${intent} words`,
  description: `Words that also mean "${intent}", on top of the built-in ones (${builtIn}). One word each, at most 20; carrier keywords (STOP, CANCEL, START, HELP…) and words of another intent are refused.`,
});

/** Texts of `settings.replies` (API.md "Two-way messages"). */
export const REPLIES_FIELDS: FieldText = {
  summary: 'Replies',
  description: 'Whether customers can answer confirmation and reminder SMS (confirm, cancel, reschedule), and how. Optional: left out, it keeps its defaults.',
  visibility: 'advanced',
  fields: {
    enabled: { summary: 'Accept replies', description: 'Confirmation and reminder SMS invite a reply and the answers are acted on. Off by default.' },
    timeoutHours: { summary: 'Reply window (hours)', description: 'How long an SMS waits for its answer: a whole number of hours from 1 to 24 (never past the meeting\'s start).' },
    acknowledge: { summary: 'Acknowledge answers', description: 'Send a short SMS back when an answer is understood (on by default).' },
    keywords: {
      summary: 'Extra keywords',
      description: 'Extra words per intent, compared without case, accents or punctuation.',
      fields: { confirm: words('confirm', 'YES, Y, SI, OUI'), cancel: words('cancel', 'NO, N, NON'), reschedule: words('reschedule', 'RESCHEDULE, REPROGRAMAR') },
    },
  },
};

/** Every template type, as makers read them in the template pickers. */
export const TEMPLATE_TYPES_TEXT = 'confirmation, reminder or cancellation; or, SMS only, an answer to a customer\'s reply: replyConfirmed, replyCancelled, replyReschedule, replyHelp or replyWhich.';

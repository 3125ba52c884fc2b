import { z } from 'zod';
import { normaliseReply } from '../replies/classify-reply';
import { COMMON_KEYWORDS, LOCALE_KEYWORDS, STOP_WORDS, type AnswerIntent } from '../replies/reply-keywords';

/** The intents an admin may add words to (API.md "Two-way messages": `replies.keywords`). */
export const ANSWER_INTENTS = ['confirm', 'cancel', 'reschedule'] as const satisfies readonly AnswerIntent[];

/** At most this many extra words per intent: a list an admin can still read, and a reply hint that fits an SMS. */
export const MAX_KEYWORDS_PER_INTENT = 20;

/**
 * Words an admin can never claim: the carrier's STOP family, START/UNSTOP and HELP/INFO (with
 * their translations). Carriers act on them whatever we do, so a meeting answer hidden behind one
 * would opt the customer out, back in, or get them the help text instead.
 */
const CARRIER_WORDS: ReadonlySet<string> = new Set([
  ...STOP_WORDS,
  ...[COMMON_KEYWORDS, ...Object.values(LOCALE_KEYWORDS)].flatMap((table) => [...(table.start ?? []), ...(table.help ?? [])]),
]);

/** Built-in word → intent, every language: settings are institution-wide, so a word must be free in all of them. */
const BUILT_IN: ReadonlyMap<string, AnswerIntent> = new Map(
  [COMMON_KEYWORDS, ...Object.values(LOCALE_KEYWORDS)].flatMap((table) =>
    ANSWER_INTENTS.flatMap((intent) => (table[intent] ?? []).map((word): [string, AnswerIntent] => [word, intent]))),
);

/**
 * One extra keyword, stored the way replies are compared (upper case, accents and punctuation gone:
 * " sí! " → "SI"), so "what the admin typed" and "what the customer typed" meet in one form. One word
 * of letters: the classifier reads replies word by word, and a bare number picks a meeting when the
 * customer has several ("YES 2"), so it cannot also be an answer.
 */
const keywordSchema = z.string().overwrite(normaliseReply).superRefine((word, ctx) => {
  if (word.length < 1 || word.length > 30) ctx.addIssue({ code: 'custom', message: 'must be 1 to 30 characters once accents and punctuation are removed' });
  else if (word.includes(' ')) ctx.addIssue({ code: 'custom', message: 'must be a single word' });
  else if (/^\p{N}+$/u.test(word)) ctx.addIssue({ code: 'custom', message: 'must not be a number: numbers choose between meetings ("YES 2")' });
});

const keywordList = z.array(keywordSchema).max(MAX_KEYWORDS_PER_INTENT, `must list at most ${MAX_KEYWORDS_PER_INTENT} words`).default(() => []);

/** Extra words per intent: each word free of carrier keywords and of every other intent. */
const keywordsSchema = z.strictObject({ confirm: keywordList, cancel: keywordList, reschedule: keywordList }).superRefine((lists, ctx) => {
  const claimed = new Map<string, AnswerIntent>();
  for (const intent of ANSWER_INTENTS) {
    lists[intent].forEach((word, index) => {
      const path = [intent, index];
      const other = claimed.get(word) ?? BUILT_IN.get(word);
      if (CARRIER_WORDS.has(word)) ctx.addIssue({ code: 'custom', path, message: `"${word}" is a carrier keyword (opt-out, opt-in or help) and cannot answer a meeting` });
      else if (other !== undefined && other !== intent) ctx.addIssue({ code: 'custom', path, message: `"${word}" already means ${other}` });
      else claimed.set(word, intent);
    });
  }
});

/** The defaults of API.md: replies off, prompts open 24 hours, answers acknowledged, no extra words. */
const defaults = () => ({ enabled: false, timeoutHours: 24, acknowledge: true, keywords: { confirm: [], cancel: [], reschedule: [] } });

/**
 * `settings.replies`. Added after the first release, so the block and every key in it may be left
 * out of a PUT (API.md "Settings keys added later"): a missing one keeps its default.
 */
export const repliesSettingsSchema = z.strictObject({
  enabled: z.boolean().default(false),
  timeoutHours: z.number().int('must be a whole number of hours').min(1).max(24).default(24),
  acknowledge: z.boolean().default(true),
  keywords: keywordsSchema.default(() => defaults().keywords),
}).default(defaults);

/** `settings.replies` as stored and shown. */
export type RepliesSettings = z.infer<typeof repliesSettingsSchema>;

/** {@link repliesSettingsSchema}'s defaults, as a fresh value. */
export const defaultRepliesSettings = (): RepliesSettings => defaults();

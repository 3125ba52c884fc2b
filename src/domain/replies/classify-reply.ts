import { localeLanguage } from '../locale';
import { COMMON_KEYWORDS, LOCALE_KEYWORDS, NEUTRAL_PHRASES, STANDALONE_INTENTS, STANDALONE_ONLY, STOP_WORDS, type AnswerIntent, type KeywordTable, type ReplyIntent } from './reply-keywords';

/** An institution's extra words per intent (`settings.replies.keywords`). */
export type ExtraKeywords = Readonly<Partial<Record<AnswerIntent, readonly string[]>>>;

/** Upper case, accents and punctuation removed, words separated by single spaces. */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function keywordsFor(locale: string | undefined, extra: ExtraKeywords): Map<string, Exclude<ReplyIntent, 'stop' | 'unknown'>> {
  const language = locale === undefined ? undefined : localeLanguage(locale);
  const tables: Partial<KeywordTable>[] = [
    COMMON_KEYWORDS,
    ...Object.entries(LOCALE_KEYWORDS).filter(([lang]) => language === undefined || lang === language).map(([, table]) => table),
  ];
  const byWord = new Map<string, Exclude<ReplyIntent, 'stop' | 'unknown'>>();
  // Extra words first, so a built-in word keeps its meaning even if unvalidated settings claim it.
  for (const [intent, words] of Object.entries(extra) as [AnswerIntent, readonly string[]][]) {
    for (const word of words) byWord.set(normaliseReply(word), intent);
  }
  for (const table of tables) {
    for (const [intent, words] of Object.entries(table) as [Exclude<ReplyIntent, 'stop' | 'unknown'>, readonly string[]][]) {
      for (const word of words) byWord.set(word, intent);
    }
  }
  return byWord;
}

/**
 * Classifies an SMS reply. Case, accents, punctuation and surrounding words do not matter for answers
 * ("Yes please!" → confirm, "no, sorry" → cancel), but the carrier keywords count only as the whole
 * reply (contact-center.md §A.4: "We have got to STOP this terrible bill" is no opt-out): STOP,
 * "stop!" or " Cancel. " → stop; START/UNSTOP → start; HELP → help, as carriers read them. A reply
 * that has an opt-out word among other words is `unknown` — an ordinary reply for the prompt or for
 * staff, never an answer, so "No, stop texting me" cancels no meeting. Otherwise the reply must point
 * at exactly one intent: "yes no" is `unknown`. Y and N count only as the whole reply. `locale` adds
 * that language's keywords (REPROGRAMAR for Spanish); without it, every language's keywords are
 * understood. `extra` adds the institution's own words per intent, in every language; a one-letter
 * one, like Y and N, counts only as the whole reply. They never override a carrier word or a built-in keyword.
 */
export function classifyReply(text: string, locale?: string, extra: ExtraKeywords = {}): ReplyIntent {
  const normalised = ` ${normaliseReply(text)} `;
  const words = normalised.trim().split(' ').filter((w) => w !== '');
  const alone = words.length === 1;
  if (words.some((word) => STOP_WORDS.includes(word))) return alone ? 'stop' : 'unknown';
  const withoutNeutral = NEUTRAL_PHRASES.reduce((acc, phrase) => acc.split(` ${phrase} `).join(' '), normalised);
  const remaining = withoutNeutral.trim().split(' ').filter((w) => w !== '');
  const keywords = keywordsFor(locale, extra);
  const intents = new Set<ReplyIntent>();
  for (const word of remaining) {
    const intent = keywords.get(word);
    if (intent === undefined) continue;
    if ((STANDALONE_ONLY.has(word) || word.length === 1 || STANDALONE_INTENTS.has(intent)) && !alone) continue;
    intents.add(intent);
  }
  const [only, ...others] = [...intents];
  return only !== undefined && others.length === 0 ? only : 'unknown';
}

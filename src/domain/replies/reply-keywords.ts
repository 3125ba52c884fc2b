/** What an SMS reply asks for. */
export type ReplyIntent = 'confirm' | 'cancel' | 'reschedule' | 'stop' | 'start' | 'help' | 'unknown';

/** The intents that answer a meeting prompt; admins may add words to these (`settings.replies.keywords`). */
export type AnswerIntent = Extract<ReplyIntent, 'confirm' | 'cancel' | 'reschedule'>;

/** Keywords (upper case, accents removed) for the intents other than `stop` and `unknown`. */
export type KeywordTable = Readonly<Record<Exclude<ReplyIntent, 'stop' | 'unknown'>, readonly string[]>>;

/**
 * Carrier opt-out words (CTIA list plus ARRET for French Canada). As the whole reply, one opts out
 * (as the carrier reads it); among other words it makes the reply `unknown`, never an answer. CANCEL
 * is one of them, which is why messages ask customers to reply NO to cancel a meeting.
 */
export const STOP_WORDS: readonly string[] = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ARRET'];

/** Keywords understood whatever the recipient's locale. */
export const COMMON_KEYWORDS: KeywordTable = {
  confirm: ['YES', 'Y', 'SI', 'OUI'],
  cancel: ['NO', 'N', 'NON'],
  reschedule: ['RESCHEDULE'],
  start: ['START', 'UNSTOP'],
  help: ['HELP', 'INFO'],
};

/** Extra keywords by language subtag; used for that language, or for all when the locale is unknown. */
export const LOCALE_KEYWORDS: Readonly<Record<string, Partial<KeywordTable>>> = {
  es: { reschedule: ['REPROGRAMAR'], help: ['AYUDA'] },
};

/**
 * Intents whose words, like the carrier's STOP, count only as the whole reply: "I need help
 * rescheduling" asks to reschedule, and "start" inside a sentence is no opt-in.
 */
export const STANDALONE_INTENTS: ReadonlySet<ReplyIntent> = new Set(['start', 'help']);

/** Single letters count only when they are the whole reply (an initial in a sentence is not an answer). */
export const STANDALONE_ONLY: ReadonlySet<string> = new Set(['Y', 'N']);

/**
 * Phrases whose keyword is not an answer ("no problem" is not a refusal); removed before matching.
 * Written normalised: upper case, no accents, single spaces.
 */
export const NEUTRAL_PHRASES: readonly string[] = ['NO PROBLEM', 'NO PROBLEMO', 'NO WORRIES', 'SIN PROBLEMA', 'NO HAY PROBLEMA'];

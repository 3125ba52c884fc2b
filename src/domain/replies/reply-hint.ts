import { takesReplies, type Channel, type TemplateType } from '../communication';
import { localeLanguage, type SupportedLocale } from '../locale';
import type { RepliesSettings } from '../settings/replies-settings';
import type { AnswerIntent } from './reply-keywords';

type Words = Readonly<Record<AnswerIntent, string>>;

interface HintWording {
  /** The built-in word shown per intent: the one a customer most naturally types. */
  readonly shown: Words;
  readonly or: string;
  readonly sentence: (words: Words) => string;
}

/**
 * The sentence per language. Spanish shows SI, not SÍ: Í is not in GSM-7, and one accented capital
 * would make every confirmation a UCS-2 message (a third of the characters per segment); SI is
 * understood either way. NO, never CANCEL: CANCEL opts the customer out of every SMS.
 */
const WORDING: Readonly<Record<string, HintWording>> = {
  en: {
    shown: { confirm: 'YES', cancel: 'NO', reschedule: 'RESCHEDULE' },
    or: 'or',
    sentence: (w) => `Reply ${w.confirm} to confirm, ${w.cancel} to cancel or ${w.reschedule} for a new time.`,
  },
  es: {
    shown: { confirm: 'SI', cancel: 'NO', reschedule: 'REPROGRAMAR' },
    or: 'o',
    sentence: (w) => `Responda ${w.confirm} para confirmar, ${w.cancel} para anularla o ${w.reschedule} para cambiar la fecha.`,
  },
};

/** The built-in words a hint shows for a locale (tests check that each really means its intent there). */
export function hintWords(locale: SupportedLocale): Words {
  return (WORDING[localeLanguage(locale)] ?? (WORDING.en as HintWording)).shown;
}

/**
 * What a customer may reply, in their language (`replyHint`): per intent the built-in word and the
 * institution's first extra word, if it has one ("Reply YES or OK to confirm, …"). Every word shown
 * is one the classifier understands; showing all twenty extra words would not fit an SMS.
 */
export function replyHint(locale: SupportedLocale, replies: RepliesSettings): string {
  const wording = WORDING[localeLanguage(locale)] ?? (WORDING.en as HintWording);
  const words = (intent: AnswerIntent): string => {
    const extra = replies.keywords[intent][0];
    const shown = wording.shown[intent];
    return extra === undefined || extra === shown ? shown : `${shown} ${wording.or} ${extra}`;
  };
  return wording.sentence({ confirm: words('confirm'), cancel: words('cancel'), reschedule: words('reschedule') });
}

/** Confirmations and reminders open a prompt (API.md "Two-way messages"); replyHelp explains what to answer it with. */
const HINTED: ReadonlySet<TemplateType> = new Set<TemplateType>(['confirmation', 'reminder', 'replyHelp']);

/**
 * The `replyHint` of one message: on a channel that takes replies, with `replies.enabled`, in the
 * types above; null otherwise (Liquid treats '' as true, null as false), so `{% if replyHint %}`
 * leaves the message exactly as it was with replies off.
 */
export function replyHintFor(type: TemplateType, channel: Channel, locale: SupportedLocale, replies: RepliesSettings): string | null {
  return replies.enabled && HINTED.has(type) && takesReplies(channel) ? replyHint(locale, replies) : null;
}

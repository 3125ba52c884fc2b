import { defaultTemplate } from '../../../../src/adapters/templates/default-templates';
import {
  SAMPLE_MEETINGS, SUPPORTED_LOCALES, buildMergeContext, classifyReply, compileSmsTemplate, defaultRepliesSettings, renderSms, replyHint, replyHintFor,
  type RepliesSettings, type SupportedLocale,
} from '../../../../src/domain';

const ON: RepliesSettings = { ...defaultRepliesSettings(), enabled: true };
const withWords = (keywords: Partial<RepliesSettings['keywords']>): RepliesSettings => ({ ...ON, keywords: { ...ON.keywords, ...keywords } });
const LINK = 'https://comms.contoso.com/api/links/q1w2e3r4t5y6u7i8o9p0aZ';

describe('replyHint', () => {
  test.each([
    ['en-US', ON, 'Reply YES to confirm, NO to cancel or RESCHEDULE for a new time.'],
    ['es-ES', ON, 'Responda SI para confirmar, NO para anularla o REPROGRAMAR para cambiar la fecha.'],
    ['en-US', withWords({ confirm: ['OK', 'SURE'], reschedule: ['R'] }), 'Reply YES or OK to confirm, NO to cancel or RESCHEDULE or R for a new time.'],
    ['es-ES', withWords({ cancel: ['NO'] }), 'Responda SI para confirmar, NO para anularla o REPROGRAMAR para cambiar la fecha.'],
  ] as const)('%s %j', (locale, replies, expected) => {
    expect(replyHint(locale, replies)).toBe(expected);
  });

  test.each(SUPPORTED_LOCALES)('%s: every word the hint shows is understood as the intent it is shown for', (locale) => {
    const replies = withWords({ confirm: ['OK'], cancel: ['NOPE'], reschedule: ['R'] });
    const hint = replyHint(locale, replies);
    const shown = [...hint.matchAll(/\b[A-Z]{1,}\b/g)].map(([word]) => word).filter((w) => w !== 'SMS');
    expect(shown.length).toBe(6);
    const intents = shown.map((word) => classifyReply(word, locale, replies.keywords));
    expect(intents).toEqual(['confirm', 'confirm', 'cancel', 'cancel', 'reschedule', 'reschedule']);
  });
});

describe('replyHintFor', () => {
  test.each([
    ['confirmation', 'sms', ON, true], ['reminder', 'sms', ON, true], ['replyHelp', 'sms', ON, true],
    ['cancellation', 'sms', ON, false], ['replyConfirmed', 'sms', ON, false], ['replyWhich', 'sms', ON, false],
    ['confirmation', 'email', ON, false], ['reminder', 'email', ON, false],
    ['confirmation', 'sms', defaultRepliesSettings(), false], ['replyHelp', 'sms', defaultRepliesSettings(), false],
  ] as const)('%s by %s (replies %j) → hint %s', (type, channel, replies, expected) => {
    const hint = replyHintFor(type, channel, 'en-US', replies);
    expect(expected ? hint : hint === null).toBe(expected ? replyHint('en-US', replies) : true);
  });
});

function renderShipped(type: 'confirmation' | 'reminder', locale: SupportedLocale, replies: RepliesSettings) {
  const compiled = compileSmsTemplate(defaultTemplate(type, locale).sms);
  if (!compiled.ok) throw new Error('does not compile');
  const meeting = SAMPLE_MEETINGS[locale];
  const context = buildMergeContext({
    meeting, locale, zone: meeting.contact.timeZone, cancelLink: LINK, organisationName: 'Contoso Bank', replyHint: replyHintFor(type, 'sms', locale, replies),
  });
  const rendered = renderSms(compiled.value, context);
  if (!rendered.ok) throw new Error('does not render');
  return rendered.value;
}

const OLD_SENTENCE: Readonly<Record<SupportedLocale, string>> = { 'en-US': 'Reply NO to cancel.', 'es-ES': 'Para anularla, responda NO.' };
const shippedCombos = (['confirmation', 'reminder'] as const).flatMap((type) => SUPPORTED_LOCALES.map((locale) => [type, locale] as const));

describe('confirmation and reminder SMS tell the customer what to reply', () => {
  test.each(shippedCombos)('%s/%s with replies on: the hint replaces "reply NO to cancel", in at most two GSM-7 segments', (type, locale) => {
    const replies = withWords({ confirm: ['OK'] });
    const { text, sms } = renderShipped(type, locale, replies);
    expect(text).toContain(replyHint(locale, replies));
    expect(text).not.toContain(OLD_SENTENCE[locale]);
    expect(text).toContain(LINK);
    expect(sms).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });

  test.each(shippedCombos)('%s/%s with replies off (the default): no hint, the text as it always was', (type, locale) => {
    const { text, sms } = renderShipped(type, locale, defaultRepliesSettings());
    expect(text).toContain(OLD_SENTENCE[locale]);
    expect(text).not.toMatch(/YES|SI para|RESCHEDULE|REPROGRAMAR/);
    expect(sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});

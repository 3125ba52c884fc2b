import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultChannelTemplate, defaultTemplates, findTemplatesRoot } from '../../../../src/adapters/templates/default-templates';
import {
  REPLY_TYPES, SAMPLE_MEETINGS, SAMPLE_ORGANISATION, SUPPORTED_LOCALES, buildMergeContext, carriesCancelLink, classifyReply, compileSmsTemplate,
  defaultRepliesSettings, hintWords, minimalSampleMeeting, onlineSampleMeeting, renderSms, replyHintFor, sampleChoices,
  type Meeting, type ReplyType, type SupportedLocale,
} from '../../../../src/domain';

const LINK = 'https://comms.contoso.com/api/links/q1w2e3r4t5y6u7i8o9p0aZ';
const REPLIES_ON = { ...defaultRepliesSettings(), enabled: true };
const combos = REPLY_TYPES.flatMap((type) => SUPPORTED_LOCALES.map((locale) => [type, locale] as const));

function render(type: ReplyType, locale: SupportedLocale, meeting: Meeting = SAMPLE_MEETINGS[locale]) {
  const compiled = compileSmsTemplate(defaultChannelTemplate(type, 'sms', locale));
  if (!compiled.ok) throw new Error(`${type}/${locale} does not compile: ${JSON.stringify(compiled.errors)}`);
  const context = buildMergeContext({
    meeting, locale, zone: meeting.contact.timeZone, cancelLink: carriesCancelLink(type) ? LINK : null, organisationName: SAMPLE_ORGANISATION,
    replyHint: replyHintFor(type, 'sms', locale, REPLIES_ON), choices: type === 'replyWhich' ? sampleChoices(locale, meeting) : [],
  });
  const rendered = renderSms(compiled.value, context);
  if (!rendered.ok) throw new Error(`${type}/${locale} does not render`);
  return { ...rendered.value, context };
}

describe('shipped reply templates', () => {
  test.each(combos)('%s/%s exists for SMS only: no email files are needed or read', (type, locale) => {
    expect(defaultTemplates()[type][locale].sms?.text).toEqual(expect.any(String));
    expect(defaultTemplates()[type][locale].email).toBeUndefined();
    expect(existsSync(join(findTemplatesRoot(), type, locale, 'email.html.liquid'))).toBe(false);
    expect(() => defaultChannelTemplate(type, 'email', locale)).toThrow(/exists only for sms/);
  });

  test.each(combos.flatMap(([type, locale]) => (['full', 'online', 'minimal'] as const).map((label) => [type, locale, label] as const)))(
    '%s/%s renders with %s sample data, nothing left over',
    (type, locale, label) => {
      const meeting = label === 'full' ? SAMPLE_MEETINGS[locale] : label === 'online' ? onlineSampleMeeting(locale) : minimalSampleMeeting(locale);
      const { text } = render(type, locale, meeting);
      expect(text).not.toMatch(/undefined|null|\{\{|\{%|NaN/);
      expect(text.length).toBeGreaterThan(20);
    },
  );

  // The name reports what the assertion checks: each shipped text, with the sample data, in one GSM-7 segment.
  test.each(combos.map(([type, locale]) => {
    const { sms } = render(type, locale);
    return [type, locale, `${sms.encoding}, ${sms.segments} segment(s), ${sms.characters} characters`, sms] as const;
  }))('%s/%s with the sample data: %s', (_type, _locale, _report, sms) => {
    expect(sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  test.each(SUPPORTED_LOCALES)('%s acknowledgements name the meeting\'s date and time, and the customer', (locale) => {
    for (const type of ['replyConfirmed', 'replyCancelled'] as const) {
      const { text, context } = render(type, locale);
      expect(text).toContain(context.contactFirstName);
      expect(text).toContain(context.startTime);
      expect(text).toContain(locale === 'en-US' ? context.startDateShort : context.startDateNumeric);
    }
  });

  test.each(SUPPORTED_LOCALES)('%s replyWhich lists both meetings with their numbers and shows how to answer ("YES 2")', (locale) => {
    const { text } = render('replyWhich', locale);
    const [first, second] = sampleChoices(locale);
    expect(text).toMatch(new RegExp(`^1 = .*${first?.subject}$`, 'm'));
    expect(text).toMatch(new RegExp(`^2 = .*${second?.subject}$`, 'm'));
    const example = text.match(/\b([A-Z]{2,}) 2\b/)?.[1];
    expect(example && classifyReply(example, locale)).toBe('confirm');
  });

  test.each(SUPPORTED_LOCALES)('%s replyHelp shows the reply hint when replies are on and always says how to opt out', (locale) => {
    const on = render('replyHelp', locale).text;
    expect(on).toContain(replyHintFor('replyHelp', 'sms', locale, REPLIES_ON) as string);
    expect(on).toMatch(/\bSTOP\b/);
    expect(on).toContain(SAMPLE_ORGANISATION);
  });

  test.each(combos)('%s/%s never asks for CANCEL (a carrier opt-out word)', (type, locale) => {
    expect(render(type, locale).text).not.toMatch(/\bCANCEL\b/);
  });

  test.each(SUPPORTED_LOCALES)('%s hint words mean what the hint says', (locale) => {
    const words = hintWords(locale);
    expect([classifyReply(words.confirm, locale), classifyReply(words.cancel, locale), classifyReply(words.reschedule, locale)]).toEqual(['confirm', 'cancel', 'reschedule']);
  });
});

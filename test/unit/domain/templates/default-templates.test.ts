import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTemplate, defaultTemplates, findTemplatesRoot } from '../../../../src/adapters/templates/default-templates';
import {
  COMMUNICATION_TYPES, MERGE_FIELD_NAMES, SAMPLE_MEETINGS, SAMPLE_ORGANISATION, SUPPORTED_LOCALES, buildMergeContext, compileEmailTemplate,
  compileSmsTemplate, minimalSampleMeeting, onlineSampleMeeting, renderEmail, renderSms, type CommunicationType, type Meeting, type SupportedLocale,
} from '../../../../src/domain';

const LINK = 'https://comms.contoso.com/api/links/q1w2e3r4t5y6u7i8o9p0aZ';
const combos = COMMUNICATION_TYPES.flatMap((type) => SUPPORTED_LOCALES.map((locale) => [type, locale] as const));
const samples = (locale: SupportedLocale): [string, Meeting][] => [
  ['full', SAMPLE_MEETINGS[locale]], ['online', onlineSampleMeeting(locale)], ['minimal', minimalSampleMeeting(locale)],
];

function render(type: CommunicationType, locale: SupportedLocale, meeting: Meeting) {
  const sources = defaultTemplate(type, locale);
  const email = compileEmailTemplate(sources.email);
  const sms = compileSmsTemplate(sources.sms);
  if (!email.ok || !sms.ok) throw new Error(`${type}/${locale} does not compile`);
  const context = buildMergeContext({
    meeting, locale, zone: meeting.contact.timeZone, cancelLink: type === 'cancellation' ? null : LINK, organisationName: SAMPLE_ORGANISATION,
  });
  const renderedEmail = renderEmail(email.value, context);
  const renderedSms = renderSms(sms.value, context);
  if (!renderedEmail.ok || !renderedSms.ok) throw new Error(`${type}/${locale} does not render`);
  return { email: renderedEmail.value, sms: renderedSms.value, context };
}

describe('default templates', () => {
  test('are read once and cached', () => {
    expect(defaultTemplates()).toBe(defaultTemplates());
    expect(findTemplatesRoot()).toMatch(/templates$/);
  });

  test.each(combos)('%s/%s validate against the merge-field list', (type, locale) => {
    const sources = defaultTemplate(type, locale);
    expect(compileEmailTemplate(sources.email)).toMatchObject({ ok: true });
    expect(compileSmsTemplate(sources.sms)).toMatchObject({ ok: true });
  });

  test.each(combos.flatMap(([type, locale]) => samples(locale).map(([label, meeting]) => [type, locale, label, meeting] as const)))(
    '%s/%s render with %s data: no leftovers, the essentials present',
    (type, locale, _label, meeting) => {
      const { email, sms, context } = render(type, locale, meeting);
      for (const text of [email.subject, email.html, email.text, sms.text]) {
        expect(text).not.toMatch(/undefined|null|\{\{|\{%|NaN/);
        expect(text).toContain(context.startTime);
      }
      expect(sms.text).toContain(meeting.contact.firstName);
      expect(email.text).toContain(context.startDate);
      expect(email.html).toContain(context.startDate);
      expect(email.subject).toContain(meeting.subject);
      expect(email.html.startsWith('<!DOCTYPE html>')).toBe(true);
      if (meeting.location?.name) expect(sms.text).toContain(meeting.location.name);
      if (meeting.online?.joinUrl && type !== 'cancellation') expect(email.text).toContain(meeting.online.joinUrl);
      if (type !== 'cancellation') expect(sms.text).toContain(LINK);
      if (type !== 'cancellation') expect(email.text).toContain(LINK);
    },
  );

  test.each(combos)('%s/%s SMS fits one GSM-7 segment with typical data', (type, locale) => {
    expect(render(type, locale, SAMPLE_MEETINGS[locale]).sms.sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  test.each(combos.filter(([type]) => type !== 'cancellation'))('%s/%s SMS asks to reply NO, never CANCEL (a carrier opt-out word)', (type, locale) => {
    const { text } = render(type, locale, SAMPLE_MEETINGS[locale]).sms;
    expect(text).toMatch(/\bNO\b/);
    expect(text).not.toMatch(/\bCANCEL\b/);
  });

  test.each(SUPPORTED_LOCALES)('%s cancellation notices tell this meeting from others: subject, date and time', (locale) => {
    const { email, sms, context } = render('cancellation', locale, SAMPLE_MEETINGS[locale]);
    for (const text of [email.subject, email.text, sms.text]) {
      expect(text).toContain(context.subject);
      expect(text).toContain(context.startTime);
    }
    expect(email.text).toContain(context.startDate);
    // SMS dates: en-US "Thu, Dec 3"; es-ES "3/12/2026" (abbreviations such as "sáb" are not GSM-7).
    expect(sms.text).toContain(locale === 'en-US' ? context.startDateShort : context.startDateNumeric);
  });

  test.each(SUPPORTED_LOCALES)('%s emails escape hostile values in HTML only', (locale) => {
    const hostile = { ...SAMPLE_MEETINGS[locale], customerNotes: '<img src=x onerror=alert(1)>' };
    const { email } = render('confirmation', locale, hostile);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).not.toContain('<img');
    expect(email.text).toContain('<img src=x onerror=alert(1)>');
  });

  test('every merge field is documented in docs/domain.md', () => {
    const docs = readFileSync(join(__dirname, '../../../../docs/domain.md'), 'utf8');
    for (const name of MERGE_FIELD_NAMES) expect([name, docs.includes(`\`${name}\``)]).toEqual([name, true]);
  });
});

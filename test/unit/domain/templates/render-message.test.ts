import {
  buildMergeContext, compileEmailTemplate, compileSmsTemplate, compileTemplate, renderEmail, renderSms, renderTemplate,
  type CompiledEmailTemplate, type MergeContext,
} from '../../../../src/domain';
import { meeting } from '../fixtures';

const ctx = (overrides: Partial<MergeContext> = {}): MergeContext => ({
  ...buildMergeContext({ meeting: meeting(), locale: 'en-US', zone: 'America/New_York', cancelLink: null, organisationName: 'Contoso' }),
  ...overrides,
});
const email = (subject: string, html: string, text: string): CompiledEmailTemplate => {
  const compiled = compileEmailTemplate({ subject, html, text });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.value;
};

describe('renderEmail', () => {
  const hostile = ctx({ subject: '<script>alert("x")</script> & co', customerNotes: 'Tom & Jerry <b>', joinUrl: 'https://t.example/?a=1&b="2"' });
  const compiled = email('{{ subject }}', '<p>{{ subject }}</p><p>{{ customerNotes }}</p><a href="{{ joinUrl }}">join</a>', '{{ subject }}\n{{ customerNotes }}');

  test.each([
    ['html escapes every value', 'html', '<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co</p><p>Tom &amp; Jerry &lt;b&gt;</p><a href="https://t.example/?a=1&amp;b=&#34;2&#34;">join</a>'],
    ['text keeps values as written', 'text', '<script>alert("x")</script> & co\nTom & Jerry <b>'],
    ['subject keeps values as written', 'subject', '<script>alert("x")</script> & co'],
  ] as const)('%s', (_label, part, expected) => {
    const rendered = renderEmail(compiled, hostile);
    expect(rendered.ok && rendered.value[part]).toBe(expected);
  });

  test.each([
    ['newlines in the subject become one space', 'Hello\n  {{ contactFirstName }}\r\n!', 'Hello Bob !'],
    ['a value with a newline cannot add a header line', '{{ subject }}', 'Line one Bcc: x@example.com'],
  ])('%s', (_label, subject, expected) => {
    const rendered = renderEmail(email(subject, '', ''), ctx({ subject: 'Line one\r\nBcc: x@example.com' }));
    expect(rendered.ok && rendered.value.subject).toBe(expected);
  });

  test('plain text: no trailing spaces, at most one blank line, trimmed', () => {
    const rendered = renderEmail(email('s', '', '\n\nA   \n\n\n\nB\r\nC  \n\n'), ctx());
    expect(rendered.ok && rendered.value.text).toBe('A\n\nB\nC');
  });

  test.each([
    ['online meeting', { isOnline: true, joinUrl: 'https://teams.example/j', locationName: null }, 'Join: https://teams.example/j'],
    ['online, link not created yet', { isOnline: true, joinUrl: null, locationName: null }, 'Link to follow'],
    ['in person', { isOnline: false, joinUrl: null, locationName: 'Main Street branch' }, 'At: Main Street branch'],
  ])('online vs in-person blocks: %s', (_label, overrides, expected) => {
    const source = '{% if isOnline %}{% if joinUrl %}Join: {{ joinUrl }}{% else %}Link to follow{% endif %}{% else %}At: {{ locationName }}{% endif %}';
    const rendered = renderEmail(email('s', source, source), ctx(overrides));
    expect(rendered.ok && [rendered.value.html, rendered.value.text]).toEqual([expected, expected]);
  });
});

describe('renderSms', () => {
  test.each([
    ['collapses spaces left by blocks', 'Hi {{ contactFirstName }}, {% if locationName %} {% endif %}  see you', 'Hi Bob, see you', 'GSM-7'],
    ['reports UCS-2 for non-GSM text', 'Hola {{ contactFirstName }}, ¿qué tal? sábado', 'Hola Bob, ¿qué tal? sábado', 'UCS-2'],
    ['values are not HTML-escaped', '{{ subject }}', 'A & B <c>', 'GSM-7'],
  ])('%s', (_label, source, text, encoding) => {
    const compiled = compileSmsTemplate({ text: source });
    if (!compiled.ok) throw new Error('compile');
    const rendered = renderSms(compiled.value, ctx({ subject: 'A & B <c>' }));
    expect(rendered.ok && rendered.value.text).toBe(text);
    expect(rendered.ok && rendered.value.sms.encoding).toBe(encoding);
  });
});

describe('renderTemplate: failures are values', () => {
  test.each([
    ['a runaway loop', '{% for i in (1..100000000) %}x{% endfor %}', /limit/],
    ['a string bomb', '{% assign s = "aaaaaaaaaa" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}', /limit/],
  ])('%s stops with an issue', (_label, source, message) => {
    const compiled = compileTemplate(source, 'text');
    if (!compiled.ok) throw new Error('compile');
    const rendered = renderTemplate(compiled.value, ctx());
    expect(rendered).toEqual({ ok: false, errors: [expect.objectContaining({ message: expect.stringMatching(message) })] });
  });

  test('a context missing a field is reported, not rendered as empty', () => {
    const compiled = compileTemplate('Hi {{ contactFirstName }}', 'text');
    if (!compiled.ok) throw new Error('compile');
    const { contactFirstName: _omitted, ...broken } = ctx();
    const rendered = renderTemplate(compiled.value, broken as MergeContext);
    expect(rendered).toEqual({ ok: false, errors: [expect.objectContaining({ message: expect.stringMatching(/undefined variable: contactFirstName/), line: 1, col: 7 })] });
  });
});

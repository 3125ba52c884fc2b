import { compileEmailTemplate, compileSmsTemplate, compileTemplate, validateTemplate, type RenderMode, type TemplateIssue } from '../../../../src/domain';

const issues = (source: string, mode: RenderMode = 'text'): TemplateIssue[] => {
  const result = compileTemplate(source, mode);
  return result.ok ? [] : [...result.errors];
};

describe('compileTemplate: merge fields', () => {
  test.each([
    ['a plain field', 'Hi {{ contactFirstName }}'],
    ['a filter', '{{ subject | upcase }}'],
    ['an optional field in an if', '{% if locationName %}at {{ locationName }}{% endif %}'],
    ['size of a field', '{{ subject.size }}'],
    ['a local variable', '{% assign who = contactFirstName | append: "!" %}{{ who }}'],
    ['a capture', '{% capture when %}{{ startDate }} {{ startTime }}{% endcapture %}{{ when }}'],
    ['a loop variable', '{% for w in "a,b" | split: "," %}{{ w }}{{ forloop.index }}{% endfor %}'],
    ['no fields at all', 'Hello'],
  ])('accepts %s', (_label, source) => {
    expect(issues(source)).toEqual([]);
  });

  test.each([
    // The column is where the variable's name starts.
    ['a misspelt field', 'Hi {{ contactFirstname }}', [{ field: 'contactFirstname', line: 1, col: 7 }]],
    ['an unknown field in an if', 'x\n{% if room %}{% endif %}', [{ field: 'room', line: 2, col: 7 }]],
    ['an unknown field as a filter argument', '{{ subject | append: suffix }}', [{ field: 'suffix', line: 1, col: 22 }]],
    ['a property of a field', '{{ subject.first_word }}', [{ field: 'subject.first_word', line: 1, col: 4 }]],
    ['nested object access', '{{ meeting.subject }}', [{ field: 'meeting', line: 1, col: 4 }]],
    ['several, in order', 'a {{ b }}\n  {{ subject }} {{ c }}', [{ field: 'b', line: 1, col: 6 }, { field: 'c', line: 2, col: 20 }]],
  ])('rejects %s with field, line and column', (_label, source, expected) => {
    expect(issues(source)).toEqual(expected.map((e) => expect.objectContaining({ ...e, message: expect.stringContaining(e.field.split('.')[0] ?? '') })));
  });
});

describe('compileTemplate: syntax errors carry line and column', () => {
  test.each([
    ['an unclosed if', 'Hello\n  {% if subject %}x', 2, 3, /not closed/],
    ['an unknown filter', 'a\n{{ subject | shout }}', 2, 1, /undefined filter: shout/],
    ['an unknown tag', '{% frobnicate %}', 1, 1, /frobnicate/],
    ['an empty output', 'line1\nline2 {{ }}', 2, 10, /invalid value expression/],
    ['an unclosed output', 'Hi {{ subject', 1, 4, /not closed/],
    ['include (no file access)', 'x\n{% include "secrets" %}', 2, 1, /include tag is not allowed/],
    ['render (no file access)', '{% render "x" %}', 1, 1, /render tag is not allowed/],
    ['layout (no file access)', '{% layout "x" %}', 1, 1, /layout tag is not allowed/],
  ])('%s', (_label, source, line, col, message) => {
    const [issue, ...rest] = issues(source);
    expect(rest).toEqual([]);
    expect(issue).toEqual({ message: expect.stringMatching(message), line, col });
    expect(issue?.message).not.toMatch(/line:\d/);
  });

  test('a template over 100 000 characters is refused', () => {
    expect(issues('x'.repeat(100_001))).toEqual([{ message: expect.stringMatching(/longer than/), line: 1, col: 1 }]);
  });
});

describe('validateTemplate and the message compilers', () => {
  test.each([
    ['{{ subject }}', true],
    ['{{ subjet }}', false],
  ])('validateTemplate(%j) → ok %s', (source, ok) => {
    expect(validateTemplate(source, 'html').ok).toBe(ok);
  });

  test('email issues name the part they are in', () => {
    const result = compileEmailTemplate({ subject: '{{ subjekt }}', html: '<p>{{ subject }}</p>', text: '{% if %}' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.part, e.field])).toEqual([['subject', 'subjekt'], ['text', undefined]]);
  });

  test('sms issues name the text part', () => {
    const result = compileSmsTemplate({ text: '{{ nope }}' });
    expect(!result.ok && result.errors).toEqual([expect.objectContaining({ part: 'text', field: 'nope' })]);
  });
});

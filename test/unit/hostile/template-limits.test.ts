import { checkTemplate } from '../../../src/app/template-input';

// Issue [2/9]: templates without a time limit froze the app. Each of these ran for seconds to
// minutes before; now the save (and so the preview of a draft) refuses them naming the limit.
const NESTED_RANGES = '{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}x{% endfor %}{% endfor %}{% endfor %}';
const SPLIT = `{% assign a = "${'x,'.repeat(40)}x" | split: "," %}{% for i in a %}{% for j in a %}{% for k in a %}{% for l in a %}{% for m in a %}{{ subject }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}`;
const HUGE_RANGE = '{% for i in (1..1000000000) %}x{% endfor %}';
const DOUBLING = '{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}';

describe('template limits', () => {
  test.each([
    ['three nested range loops', NESTED_RANGES, /render limit/],
    ['five nested loops over a split array (349 characters of the report)', SPLIT, /render limit/],
    ['a range of a billion', HUGE_RANGE, /memory limit/],
    ['a string doubled forty times', DOUBLING, /memory limit/],
  ])('%s is refused at save, naming the limit', (_name, text, limit) => {
    const checked = checkTemplate({ type: 'reminder', channel: 'sms', locale: 'en-US' }, { text });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors[0]).toMatchObject({ path: 'text', message: expect.stringMatching(limit) });
  });

  test('an ordinary loop is fine', () => {
    expect(checkTemplate({ type: 'reminder', channel: 'sms', locale: 'en-US' }, { text: '{% for i in (1..3) %}{{ subject }} {% endfor %}' }).ok).toBe(true);
  });
});

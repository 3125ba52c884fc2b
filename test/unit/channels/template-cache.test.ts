import { createTemplateCache } from '../../../src/channels/templates';

describe('createTemplateCache', () => {
  test('returns the same compiled template for the same source, and evicts the oldest', () => {
    const cache = createTemplateCache(2);
    const a = cache.compile('sms', { text: 'A {{ subject }}' });
    expect(cache.compile('sms', { text: 'A {{ subject }}' })).toBe(a);
    cache.compile('sms', { text: 'B' });
    cache.compile('sms', { text: 'C' });
    expect(cache.compile('sms', { text: 'A {{ subject }}' })).not.toBe(a);
  });

  test('caches failures too, and keeps email and sms apart', () => {
    const cache = createTemplateCache();
    expect(cache.compile('sms', { text: '{{ bad }}' }).ok).toBe(false);
    expect(cache.compile('email', { subject: 'x', html: 'x', text: 'x' }).ok).toBe(true);
  });
});

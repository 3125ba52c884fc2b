import { parseSendRates, rateFor, linesFor, DEFAULT_SEND_RATES } from '../../../src/domain';
import { ConfigError, parseConfig } from '../../../src/config';

describe('SEND_RATES', () => {
  test('the default: SMS 200/min, email 30/min, two concurrent calls per caller number (no call rate)', () => {
    const rates = parseSendRates(DEFAULT_SEND_RATES);
    expect(rates).toEqual({ ok: true, value: { byChannel: { sms: 200, email: 30 }, bySender: {}, linesByChannel: { voice: 2 }, linesBySender: {} } });
  });

  test('voice: a bare number is concurrent calls (per number, with overrides), a unit makes it a rate; both may be set', () => {
    const parsed = parseSendRates('voice=2, voice:+18005550100=5, voice=10/min, sms=50');
    if (!parsed.ok) throw new Error('refused');
    expect(linesFor(parsed.value, 'voice', '+18005550100')).toBe(5);
    expect(linesFor(parsed.value, 'voice', '+18005550199')).toBe(2);
    expect(rateFor(parsed.value, 'voice', '+18005550199')).toBe(10);
    // Elsewhere a bare number stays a rate per minute, and no channel but voice has lines.
    expect(rateFor(parsed.value, 'sms', 'x')).toBe(50);
    expect(linesFor(parsed.value, 'sms', 'x')).toBeUndefined();
    const rateOnly = parseSendRates('voice=10/min');
    expect(rateOnly.ok && linesFor(rateOnly.value, 'voice', 'x')).toBeUndefined();
  });

  test('a per-sender override wins over its channel; units per second and per hour', () => {
    const parsed = parseSendRates('sms=200/min, sms:+18005550100=6000/min, email=100/hour, whatsapp=5/s');
    if (!parsed.ok) throw new Error('refused');
    expect(rateFor(parsed.value, 'sms', '+18005550100')).toBe(6000);
    expect(rateFor(parsed.value, 'sms', '+18005550199')).toBe(200);
    expect(rateFor(parsed.value, 'email', 'noreply@contoso.com')).toBeCloseTo(100 / 60);
    expect(rateFor(parsed.value, 'whatsapp', 'x')).toBe(300);
    expect(rateFor(parsed.value, 'voice', 'x')).toBeUndefined();
  });

  test.each([
    ['fax=10/min', /item 1 must look like/],
    ['sms=200/week', /item 1 must look like/],
    ['sms=200,email=0', /item 2 must be a rate above 0/],
    ['sms=fast', /item 1/],
    ['sms=200/min,voice=2.5', /item 2 must be a whole number of concurrent calls from 1 to 1000/],
    ['voice=0', /item 1 must be a whole number of concurrent calls/],
    ['email=30/min,sms=1/s,voice:+18005550100=1001', /item 3 must be a whole number of concurrent calls/],
    [' , ', /at least one rate/],
  ])('%s is refused: %s', (text, message) => {
    const parsed = parseSendRates(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors[0]).toMatch(message);
  });

  test('the configuration names SEND_RATES, never its value', () => {
    let error: unknown;
    try {
      parseConfig({ AzureWebJobsStorage: 'x', SEND_RATES: 'sms=lots' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([{ variable: 'SEND_RATES', message: expect.stringMatching(/item 1 must look like/) }]);
    expect((error as Error).message).not.toContain('lots');
  });

  test('unset: the default rates', () => {
    expect(parseConfig({ AzureWebJobsStorage: 'x' }).SEND_RATES).toMatchObject({ byChannel: { sms: 200, email: 30 }, linesByChannel: { voice: 2 } });
  });
});

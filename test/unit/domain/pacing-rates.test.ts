import { parseSendRates, rateFor, DEFAULT_SEND_RATES } from '../../../src/domain';
import { ConfigError, parseConfig } from '../../../src/config';

describe('SEND_RATES', () => {
  test('the default: SMS 200/min, email 30/min, voice 2/min', () => {
    const rates = parseSendRates(DEFAULT_SEND_RATES);
    expect(rates).toEqual({ ok: true, value: { byChannel: { sms: 200, email: 30, voice: 2 }, bySender: {} } });
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
    expect(parseConfig({ AzureWebJobsStorage: 'x' }).SEND_RATES.byChannel).toEqual({ sms: 200, email: 30, voice: 2 });
  });
});

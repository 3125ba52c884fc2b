import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { channelModule } from '../../../../src/channels/registry';
import { NOT_A_MOBILE_NUMBER, smsRecipientProblem } from '../../../../src/channels/sms/sms-recipient';

/**
 * Real numbers of each type (libphonenumber's own example numbers where it has them), with the
 * type the `max` metadata gives them: the first assertion proves the number is the type the row
 * claims, so a row cannot pass by testing another type than it names.
 */
const NUMBERS: ReadonlyArray<readonly [string, string, string | undefined, 'sent' | 'refused']> = [
  ['a Spanish mobile', '+34612345678', 'MOBILE', 'sent'],
  ['a UK mobile', '+447400123456', 'MOBILE', 'sent'],
  ['a US number (fixed line or mobile)', '+14255550123', 'FIXED_LINE_OR_MOBILE', 'sent'],
  ['a Canadian number (fixed line or mobile)', '+15145550123', 'FIXED_LINE_OR_MOBILE', 'sent'],
  ['a UK VoIP number (056)', '+445612345678', 'VOIP', 'sent'],
  ['a UK personal number (070)', '+447012345678', 'PERSONAL_NUMBER', 'sent'],
  ['a Madrid landline', '+34911234567', 'FIXED_LINE', 'refused'],
  ['a London landline', '+442012345678', 'FIXED_LINE', 'refused'],
  ['a Paris landline', '+33123456789', 'FIXED_LINE', 'refused'],
  ['a UK pager (076)', '+447640123456', 'PAGER', 'refused'],
  ['a Spanish premium-rate number (803)', '+34803123456', 'PREMIUM_RATE', 'refused'],
  ['a UK premium-rate number (09)', '+449012345678', 'PREMIUM_RATE', 'refused'],
  ['a US premium-rate number (900)', '+19002345678', 'PREMIUM_RATE', 'refused'],
  ['a German voicemail number', '+49177991234567', 'VOICEMAIL', 'refused'],
  ['a Swiss voicemail number', '+41860123456789', 'VOICEMAIL', 'refused'],
  ['a US toll-free number', '+18005550100', 'TOLL_FREE', 'refused'],
  ['a Spanish toll-free number', '+34800123456', 'TOLL_FREE', 'refused'],
  ['a Spanish shared-cost number (901)', '+34901123456', 'SHARED_COST', 'refused'],
  ['a UK universal access number (055)', '+445512345678', 'UAN', 'refused'],
  ['a Spanish universal access number (51)', '+34511234567', 'UAN', 'refused'],
  // Ofcom's drama range: a UK mobile prefix the metadata does not type (not a valid number).
  ['a number the metadata cannot type', '+447700900123', undefined, 'sent'],
];

describe('which numbers an SMS may go to (API.md: not to landlines, pagers, premium-rate or voicemail)', () => {
  test.each(NUMBERS)('%s (%s, %s) → %s', (_what, number, type, verdict) => {
    expect(parsePhoneNumberFromString(number)?.getType()).toBe(type);
    expect(smsRecipientProblem(number)).toBe(verdict === 'sent' ? undefined : NOT_A_MOBILE_NUMBER);
  });

  test('the reason is exactly the one API.md records', () => {
    expect(NOT_A_MOBILE_NUMBER).toBe('not a mobile number');
  });

  test("every country's example mobile number is sent", () => {
    const countries = Object.keys(examples) as CountryCode[];
    expect(countries.length).toBeGreaterThan(200);
    const refused = countries.filter((country) => {
      const example = getExampleNumber(country, examples);
      return example !== undefined && smsRecipientProblem(example.number) !== undefined;
    });
    expect(refused).toEqual([]);
  });

  test('the SMS channel module carries the check; email has none', () => {
    expect(channelModule('sms').recipientProblem?.('+34911234567')).toBe(NOT_A_MOBILE_NUMBER);
    expect(channelModule('sms').recipientProblem?.('+34612345678')).toBeUndefined();
    expect(channelModule('email').recipientProblem).toBeUndefined();
  });
});

import { parsePhoneNumberFromString, type PhoneNumberType } from 'libphonenumber-js/max';

/** The reason a communication to a number that cannot take an SMS is recorded `failed` with (API.md). */
export const NOT_A_MOBILE_NUMBER = 'not a mobile number';

/**
 * Whether an SMS may go to a number of each type libphonenumber-js (`max` metadata: the default
 * metadata has no types) gives it. A `Record` over every type, so a type the library adds later
 * does not compile until someone decides it.
 *
 * - Sent: MOBILE; FIXED_LINE_OR_MOBILE (every US/CA number: the plan does not tell them apart, and
 *   API.md says they are sent); VOIP and PERSONAL_NUMBER (a person's own number, reached through an
 *   app or forwarded to their phone, which often takes SMS; API.md does not name them, and a
 *   reachable customer silently left out is worse than a failure the provider reports).
 * - Not sent (API.md names landline, pager, premium-rate and voicemail): FIXED_LINE, PAGER,
 *   PREMIUM_RATE (texting one can also cost money: toll fraud), VOICEMAIL; and the numbers of
 *   organisations rather than people: TOLL_FREE, SHARED_COST and UAN (a switchboard or call centre,
 *   not a customer's handset; the contact-centre reference blocks SHARED_COST and UAN outright and
 *   passes only MOBILE and FIXED_LINE_OR_MOBILE before a send).
 */
const SMS_REACHES: Readonly<Record<PhoneNumberType, boolean>> = {
  MOBILE: true,
  FIXED_LINE_OR_MOBILE: true,
  VOIP: true,
  PERSONAL_NUMBER: true,
  FIXED_LINE: false,
  PAGER: false,
  PREMIUM_RATE: false,
  VOICEMAIL: false,
  TOLL_FREE: false,
  SHARED_COST: false,
  UAN: false,
};

/**
 * Why an SMS must not go to this E.164 number ({@link NOT_A_MOBILE_NUMBER}), or undefined when it
 * may. A number the metadata cannot type (undefined) is sent: we do not block what we cannot
 * classify, and the provider reports a number it cannot reach.
 */
export function smsRecipientProblem(e164: string): string | undefined {
  const type = parsePhoneNumberFromString(e164)?.getType();
  return type === undefined || SMS_REACHES[type] ? undefined : NOT_A_MOBILE_NUMBER;
}

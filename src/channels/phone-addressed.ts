import { normalisePhone } from '../domain/meeting/phone';
import { fail, ok } from '../domain/result';
import type { ChannelModule } from './channel-module';

/**
 * What every channel addressed by the contact's phone number (SMS, WhatsApp, voice) does alike: the
 * address and the plan's reason without one, the test recipient (`sendTo`: an E.164 number), and a
 * test message sent as it is (none has a subject to mark; the admin asked for this number).
 */
export function phoneAddressed<N extends string, Content extends { readonly channel: N }>(name: N): Pick<ChannelModule<N, unknown, unknown, Content>, 'address' | 'noAddressReason' | 'parseTestRecipient' | 'asTest'> {
  return {
    address: (contact) => contact.phone,
    noAddressReason: 'no phone number',
    parseTestRecipient(input) {
      const phone = normalisePhone(input, 'sendTo');
      return phone.ok ? ok(phone.value) : fail(`must be a phone number in E.164 format (e.g. +14255550123) for the ${name} channel`);
    },
    asTest: (content) => content,
  };
}

import type { SmsContent } from '../../channels/sms';
import type { WhatsAppContent } from '../../channels/whatsapp';
import type { StoredDeflection } from '../../ports/deflection-store';

/**
 * The WhatsApp message of a deflection: the approved template the IVR named (or DEFLECTION_TEMPLATE),
 * with its parameters, no buttons. Its text (what the outbox shows) names the template: its approved
 * body lives at Meta.
 */
export function deflectionWhatsApp(d: StoredDeflection): WhatsAppContent {
  const { name, language, parameters } = d.template;
  const text = `WhatsApp template ${name} (${language})${parameters.length > 0 ? `: ${parameters.join(' · ')}` : ''}`;
  return { channel: 'whatsapp', text, freeText: null, buttons: [], template: { name, language, parameters, buttons: [] } };
}

/** The SMS fallback: a link that opens WhatsApp with our business number, and the ticket's reference. */
export function deflectionSms(d: StoredDeflection): SmsContent {
  const link = `https://wa.me/${d.businessPhone.replace(/^\+/, '')}`;
  const text = d.template.language.startsWith('es')
    ? `Continuamos su llamada por WhatsApp: ${link} Ref. ${d.ticketId}`
    : `Let's continue your call on WhatsApp: ${link} Ref ${d.ticketId}`;
  return { channel: 'sms', text };
}

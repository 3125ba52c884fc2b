import type { SupportedLocale } from '../locale';
import type { MenuAction, MenuKey } from '../settings/voice-settings';
import type { Closing } from './call-machine';

/** How a key is spoken: "star" and "pound" read better than the symbols. */
const KEY_NAMES: Readonly<Record<SupportedLocale, Partial<Record<MenuKey, string>>>> = {
  'en-US': { '*': 'star', '#': 'pound' },
  'es-ES': { '*': 'asterisco', '#': 'almohadilla' },
};

const ACTIONS: Readonly<Record<SupportedLocale, Record<MenuAction, string>>> = {
  'en-US': { confirm: 'to confirm', cancel: 'to cancel', connect: 'to speak with us', repeat: 'to hear this message again', end: 'to end the call' },
  'es-ES': { confirm: 'para confirmar', cancel: 'para cancelar', connect: 'para hablar con nosotros', repeat: 'para volver a escuchar este mensaje', end: 'para terminar la llamada' },
};

const PRESS: Readonly<Record<SupportedLocale, { press: string; or: string }>> = {
  'en-US': { press: 'Press', or: 'or' },
  'es-ES': { press: 'Pulse', or: 'o' },
};

const CLOSINGS: Readonly<Record<SupportedLocale, Record<Closing, string>>> = {
  'en-US': {
    confirmed: 'Thank you. Your appointment is confirmed. Goodbye.',
    cancelled: 'Your appointment has been cancelled. Goodbye.',
    noInput: 'We did not receive a response. Goodbye.',
    goodbye: 'Thank you. Goodbye.',
    connectFailed: 'We could not connect you right now. Please call us back. Goodbye.',
  },
  'es-ES': {
    confirmed: 'Gracias. Su cita queda confirmada. Adiós.',
    cancelled: 'Su cita ha sido cancelada. Adiós.',
    noInput: 'No hemos recibido respuesta. Adiós.',
    goodbye: 'Gracias. Adiós.',
    connectFailed: 'No hemos podido pasarle con nosotros ahora. Por favor, llámenos. Adiós.',
  },
};

/** Said before the message when it is spoken again. */
const AGAIN: Readonly<Record<SupportedLocale, string>> = { 'en-US': 'Here is the message again.', 'es-ES': 'Le repetimos el mensaje.' };

/**
 * The menu as spoken: "Press 1 to confirm, press 2 to cancel, or press 9 to hear this message again."
 * Empty for an empty menu.
 */
export function menuPrompt(menu: ReadonlyArray<readonly [MenuKey, MenuAction]>, locale: SupportedLocale): string {
  const { press, or } = PRESS[locale];
  const parts = menu.map(([key, action], index) => `${index === 0 ? press : press.toLowerCase()} ${KEY_NAMES[locale][key] ?? key} ${ACTIONS[locale][action]}`);
  if (parts.length === 0) return '';
  const last = parts.pop() as string;
  return `${parts.length > 0 ? `${parts.join(', ')}, ${or} ${last}` : last}.`;
}

/** What a call asks: the message (with a lead-in when repeated) followed by the menu. */
export function askText(message: string, menu: ReadonlyArray<readonly [MenuKey, MenuAction]>, locale: SupportedLocale, again: boolean): string {
  return [again ? AGAIN[locale] : '', message.trim(), menuPrompt(menu, locale)].filter((part) => part !== '').join(' ');
}

/** The closing sentence of a call. */
export const closingText = (closing: Closing, locale: SupportedLocale): string => CLOSINGS[locale][closing];

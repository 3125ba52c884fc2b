import type { SupportedLocale } from '../../domain';

/** The customer pages' words, per locale (written for customers of banks and clinics). */
export interface PageTexts {
  lang: string;
  confirmTitle: string;
  confirmIntro: string;
  when: string;
  where: string;
  online: string;
  cancelButton: string;
  cancelHint: string;
  cancelledTitle: string;
  cancelledBody: string;
  invalidTitle: string;
  invalidBody: string;
  tooManyTitle: string;
  tooManyBody: string;
  startedTitle: string;
  startedBody: string;
}

export const PAGE_TEXTS: Readonly<Record<SupportedLocale, PageTexts>> = {
  'en-US': {
    lang: 'en',
    confirmTitle: 'Cancel your appointment?',
    confirmIntro: 'This is the appointment you can cancel here:',
    when: 'When',
    where: 'Where',
    online: 'Online (Microsoft Teams)',
    cancelButton: 'Cancel this appointment',
    cancelHint: 'Nothing changes until you press the button.',
    cancelledTitle: 'Your appointment is cancelled',
    cancelledBody: 'We have cancelled this appointment. You can close this page.',
    invalidTitle: 'This link is no longer valid',
    invalidBody: 'The link has expired or the appointment has changed. Please use the link in your most recent message, or contact us.',
    tooManyTitle: 'Please try again in a moment',
    tooManyBody: 'We received too many requests. Wait a little and reload the page.',
    startedTitle: 'This appointment has already started',
    startedBody: 'It can no longer be cancelled online. Please contact us.',
  },
  'es-ES': {
    lang: 'es',
    confirmTitle: '¿Quiere anular su cita?',
    confirmIntro: 'Esta es la cita que puede anular aquí:',
    when: 'Cuándo',
    where: 'Dónde',
    online: 'En línea (Microsoft Teams)',
    cancelButton: 'Anular esta cita',
    cancelHint: 'No se anulará nada hasta que pulse el botón.',
    cancelledTitle: 'Su cita está anulada',
    cancelledBody: 'Hemos anulado esta cita. Ya puede cerrar esta página.',
    invalidTitle: 'Este enlace ya no es válido',
    invalidBody: 'El enlace ha caducado o la cita ha cambiado. Utilice el enlace de su mensaje más reciente o póngase en contacto con nosotros.',
    tooManyTitle: 'Vuelva a intentarlo en unos instantes',
    tooManyBody: 'Hemos recibido demasiadas solicitudes. Espere un poco y vuelva a cargar la página.',
    startedTitle: 'Esta cita ya ha empezado',
    startedBody: 'Ya no se puede anular por internet. Póngase en contacto con nosotros.',
  },
};

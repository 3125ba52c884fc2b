import { classifyReply } from '../../../../src/domain';

describe('classifyReply', () => {
  test.each([
    // confirm
    ['YES', undefined, 'confirm'], ['yes', undefined, 'confirm'], ['Y', undefined, 'confirm'], [' y. ', undefined, 'confirm'],
    ['SI', undefined, 'confirm'], ['Sí', 'es-ES', 'confirm'], ['sí, gracias', 'es-ES', 'confirm'], ['OUI', undefined, 'confirm'],
    ['Yes please!', undefined, 'confirm'], ['yes, see you then', undefined, 'confirm'], ['Yes, no problem', undefined, 'confirm'],
    // cancel
    ['NO', undefined, 'cancel'], ['no', undefined, 'cancel'], ['N', undefined, 'cancel'], ['Non', undefined, 'cancel'],
    ['no, sorry', undefined, 'cancel'], ['No puedo ir', 'es-ES', 'cancel'], ['NO!!!', undefined, 'cancel'],
    // reschedule
    ['RESCHEDULE', undefined, 'reschedule'], ['Can I reschedule?', undefined, 'reschedule'],
    ['reprogramar', 'es-ES', 'reschedule'], ['Reprogramar', 'es-MX', 'reschedule'], ['reprogramar', undefined, 'reschedule'],
    ['reprogramar', 'en-US', 'unknown'],
    // the stop family as the whole reply (case, accents, surrounding whitespace and punctuation ignored)
    ['STOP', undefined, 'stop'], ['stop', 'es-ES', 'stop'], ['StopAll', undefined, 'stop'], ['UNSUBSCRIBE', undefined, 'stop'],
    ['CANCEL', undefined, 'stop'], ['cancel', undefined, 'stop'], ['END', undefined, 'stop'], ['quit', undefined, 'stop'],
    ['Arrêt', undefined, 'stop'], ['ARRET', undefined, 'stop'], ['STOP.', undefined, 'stop'], ['stop!', undefined, 'stop'],
    ['  Stop.  ', undefined, 'stop'], ['\nCANCEL!!\n', undefined, 'stop'], ['¡Stop!', 'es-ES', 'stop'],
    // among other words it is no opt-out, and no answer either (contact-center.md §A.4)
    ['We have got to STOP this terrible bill', undefined, 'unknown'], ['No, stop texting me', undefined, 'unknown'],
    ['yes STOP', undefined, 'unknown'], ['please cancel my appointment', undefined, 'unknown'], ['STOP STOP', undefined, 'unknown'],
    ['stop 2', undefined, 'unknown'],
    // start / help: the whole reply only
    ['START', undefined, 'start'], ['unstop', undefined, 'start'], ['HELP', undefined, 'help'], ['info?', undefined, 'help'],
    ['ayuda', 'es-ES', 'help'], [' Help! ', undefined, 'help'],
    ['I need help', undefined, 'unknown'], ['start time?', undefined, 'unknown'], ['help me reschedule', undefined, 'reschedule'],
    ['yes, info later', undefined, 'confirm'],
    // ambiguous or unknown
    ['yes no', undefined, 'unknown'], ['Sí… no', 'es-ES', 'unknown'], ['', undefined, 'unknown'], ['   ', undefined, 'unknown'],
    ['Thanks!', undefined, 'unknown'], ['no problem', undefined, 'unknown'], ['No worries', undefined, 'unknown'],
    ['I said y', undefined, 'unknown'], ['J N Smith', undefined, 'unknown'], ['nobody', undefined, 'unknown'], ['yesterday', undefined, 'unknown'],
    ['stopping by later', undefined, 'unknown'], ['😀', undefined, 'unknown'],
  ] as const)('%j (%s) → %s', (text, locale, intent) => {
    expect(classifyReply(text, locale)).toBe(intent);
  });
});

describe('classifyReply with the institution\'s extra keywords', () => {
  const extra = { confirm: ['VALE', 'C'], cancel: ['NOPE'], reschedule: ['CAMBIAR'] };

  test.each([
    ['vale', 'es-ES', 'confirm'], ['Vale, allí estaré', 'es-ES', 'confirm'], ['vale', 'en-US', 'confirm'],
    ['Nope!', undefined, 'cancel'], ['cambiar', 'es-ES', 'reschedule'], ['Quiero cambiar la hora', 'es-ES', 'reschedule'],
    ['C', undefined, 'confirm'],
    // one letter counts only as the whole reply, like Y and N
    ['C street', undefined, 'unknown'],
    // built-in words and carrier words keep their meaning
    ['yes', undefined, 'confirm'], ['vale stop', 'es-ES', 'unknown'], ['stop', 'es-ES', 'stop'], ['vale nope', undefined, 'unknown'],
  ] as const)('%j (%s) → %s', (text, locale, intent) => {
    expect(classifyReply(text, locale, extra)).toBe(intent);
  });

  test('without them the same words mean nothing', () => {
    expect(['vale', 'Nope!', 'cambiar', 'C'].map((text) => classifyReply(text, 'es-ES'))).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  test('words are compared normalised, whatever form they are given in', () => {
    expect(classifyReply('CLARO', undefined, { confirm: [' claro! '] })).toBe('confirm');
  });

  test('an extra word can never take over a built-in one', () => {
    expect(classifyReply('yes', undefined, { cancel: ['YES'] })).toBe('confirm');
  });
});

import { askText, closingText, menuPrompt, parseSettings, spokenStart, DEFAULT_SETTINGS, activeMenu, voiceFor, defaultVoiceSettings } from '../../../../src/domain';

describe('spoken dates and times, in the recipient\'s zone', () => {
  test.each([
    ['2026-12-03T15:00:00Z', 'en-US', 'America/New_York', 'Thursday, December 3rd at 10 AM'],
    ['2026-12-01T14:30:00Z', 'en-US', 'America/New_York', 'Tuesday, December 1st at 9:30 AM'],
    ['2026-12-22T17:05:00Z', 'en-US', 'America/New_York', 'Tuesday, December 22nd at 12:05 PM'],
    ['2026-12-12T05:00:00Z', 'en-US', 'America/New_York', 'Saturday, December 12th at 12 AM'],
    ['2026-12-11T20:00:00Z', 'en-US', 'America/Los_Angeles', 'Friday, December 11th at 12 PM'],
    ['2026-12-03T09:00:00Z', 'es-ES', 'Europe/Madrid', 'el jueves 3 de diciembre a las 10:00'],
    ['2026-12-03T00:30:00Z', 'es-ES', 'Europe/Madrid', 'el jueves 3 de diciembre a la 1:30'],
    ['2026-07-01T16:15:00Z', 'es-ES', 'Europe/Madrid', 'el miércoles 1 de julio a las 18:15'],
  ] as const)('%s in %s (%s): %s', (start, locale, zone, expected) => {
    expect(spokenStart(start, locale, zone)).toBe(expected);
  });
});

describe('the spoken menu and closings', () => {
  const menu = activeMenu({ ...defaultVoiceSettings(), connectTo: '+14255550100' });
  test('en-US and es-ES, in key order; connect only with a number to connect to', () => {
    expect(menuPrompt(menu, 'en-US')).toBe('Press 1 to confirm, press 2 to cancel, press 3 to speak with us, or press 9 to hear this message again.');
    expect(menuPrompt(menu, 'es-ES')).toBe('Pulse 1 para confirmar, pulse 2 para cancelar, pulse 3 para hablar con nosotros, o pulse 9 para volver a escuchar este mensaje.');
    expect(menuPrompt(activeMenu(defaultVoiceSettings()), 'en-US')).toBe('Press 1 to confirm, press 2 to cancel, or press 9 to hear this message again.');
    expect(menuPrompt([['*', 'repeat']], 'en-US')).toBe('Press star to hear this message again.');
    expect(menuPrompt([], 'en-US')).toBe('');
  });
  test('the message is followed by the menu; a repeat says so first', () => {
    expect(askText(' Hello Bob. ', [['1', 'confirm']], 'en-US', false)).toBe('Hello Bob. Press 1 to confirm.');
    expect(askText('Hola Ana.', [['1', 'confirm']], 'es-ES', true)).toBe('Le repetimos el mensaje. Hola Ana. Pulse 1 para confirmar.');
    expect(closingText('noInput', 'es-ES')).toBe('No hemos recibido respuesta. Adiós.');
  });
  test('the voice follows the locale and the gender chosen', () => {
    const voice = defaultVoiceSettings();
    expect(voiceFor(voice, 'es-ES')).toBe('es-ES-ElviraNeural');
    expect(voiceFor({ ...voice, voices: { ...voice.voices, 'es-ES': { ...voice.voices['es-ES'], gender: 'male' } } }, 'es-ES')).toBe('es-ES-AlvaroNeural');
  });
});

describe('settings.voice in PUT', () => {
  const put = (voice: unknown) => parseSettings({ ...DEFAULT_SETTINGS, voice });
  const paths = (result: ReturnType<typeof put>) => (result.ok ? [] : result.errors.map((e) => e.path));
  test('left out, or partly given, it takes the defaults', () => {
    const { voice: _voice, ...rest } = DEFAULT_SETTINGS;
    const without = parseSettings({ ...rest, confirmation: { email: false, sms: false }, reminder: { ...rest.reminder, voice: undefined }, cancellation: { email: false, sms: false } });
    expect(without.ok && without.value.voice).toEqual(defaultVoiceSettings());
    expect(without.ok && without.value.confirmation.voice).toBe(false);
    const partial = put({ connectTo: '+14255550100', voices: { 'es-ES': { gender: 'male' } } });
    expect(partial.ok && partial.value.voice).toMatchObject({ connectTo: '+14255550100', menu: { '1': 'confirm' }, voices: { 'es-ES': { gender: 'male', male: 'es-ES-AlvaroNeural' }, 'en-US': { gender: 'female' } } });
  });
  test.each([
    ['a key that is not on a keypad', { menu: { '10': 'confirm' } }, 'voice.menu.10'],
    ['an action that does not exist', { menu: { '1': 'reschedule' } }, 'voice.menu.1'],
    ['one action on two keys', { menu: { '1': 'confirm', '5': 'confirm' } }, 'voice.menu.5'],
    ['a number that is not E.164', { connectTo: '425 555 0100' }, 'voice.connectTo'],
    ['a voice of another language', { voices: { 'es-ES': { female: 'en-US-JennyNeural' } } }, 'voice.voices.es-ES.female'],
    ['an HD voice', { voices: { 'en-US': { female: 'en-US-Ava:DragonHDLatestNeural' } } }, 'voice.voices.en-US.female'],
    ['a gender we do not offer', { voices: { 'en-US': { gender: 'other' } } }, 'voice.voices.en-US.gender'],
    ['a retry delay too short', { retry: { afterMinutes: 1 } }, 'voice.retry.afterMinutes'],
    ['too many retries', { retry: { attempts: 3 } }, 'voice.retry.attempts'],
    ['an unknown key', { menus: {} }, 'voice.menus'],
    ['a locale we have no templates for', { voices: { 'fr-FR': { female: 'fr-FR-DeniseNeural' } } }, 'voice.voices.fr-FR'],
  ])('%s is refused, naming the field', (_label, voice, path) => {
    expect(paths(put(voice))).toContain(path);
  });
});

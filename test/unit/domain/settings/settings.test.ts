import { DEFAULT_SETTINGS, NULLABLE_SETTINGS_PATHS, parseSettings, patchSettings, type Settings } from '../../../../src/domain';

const API_DEFAULTS = {
  enabled: false,
  confirmation: { email: false, sms: false, whatsapp: false, voice: false },
  reminder: { email: false, sms: false, whatsapp: false, voice: false, daysBefore: 2, sendAtLocalTime: null, lateBooking: 'skip' },
  cancellation: { email: false, sms: false, whatsapp: false, voice: false },
  defaultLocale: 'en-US',
  portal: { cancelUrlTemplate: null },
  replies: { enabled: false, timeoutHours: 24, acknowledge: true, keywords: { confirm: [], cancel: [], reschedule: [] } },
  quietHours: { enabled: false, start: '21:00', end: '08:00' },
  voice: {
    voices: { 'en-US': { gender: 'female', female: 'en-US-JennyNeural', male: 'en-US-GuyNeural' }, 'es-ES': { gender: 'female', female: 'es-ES-ElviraNeural', male: 'es-ES-AlvaroNeural' } },
    menu: { '1': 'confirm', '2': 'cancel', '3': 'connect', '9': 'repeat' },
    connectTo: null,
    retry: { attempts: 1, afterMinutes: 30 },
  },
};

describe('settings defaults', () => {
  test('are exactly the document of API.md (everything off)', () => {
    expect(DEFAULT_SETTINGS).toEqual(API_DEFAULTS);
    expect(parseSettings(API_DEFAULTS)).toEqual({ ok: true, value: API_DEFAULTS });
  });

  test('a document without the whatsapp toggles (an old client) parses with them off', () => {
    const old = { ...API_DEFAULTS, confirmation: { email: true, sms: false }, reminder: { ...API_DEFAULTS.reminder, whatsapp: undefined }, cancellation: { email: false, sms: false } };
    const parsed = parseSettings(JSON.parse(JSON.stringify(old)));
    expect(parsed).toMatchObject({ ok: true, value: { confirmation: { email: true, sms: false, whatsapp: false }, reminder: { whatsapp: false }, cancellation: { whatsapp: false } } });
  });

  test('cannot be modified by accident', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS.reminder)).toBe(true);
  });

  test('nullable fields are read from the schema', () => {
    expect([...NULLABLE_SETTINGS_PATHS].sort()).toEqual(['portal.cancelUrlTemplate', 'reminder.sendAtLocalTime']);
  });
});

const withReminder = (reminder: Record<string, unknown>) => ({ ...API_DEFAULTS, reminder: { ...API_DEFAULTS.reminder, ...reminder } });
const withPortal = (cancelUrlTemplate: unknown) => ({ ...API_DEFAULTS, portal: { cancelUrlTemplate } });

describe('parseSettings (PUT)', () => {
  test.each([
    ['daysBefore 1', withReminder({ daysBefore: 1 })],
    ['daysBefore 30', withReminder({ daysBefore: 30 })],
    ['sendAtLocalTime 00:00', withReminder({ sendAtLocalTime: '00:00' })],
    ['sendAtLocalTime 23:59', withReminder({ sendAtLocalTime: '23:59' })],
    ['lateBooking sendNow', withReminder({ lateBooking: 'sendNow' })],
    ['portal template with token', withPortal('https://portal.contoso.com/meetings/{meetingId}/cancel?t={token}')],
    ['portal template without token', withPortal('https://portal.contoso.com/m/{meetingId}')],
    ['es-ES default locale', { ...API_DEFAULTS, defaultLocale: 'es-ES' }],
  ])('accepts %s', (_label, document) => {
    expect(parseSettings(document)).toEqual({ ok: true, value: document });
  });

  test.each([
    ['daysBefore 0', withReminder({ daysBefore: 0 }), 'reminder.daysBefore', /at least 1/],
    ['daysBefore 31', withReminder({ daysBefore: 31 }), 'reminder.daysBefore', /at most 30/],
    ['daysBefore 1.5', withReminder({ daysBefore: 1.5 }), 'reminder.daysBefore', /whole number/],
    ['daysBefore "2"', withReminder({ daysBefore: '2' }), 'reminder.daysBefore', /must be a number/],
    ['sendAtLocalTime 9:00', withReminder({ sendAtLocalTime: '9:00' }), 'reminder.sendAtLocalTime', /HH:mm/],
    ['sendAtLocalTime 24:00', withReminder({ sendAtLocalTime: '24:00' }), 'reminder.sendAtLocalTime', /HH:mm/],
    ['sendAtLocalTime 09:00:00', withReminder({ sendAtLocalTime: '09:00:00' }), 'reminder.sendAtLocalTime', /HH:mm/],
    ['lateBooking later', withReminder({ lateBooking: 'later' }), 'reminder.lateBooking', /one of: "skip", "sendNow"/],
    ['enabled "true"', { ...API_DEFAULTS, enabled: 'true' }, 'enabled', /boolean/],
    ['missing enabled', { ...API_DEFAULTS, enabled: undefined }, 'enabled', /required/],
    ['missing confirmation.sms', { ...API_DEFAULTS, confirmation: { email: true } }, 'confirmation.sms', /required/],
    ['unsupported locale', { ...API_DEFAULTS, defaultLocale: 'fr-FR' }, 'defaultLocale', /one of/],
    ['unknown top-level key', { ...API_DEFAULTS, enable: true }, 'enable', /not a known field/],
    ['unknown nested key', withReminder({ daysbefore: 3 }), 'reminder.daysbefore', /not a known field/],
    ['http portal', withPortal('http://portal.contoso.com/{meetingId}'), 'portal.cancelUrlTemplate', /https/],
    ['portal without {meetingId}', withPortal('https://portal.contoso.com/cancel'), 'portal.cancelUrlTemplate', /\{meetingId\}/],
    ['portal with an unknown placeholder', withPortal('https://p.contoso.com/{meetingId}/{contactId}'), 'portal.cancelUrlTemplate', /\{contactId\}/],
    ['portal not a URL', withPortal('portal/{meetingId}'), 'portal.cancelUrlTemplate', /https/],
    ['null document', null, '', /object/],
  ])('rejects %s, naming %s', (_label, document, path, message) => {
    const result = parseSettings(document);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

describe('patchSettings (PATCH, RFC 7396)', () => {
  const current: Settings = { ...DEFAULT_SETTINGS, reminder: { ...DEFAULT_SETTINGS.reminder, sendAtLocalTime: '09:00' }, portal: { cancelUrlTemplate: 'https://p.contoso.com/{meetingId}' } };

  test.each([
    ['turns the master toggle on', { enabled: true }, (s: Settings) => s.enabled, true],
    ['changes one nested field, keeps siblings', { reminder: { daysBefore: 5 } }, (s: Settings) => [s.reminder.daysBefore, s.reminder.sendAtLocalTime], [5, '09:00']],
    ['null on a nullable field sets null', { reminder: { sendAtLocalTime: null } }, (s: Settings) => s.reminder.sendAtLocalTime, null],
    ['null on the portal template sets null', { portal: { cancelUrlTemplate: null } }, (s: Settings) => s.portal.cancelUrlTemplate, null],
    ['an empty patch changes nothing', {}, (s: Settings) => s, current],
  ])('%s', (_label, patch, pick, expected) => {
    const result = patchSettings(current, patch);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(pick(result.value)).toEqual(expected);
  });

  test.each([
    ['null on a required field', { enabled: null }, 'enabled', /required/],
    ['null on a required nested field', { reminder: { daysBefore: null } }, 'reminder.daysBefore', /required/],
    ['null on a whole section', { reminder: null }, 'reminder', /required/],
    ['a misspelt key', { reminder: { sendAt: '10:00' } }, 'reminder.sendAt', /not a known field/],
    ['an invalid value', { reminder: { daysBefore: 45 } }, 'reminder.daysBefore', /at most 30/],
    ['an array patch', [], '', /JSON object/],
    ['a string patch', 'x', '', /JSON object/],
    ['a __proto__ key', JSON.parse('{"__proto__": {"enabled": true}}'), '__proto__', /not a known field/],
  ])('rejects %s, naming %s', (_label, patch, path, message) => {
    const result = patchSettings(current, patch);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test('the current settings are not modified', () => {
    const snapshot = structuredClone(current);
    patchSettings(current, { enabled: true, reminder: { daysBefore: 9, sendAtLocalTime: null } });
    expect(current).toEqual(snapshot);
  });
});

import { DEFAULT_SETTINGS, parseSettings, patchSettings, type Settings } from '../../../../src/domain';

/** A settings document as a client written before `quietHours` existed sends it. */
const { quietHours: _quiet, ...LEGACY } = structuredClone(DEFAULT_SETTINGS) as Settings;
const DEFAULT_QUIET = { enabled: false, start: '21:00', end: '08:00' };

function errorsOf(document: unknown) {
  const result = parseSettings(document);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

describe('settings.quietHours', () => {
  test('a PUT without quietHours keeps the default (off, 21:00–08:00)', () => {
    expect(parseSettings(LEGACY)).toEqual({ ok: true, value: { ...LEGACY, quietHours: DEFAULT_QUIET } });
  });

  test('a missing key inside quietHours keeps its default', () => {
    const parsed = parseSettings({ ...LEGACY, quietHours: { enabled: true, end: '07:30' } });
    expect(parsed.ok && parsed.value.quietHours).toEqual({ enabled: true, start: '21:00', end: '07:30' });
  });

  test.each([
    ['start 25:00', { start: '25:00' }, 'quietHours.start', /HH:mm/],
    ['end 8:00', { end: '8:00' }, 'quietHours.end', /HH:mm/],
    ['start = end', { start: '08:00', end: '08:00' }, 'quietHours.end', /differ/],
    ['enabled "yes"', { enabled: 'yes' }, 'quietHours.enabled', /boolean/],
    ['an unknown key', { from: '21:00' }, 'quietHours.from', /not a known field/],
  ])('%s → refused, naming the field', (_label, quietHours, path, message) => {
    const errors = errorsOf({ ...LEGACY, quietHours });
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining(path), message: expect.stringMatching(message) })]));
  });

  test('PATCH turns quiet hours on and keeps the window', () => {
    const patched = patchSettings(DEFAULT_SETTINGS, { quietHours: { enabled: true } });
    expect(patched.ok && patched.value.quietHours).toEqual({ ...DEFAULT_QUIET, enabled: true });
  });
});
